namespace AutoDiffLbfgs.Tests.Bounds;

/// <summary>
/// The curve fit of the L-BFGS-B reference problems, written as a user writes it: the generator supplies the gradient
/// the solver runs on. Its formula equals make_lbfgsb_fixtures.py's (the box quadratics use HessianObjectives.Quadratic).
/// </summary>
public static partial class BoundedObjectives
{
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
