using AutoDiffLbfgs;

namespace CurveFit;

/// <summary>Fits the decay model to measurements with L-BFGS on the generated objective and estimates uncertainties.</summary>
public static class CurveFitter
{
    /// <summary>
    /// A start point read off the data: c from the last value, a from the first value minus c, and a rate that makes
    /// the curve fall by about e over the measured span. Least squares on exponentials converges from here without
    /// wandering into huge e^(−b·t).
    /// </summary>
    public static double[] InitialGuess(Measurements data)
    {
        double c = data.Values[^1];
        double a = data.Values[0] - c;
        double b = 1.0 / Math.Max(data.Times[^1] - data.Times[0], double.Epsilon);
        return [a, b, c];
    }

    /// <summary>
    /// Minimises the sum of squared residuals S(p) from <paramref name="start"/> and computes the covariance of the
    /// parameters at the result.
    /// </summary>
    /// <param name="data">The measurements; there must be more of them than parameters.</param>
    /// <param name="start">Start point (a, b, c).</param>
    /// <param name="progress">Called after every iteration (may return false to stop); null for none.</param>
    /// <param name="cancellationToken">Stops the solve; the fit then describes the best point found so far.</param>
    public static FitResult Fit(Measurements data, ReadOnlySpan<double> start, LbfgsCallback? progress = null, CancellationToken cancellationToken = default)
    {
        const int p = DecayModel.ParameterCount;
        if (start.Length != p) throw new ArgumentException($"The start point needs {p} parameters (a, b, c).", nameof(start));
        if (data.Count <= p) throw new ArgumentException($"A fit of {p} parameters needs more than {p} measurements.", nameof(data));

        var parameters = start.ToArray();
        var objective = new DecayModel.SumOfSquaresObjective(data.Times, data.Values);
        var options = new LbfgsOptions
        {
            // Tighter than the default 1e-5: the parameters should be accurate far below their uncertainties, and a
            // 3-parameter solve costs nothing.
            RelativeGradientTolerance = 1e-9,
            LowerBounds = DecayModel.LowerBounds,
            Callback = progress,
        };
        var solver = Lbfgs.Minimize(objective, parameters.AsSpan(), options, cancellationToken);

        double sumOfSquares = DecayModel.SumOfSquares(parameters, data.Times, data.Values);
        var atBound = new bool[p];
        for (int i = 0; i < p; i++) atBound[i] = parameters[i] == DecayModel.LowerBounds[i];
        int free = atBound.Count(held => !held);
        double residualVariance = sumOfSquares / (data.Count - free);
        var covariance = Covariance(objective, parameters, atBound, residualVariance);
        var uncertainties = new double[p];
        for (int i = 0; i < p; i++) uncertainties[i] = Math.Sqrt(covariance[i, i]);
        return new FitResult(parameters, uncertainties, covariance, sumOfSquares, residualVariance, atBound, solver);
    }

    /// <summary>
    /// C = σ²·(½∇²S)⁻¹. Near the minimum S ≈ Σ rᵢ² has ∇²S = 2·JᵀJ + 2·Σ rᵢ∇²rᵢ, and the second term is small when the
    /// model fits, so ½∇²S stands in for the Gauss–Newton JᵀJ of the textbook formula σ²·(JᵀJ)⁻¹. The Hessian is exact:
    /// three generated Hessian-vector products. A parameter held at its bound is not estimated: its row and column are 0
    /// and the others come from the Hessian of the free parameters alone.
    /// </summary>
    private static double[,] Covariance(DecayModel.SumOfSquaresObjective objective, double[] parameters, bool[] atBound, double residualVariance)
    {
        int[] free = Enumerable.Range(0, parameters.Length).Where(i => !atBound[i]).ToArray();
        int n = free.Length;
        var hessian = DenseHessian.Compute(objective, (ReadOnlySpan<double>)parameters);
        var halfHessian = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            // The HVP columns are symmetric only up to rounding; average the two triangles.
            for (int j = 0; j < n; j++) halfHessian[i, j] = 0.25 * (hessian[free[i], free[j]] + hessian[free[j], free[i]]);
        }

        var covariance = new double[parameters.Length, parameters.Length];
        bool invertible = Cholesky.TryInvert(halfHessian, out var inverse);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++) covariance[free[i], free[j]] = invertible ? residualVariance * inverse[i, j] : double.NaN;
        }
        return covariance;
    }
}
