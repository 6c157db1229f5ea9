namespace AutoDiffLbfgs.Tests.Bounds;

/// <summary>
/// The objectives of the L-BFGS-B reference problems that are not MGH problems, written as a user writes them: the
/// generator supplies the gradients the solver runs on. Their formulas equal make_lbfgsb_fixtures.py's.
/// </summary>
public static partial class BoundedObjectives
{
    /// <summary>½xᵀAx − bᵀx, A row-major n × n (the random convex box quadratics).</summary>
    [Objective]
    public static double Quadratic(ReadOnlySpan<double> x, double[] a, double[] b)
    {
        int n = x.Length;
        double f = 0;
        for (int i = 0; i < n; i++)
        {
            double row = 0;
            for (int j = 0; j < n; j++) row += a[i * n + j] * x[j];
            f += 0.5 * x[i] * row - b[i] * x[i];
        }
        return f;
    }

    /// <summary>½Σ(a·exp(−k·tᵢ) + c − yᵢ)², x = (a, k, c): an exponential decay with a baseline (the bounded curve fit).</summary>
    [Objective]
    public static double DecayFit(ReadOnlySpan<double> x, double[] t, double[] y)
    {
        double f = 0;
        for (int i = 0; i < t.Length; i++)
        {
            double r = x[0] * Math.Exp(-x[1] * t[i]) + x[2] - y[i];
            f += 0.5 * r * r;
        }
        return f;
    }
}
