using System.Globalization;
using System.Text;

namespace AutoDiffLbfgs.Tests.Gradients.Checking;

/// <summary>
/// Compares a gradient with the finite-difference reference of <see cref="FiniteDifference"/>, component by
/// component, with explicit tolerances.
/// </summary>
/// <remarks>
/// Tolerance of component i: <c>tol_i = relative · scale_i + 64 ε F / h_i</c>.
/// <list type="bullet">
/// <item><description>The second term is the rounding error of the reference itself (see the error model on
/// <see cref="FiniteDifference"/>: ≈ 1.5 κ ε F / h, allowed here for κ up to ~40).</description></item>
/// <item><description>double gradients: relative = 1e-6 and scale_i = max(1, |g_fd,i|). The generated gradient is exact up to
/// rounding (~1e-15 relative) and the reference is good to ~1e-10, so 1e-6 leaves four orders of margin on both
/// sides while any real defect — a dropped term, a wrong factor, a missed iteration of a loop of length ≤ 100 — is
/// at least ~1e-3 relative.</description></item>
/// <item><description>float gradients: relative = 2e-4 and scale_i = max(1, ‖g_fd‖∞). A float gradient is a sum of
/// products computed with ε_f = 6e-8; with tens of operations and terms no larger than the largest partial, its
/// error is below ~30 ε_f ‖g‖∞ ≈ 2e-6 ‖g‖∞, hundredfold inside the tolerance.</description></item>
/// </list>
/// NaN or infinite components always fail.
/// </remarks>
public static class GradientChecker
{
    /// <summary>Relative tolerance for double gradients.</summary>
    public const double DoubleRelativeTolerance = 1e-6;

    /// <summary>Relative tolerance for float gradients, scaled by the largest reference component.</summary>
    public const double FloatRelativeTolerance = 2e-4;

    /// <summary>The allowance for the rounding error of the reference: 64 ε with ε = 2⁻⁵², the double machine epsilon.</summary>
    public const double RoundingAllowance = 64.0 * 2.220446049250313e-16;

    /// <summary>
    /// Describes every component of <paramref name="actual"/> outside its tolerance around <paramref name="reference"/>;
    /// an empty list means the gradient passed.
    /// </summary>
    /// <param name="actual">The gradient under test, in double.</param>
    /// <param name="reference">The finite-difference reference.</param>
    /// <param name="x">The point, to recompute the steps.</param>
    /// <param name="relativeStep">The relative step the reference used.</param>
    /// <param name="valueScale">F, the largest |f| on the stencil.</param>
    /// <param name="isSinglePrecision">Whether the gradient was computed in float.</param>
    public static IReadOnlyList<string> Compare(
        double[] actual, double[] reference, double[] x, double relativeStep, double valueScale, bool isSinglePrecision)
    {
        var mismatches = new List<string>();
        double largest = reference.Select(Math.Abs).DefaultIfEmpty(0.0).Max();
        for (int i = 0; i < reference.Length; i++)
        {
            double tolerance = Tolerance(reference[i], largest, x, i, relativeStep, valueScale, isSinglePrecision);
            double error = Math.Abs(actual[i] - reference[i]);
            if (!(error <= tolerance))
            {
                mismatches.Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $"g[{i}] = {actual[i]:R}, finite differences {reference[i]:R}, |error| {error:E2} > tolerance {tolerance:E2}"));
            }
        }

        return mismatches;
    }

    /// <summary>The tolerance of component <paramref name="i"/>, as documented on the class.</summary>
    public static double Tolerance(
        double referenceComponent, double largestComponent, double[] x, int i, double relativeStep, double valueScale, bool isSinglePrecision)
    {
        double scale = isSinglePrecision ? Math.Max(1.0, largestComponent) : Math.Max(1.0, Math.Abs(referenceComponent));
        double relative = isSinglePrecision ? FloatRelativeTolerance : DoubleRelativeTolerance;
        return relative * scale + RoundingAllowance * valueScale / FiniteDifference.Step(x, i, relativeStep);
    }

    /// <summary>Formats a point for failure messages, round-trippable so a failure can be replayed.</summary>
    public static string Format(IEnumerable<double> x)
    {
        var text = new StringBuilder("[");
        text.AppendJoin(", ", x.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
        return text.Append(']').ToString();
    }
}
