namespace AutoDiffLbfgs.Tests.Gradients.Checking;

/// <summary>
/// Reference gradients by central differences with one step of Richardson extrapolation, in double precision.
/// </summary>
/// <remarks>
/// Error model. With D(h) = (f(x + h e_i) − f(x − h e_i)) / 2h, Taylor expansion gives
/// D(h) = f' + f⁽³⁾h²/6 + f⁽⁵⁾h⁴/120 + O(h⁶), so R = (4 D(h/2) − D(h)) / 3 = f' − f⁽⁵⁾h⁴/480 + O(h⁶).
/// Rounding: each evaluation of f carries an error of at most about κ·ε·F (ε = 2⁻⁵² ≈ 2.2e-16, F the largest |f| on
/// the stencil, κ a small condition factor of the evaluation), which R amplifies by (4/3)(2/h)/2 + (1/3)(1/h)/2 ≈ 1.5/h.
/// With h = 1e-3·max(1, |x_i|) the truncation term is ≈ 2e-15·|f⁽⁵⁾| and the rounding term ≈ 3e-13·κ·F, both
/// many orders below the tolerances of <see cref="GradientChecker"/>. The step is made exactly representable
/// (h = (x + h) − x) so that the divisor is the true distance between the evaluation points.
/// </remarks>
public static class FiniteDifference
{
    /// <summary>The default step relative to max(1, |x_i|).</summary>
    public const double DefaultRelativeStep = 1e-3;

    /// <summary>The Richardson-extrapolated central-difference gradient of <paramref name="f"/> at <paramref name="x"/>.</summary>
    /// <param name="f">The function, evaluated in double precision.</param>
    /// <param name="x">The point; not modified.</param>
    /// <param name="relativeStep">h_i = relativeStep · max(1, |x_i|).</param>
    /// <param name="valueScale">Receives F, the largest |f| over the stencil, for the rounding term of the tolerance.</param>
    public static double[] Gradient(Func<double[], double> f, double[] x, double relativeStep, out double valueScale)
    {
        var gradient = new double[x.Length];
        var probe = (double[])x.Clone();
        double scale = Math.Abs(f(probe));
        for (int i = 0; i < x.Length; i++)
        {
            double h = relativeStep * Math.Max(1.0, Math.Abs(x[i]));
            double coarse = Central(f, probe, i, h, ref scale);
            double fine = Central(f, probe, i, h / 2, ref scale);
            gradient[i] = (4.0 * fine - coarse) / 3.0;
        }

        valueScale = scale;
        return gradient;
    }

    /// <summary>The step actually used for coordinate <paramref name="i"/> of <paramref name="x"/>.</summary>
    public static double Step(double[] x, int i, double relativeStep) => relativeStep * Math.Max(1.0, Math.Abs(x[i]));

    private static double Central(Func<double[], double> f, double[] probe, int i, double h, ref double scale)
    {
        double xi = probe[i];
        double plus = xi + h, minus = xi - h;
        probe[i] = plus;
        double fPlus = f(probe);
        probe[i] = minus;
        double fMinus = f(probe);
        probe[i] = xi;
        scale = Math.Max(scale, Math.Max(Math.Abs(fPlus), Math.Abs(fMinus)));
        return (fPlus - fMinus) / (plus - minus);
    }
}
