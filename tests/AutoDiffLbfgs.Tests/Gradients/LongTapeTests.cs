using AutoDiffLbfgs.Tests.Gradients.Objectives;

namespace AutoDiffLbfgs.Tests.Gradients;

/// <summary>
/// Taped loops far longer than the small cases of <see cref="GradientTests"/>: the tape must grow (and come back
/// from its pool) without losing or reordering entries. Checked against closed-form gradients, so no finite
/// differences are needed at this size; the variables are a slice at an offset of a larger array, as a solver's
/// workspace would pass them.
/// </summary>
public sealed class LongTapeTests
{
    /// <summary>Closed form and generated code differ only in rounding (~1e-15 relative); any tape defect is O(1).</summary>
    private const double RelativeTolerance = 1e-10;

    [Theory]
    [InlineData(10)]
    [InlineData(5_000)]
    public void HornerGradientIsExactForLongTapes(int n)
    {
        double[] c = GradientCases.HornerCoefficients;
        var storage = GradientCases.Uniform(n + 7, -1.5, 1.5)(new Random(n));
        var x = storage.AsSpan(3, n);

        var expected = new double[n];
        double expectedValue = 0.0;
        for (int i = 0; i < n; i++)
        {
            // Horner for p and p' together: p' ← p'·t + p, then p ← p·t + c_k.
            double t = x[i], p = c[0], dp = 0.0;
            for (int k = 1; k < c.Length; k++)
            {
                dp = dp * t + p;
                p = p * t + c[k];
            }

            expectedValue += p * p;
            expected[i] = 2.0 * p * dp;
        }

        var gradient = new double[n];
        double value = ClassicObjectives.HornerGradient(x, gradient, c);

        AssertClose(expectedValue, value);
        for (int i = 0; i < n; i++) AssertClose(expected[i], gradient[i], i);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(50_000)]
    public void LogSumExpGradientIsTheSoftmaxForLongTapes(int n)
    {
        var storage = GradientCases.Uniform(n + 5, -20, 20)(new Random(n));
        var x = storage.AsSpan(2, n);

        double m = double.NegativeInfinity;
        foreach (var v in x) m = Math.Max(m, v);
        double s = 0.0;
        foreach (var v in x) s += Math.Exp(v - m);

        var gradient = new double[n];
        double value = ClassicObjectives.LogSumExpGradient(x, gradient);

        AssertClose(m + Math.Log(s), value);
        for (int i = 0; i < n; i++) AssertClose(Math.Exp(x[i] - m) / s, gradient[i], i);
        AssertClose(1.0, gradient.Sum());
    }

    [Fact]
    public void ProductGradientIsExactForALongProduct()
    {
        // Factors in [0.5, 2.5]: keep n moderate so the product stays finite (2.5^300 ≈ 1e119).
        const int n = 300;
        var x = GradientCases.Uniform(n, -1, 1)(new Random(9));
        double p = 1.0;
        foreach (var v in x) p *= 1.5 + Math.Sin(v);
        double sumX = x.Sum();

        var gradient = new double[n];
        double value = ClassicObjectives.ProductGradient(x, gradient);

        // f = p + Σx/p: ∂f/∂x_i = (1 − Σx/p²) · ∂p/∂x_i + 1/p, with ∂p/∂x_i = p cos x_i / (1.5 + sin x_i).
        AssertClose(p + sumX / p, value);
        for (int i = 0; i < n; i++)
        {
            double dp = p * Math.Cos(x[i]) / (1.5 + Math.Sin(x[i]));
            AssertClose((1.0 - sumX / (p * p)) * dp + 1.0 / p, gradient[i], i);
        }
    }

    private static void AssertClose(double expected, double actual, int index = -1) =>
        Assert.True(
            Math.Abs(actual - expected) <= RelativeTolerance * Math.Max(1.0, Math.Abs(expected)),
            $"{(index >= 0 ? $"g[{index}]" : "value")}: expected {expected:R}, generated {actual:R}.");
}
