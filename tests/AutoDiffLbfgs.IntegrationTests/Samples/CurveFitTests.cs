using CurveFit;

namespace AutoDiffLbfgs.IntegrationTests.Samples;

/// <summary>
/// The CurveFit sample's fitting code (compiled into this project from samples/CurveFit) on the sample's own data set.
/// </summary>
public sealed class CurveFitTests
{
    private static readonly double[] TrueParameters = [5.0, 0.8, 1.0];
    private static readonly Measurements Data = Measurements.Synthesize(TrueParameters, count: 20, duration: 6.0, noise: 0.05, seed: 2026);

    [Fact]
    public void FitRecoversTheTrueParametersWithinThreeStandardUncertainties()
    {
        var fit = CurveFitter.Fit(Data, CurveFitter.InitialGuess(Data));

        Assert.True(fit.Solver.Converged, fit.Solver.ToString());
        for (int i = 0; i < DecayModel.ParameterCount; i++)
        {
            Assert.True(double.IsFinite(fit.Uncertainties[i]) && fit.Uncertainties[i] > 0, $"uncertainty of {DecayModel.ParameterNames[i]}: {fit.Uncertainties[i]}");
            Assert.True(
                Math.Abs(fit.Parameters[i] - TrueParameters[i]) <= 3 * fit.Uncertainties[i],
                $"{DecayModel.ParameterNames[i]} = {fit.Parameters[i]} ± {fit.Uncertainties[i]}, true {TrueParameters[i]}");
        }
        // The residual scatter estimates the noise that made the data.
        Assert.InRange(Math.Sqrt(fit.ResidualVariance), 0.5 * 0.05, 2 * 0.05);
    }

    [Fact]
    public void CovarianceFromTheExactHessianAgreesWithTheGaussNewtonCovariance()
    {
        var fit = CurveFitter.Fit(Data, CurveFitter.InitialGuess(Data));

        // σ²·(JᵀJ)⁻¹ with the model's Jacobian written by hand: ∂y/∂a = e^(−bt), ∂y/∂b = −a·t·e^(−bt), ∂y/∂c = 1.
        // It differs from σ²·(½∇²S)⁻¹ only by the residual-curvature term Σ rᵢ∇²rᵢ, small for a good fit.
        double a = fit.Parameters[0], b = fit.Parameters[1];
        var normal = new double[3, 3];
        foreach (double t in Data.Times)
        {
            double e = Math.Exp(-b * t);
            double[] row = [e, -a * t * e, 1.0];
            for (int i = 0; i < 3; i++)
            {
                for (int j = 0; j < 3; j++) normal[i, j] += row[i] * row[j];
            }
        }
        Assert.True(Cholesky.TryInvert(normal, out var inverse));

        for (int i = 0; i < 3; i++)
        {
            double gaussNewton = Math.Sqrt(fit.ResidualVariance * inverse[i, i]);
            Assert.True(Math.Abs(fit.Uncertainties[i] - gaussNewton) <= 0.1 * gaussNewton, $"{DecayModel.ParameterNames[i]}: {fit.Uncertainties[i]} vs Gauss–Newton {gaussNewton}");
        }
    }

    [Fact]
    public void NoBoundIsActiveOnTheSampleData()
    {
        var fit = CurveFitter.Fit(Data, CurveFitter.InitialGuess(Data));
        Assert.Equal(LbfgsAlgorithm.LbfgsB, fit.Solver.Algorithm);
        Assert.All(fit.AtBound, Assert.False);
    }

    [Fact]
    public void ANegativeBaselineIsHeldAtItsBoundAndTheOthersAreStillEstimated()
    {
        // True c = −0.3 (noise σ = 0.05, so the data clearly ask for c < 0): c ≥ 0 becomes active, a and b keep finite
        // uncertainties from the 2 × 2 Hessian of the free parameters, and the fit is no worse than any c = 0 point nearby.
        var data = Measurements.Synthesize([5.0, 0.8, -0.3], count: 20, duration: 6.0, noise: 0.05, seed: 2026);
        var fit = CurveFitter.Fit(data, CurveFitter.InitialGuess(data));
        Assert.True(fit.Solver.Converged, fit.Solver.ToString());
        Assert.Equal([false, false, true], fit.AtBound);
        Assert.Equal(0, fit.Parameters[2]);
        Assert.Equal(0, fit.Uncertainties[2]);
        Assert.True(fit.Uncertainties[0] > 0 && fit.Uncertainties[1] > 0);
        double[] nudged = [fit.Parameters[0] * 1.001, fit.Parameters[1], 0];
        Assert.True(fit.SumOfSquares <= DecayModel.SumOfSquares(nudged, data.Times, data.Values));
    }

    [Fact]
    public void CancelledFitReturnsTheBestPointSoFar()
    {
        var start = CurveFitter.InitialGuess(Data);
        double startValue = DecayModel.SumOfSquares(start, Data.Times, Data.Values);
        using var cancel = new CancellationTokenSource();

        // Cancel as Ctrl+C would, from outside the solver, after the second step.
        var fit = CurveFitter.Fit(Data, start, progress =>
        {
            if (progress.Iteration == 2) cancel.Cancel();
            return true;
        }, cancel.Token);

        Assert.Equal(LbfgsTermination.Cancelled, fit.Solver.Termination);
        Assert.InRange(fit.Solver.Iterations, 2, 3);
        Assert.True(fit.SumOfSquares < startValue);
        Assert.Equal(fit.Solver.Value, fit.SumOfSquares, 12);
    }

    [Fact]
    public void CholeskyInverseTimesTheMatrixIsTheIdentityAndIndefiniteMatricesAreRejected()
    {
        double[,] spd = { { 4, 2, 0.6 }, { 2, 5, 1 }, { 0.6, 1, 3 } };
        Assert.True(Cholesky.TryInvert(spd, out var inverse));
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                double product = 0;
                for (int k = 0; k < 3; k++) product += spd[i, k] * inverse[k, j];
                Assert.Equal(i == j ? 1.0 : 0.0, product, 12);
            }
        }

        double[,] indefinite = { { 1, 2 }, { 2, 1 } };
        Assert.False(Cholesky.TryInvert(indefinite, out _));
    }
}
