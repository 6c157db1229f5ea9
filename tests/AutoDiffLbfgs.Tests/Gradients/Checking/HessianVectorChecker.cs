using System.Globalization;

namespace AutoDiffLbfgs.Tests.Gradients.Checking;

/// <summary>A Hessian-vector product call, as <c>FHessianVectorProduct</c> or <c>FObjective.HessianVectorProduct</c>.</summary>
public delegate void HessianVectorFunction(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result);

/// <summary>
/// Checks a generated Hessian-vector product against central differences of the generated gradient along the
/// direction, with one step of Richardson extrapolation.
/// </summary>
/// <remarks>
/// The reference is R = (4 D(h/2) − D(h)) / 3 with D(h) = (∇f(x + h v) − ∇f(x − h v)) / 2h, so its truncation error is
/// O(h⁴) as for <see cref="FiniteDifference"/>. The gradient is the generated one, itself checked against finite
/// differences of f; its rounding error (a few ε·G, G the largest gradient component on the stencil) is amplified
/// by about 1.5/h. With h = 1e-3 / max(1, ‖x‖∞)·‖v‖∞ the tolerance 1e-6·max(1, |R_i|) + 64 ε G / h leaves
/// orders of magnitude on both sides, while a wrong second derivative is off by far more.
/// </remarks>
public static class HessianVectorChecker
{
    /// <summary>Relative tolerance of a component.</summary>
    public const double RelativeTolerance = 1e-6;

    /// <summary>
    /// Describes every component of the product at <paramref name="x"/> along <paramref name="v"/> outside its
    /// tolerance; an empty list means it passed.
    /// </summary>
    public static IReadOnlyList<string> Compare(GradientFunction<double> gradient, HessianVectorFunction product, double[] x, double[] v)
    {
        var actual = new double[x.Length];
        actual.AsSpan().Fill(double.NaN);
        product(x, v, actual);

        double h = 1e-3 * Math.Max(1.0, x.Max(Math.Abs)) / Math.Max(1e-3, v.Max(Math.Abs));
        double scale = 0.0;
        var coarse = Difference(gradient, x, v, h, ref scale);
        var fine = Difference(gradient, x, v, h / 2, ref scale);

        var mismatches = new List<string>();
        for (int i = 0; i < x.Length; i++)
        {
            double reference = (4.0 * fine[i] - coarse[i]) / 3.0;
            double tolerance = RelativeTolerance * Math.Max(1.0, Math.Abs(reference)) + GradientChecker.RoundingAllowance * scale / h;
            double error = Math.Abs(actual[i] - reference);
            if (!(error <= tolerance))
            {
                mismatches.Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $"(Hv)[{i}] = {actual[i]:R}, finite differences of the gradient {reference:R}, |error| {error:E2} > tolerance {tolerance:E2}"));
            }
        }

        return mismatches;
    }

    /// <summary>D(h); <paramref name="scale"/> receives the largest gradient component seen.</summary>
    private static double[] Difference(GradientFunction<double> gradient, double[] x, double[] v, double h, ref double scale)
    {
        var plus = x.Select((xi, i) => xi + h * v[i]).ToArray();
        var minus = x.Select((xi, i) => xi - h * v[i]).ToArray();
        var gPlus = new double[x.Length];
        var gMinus = new double[x.Length];
        gradient(plus, gPlus);
        gradient(minus, gMinus);
        scale = Math.Max(scale, Math.Max(gPlus.Max(Math.Abs), gMinus.Max(Math.Abs)));
        return gPlus.Select((g, i) => (g - gMinus[i]) / (2.0 * h)).ToArray();
    }
}
