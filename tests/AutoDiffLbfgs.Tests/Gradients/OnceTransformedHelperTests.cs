using AutoDiffLbfgs.Tests.Gradients.Objectives;

namespace AutoDiffLbfgs.Tests.Gradients;

/// <summary>
/// Helpers transformed once (generated methods called at every site) in single precision. Gradients, values and the
/// double objectives' Hessian-vector products are checked against finite differences with the other cases
/// (<see cref="GradientTests"/>, <see cref="ControlFlowAndHelperTests"/>); a float Hessian-vector product cannot be, since finite
/// differences of a float gradient keep too few digits, so it is compared with that of its generated double twin.
/// </summary>
public sealed class OnceTransformedHelperTests
{
    [Fact]
    public void FloatHessianVectorProductMatchesItsDoubleTwin()
    {
        var random = new Random(11);
        int points = 0;
        while (points < 8)
        {
            var x = Enumerable.Range(0, 4).Select(_ => 4.0 * random.NextDouble() - 2.0).ToArray();
            if (!ControlFlowAndHelperCases.SoftClipIsSmoothAt(x)) continue;
            var v = Enumerable.Range(0, 4).Select(_ => random.NextDouble() - 0.5).ToArray();
            var expected = new double[4];
            OnceTransformedHelperObjectives.DoubleSoftClipHessianVectorProduct(x, v, expected);
            var actual = new float[4];
            OnceTransformedHelperObjectives.FloatSoftClipHessianVectorProduct(x.Select(a => (float)a).ToArray(), v.Select(a => (float)a).ToArray(), actual);

            // The inputs differ by their rounding to float (relative 6e-8) and each entry is a sum of a few products of
            // O(1) terms each rounded to float, with second derivatives at most 1/width = 2: 1e-5 is about 100 ulp of
            // the largest term, while a wrong second derivative term would be off by O(0.1).
            for (int i = 0; i < 4; i++)
            {
                Assert.True(Math.Abs(actual[i] - expected[i]) <= 1e-5 * Math.Max(1.0, Math.Abs(expected[i])),
                    $"(Hv)[{i}] = {actual[i]:R} in float, {expected[i]:R} in double, at x = [{string.Join(", ", x)}], v = [{string.Join(", ", v)}]");
            }
            points++;
        }
    }

    [Fact]
    public void FloatSpanHelperHessianVectorProductMatchesItsDoubleTwin()
    {
        var random = new Random(12);
        for (int point = 0; point < 8; point++)
        {
            var x = Enumerable.Range(0, 5).Select(_ => 3.0 * random.NextDouble() - 1.5).ToArray();
            var v = Enumerable.Range(0, 5).Select(_ => random.NextDouble() - 0.5).ToArray();
            var expected = new double[5];
            SpanHelperObjectives.DoubleSpreadSitesHessianVectorProduct(x, v, expected);
            var actual = new float[5];
            SpanHelperObjectives.FloatSpreadSitesHessianVectorProduct(x.Select(a => (float)a).ToArray(), v.Select(a => (float)a).ToArray(), actual);

            // Each entry sums a few dozen O(1) terms (second derivatives of log(1 + d²) are at most 2), each rounded to
            // float: 2e-5 is about 100 ulp of the sum, while a wrong second-derivative term would be off by O(0.1).
            for (int i = 0; i < 5; i++)
            {
                Assert.True(Math.Abs(actual[i] - expected[i]) <= 2e-5 * Math.Max(1.0, Math.Abs(expected[i])),
                    $"(Hv)[{i}] = {actual[i]:R} in float, {expected[i]:R} in double, at x = [{string.Join(", ", x)}], v = [{string.Join(", ", v)}]");
            }
        }
    }

    [Fact]
    public void SpreadSitesPointsRunTheWhileLoop()
    {
        // The while condition calls the span helper: some points must enter the loop, or its derivative goes unchecked.
        var points = ControlFlowAndHelperCases.All[nameof(SpanHelperObjectives.SpreadSites)].Gradient.Points();
        Assert.Contains(points, x => SpanHelperObjectives.Spread(x, 1) + x[1] * x[1] > SpanHelperObjectives.Threshold);
        Assert.Contains(points, x => SpanHelperObjectives.Spread(x, 1) + x[1] * x[1] <= SpanHelperObjectives.Threshold);
    }

    [Fact]
    public void ThreeSitesPointsTakeTheEarlyReturnAndRunTheWhileLoop()
    {
        // Otherwise the case could pass without exercising the helper's early return or the loop its condition guards.
        var points = ControlFlowAndHelperCases.All[nameof(OnceTransformedHelperObjectives.ThreeSites)].Gradient.Points();
        Assert.Contains(points, x => x.Any(v => v < 0.0));
        Assert.Contains(points, x => OnceTransformedHelperObjectives.Series(x[1], 4) > OnceTransformedHelperObjectives.Threshold);
    }
}
