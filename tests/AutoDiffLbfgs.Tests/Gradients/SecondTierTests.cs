using AutoDiffLbfgs.Tests.Gradients.Checking;

namespace AutoDiffLbfgs.Tests.Gradients;

/// <summary>
/// The second-tier objectives (foreach, switch, Math.Clamp, inlined helpers and local functions), each at
/// <see cref="GradientCase{T}.PointCount"/> fixed pseudo-random points: the generated gradient agrees with finite
/// differences of the user's method, returns its value, and the generated Hessian-vector product agrees with finite
/// differences of the generated gradient along a random direction.
/// </summary>
public sealed class SecondTierTests
{
    [Theory]
    [MemberData(nameof(SecondTierCases.Names), MemberType = typeof(SecondTierCases))]
    public void GradientMatchesFiniteDifferences(string name) =>
        GradientTests.CheckAgainstFiniteDifferences(SecondTierCases.All[name].Gradient);

    [Theory]
    [MemberData(nameof(SecondTierCases.Names), MemberType = typeof(SecondTierCases))]
    public void GradientReturnsTheObjectiveValue(string name) =>
        GradientTests.CheckReturnedValue(SecondTierCases.All[name].Gradient);

    [Theory]
    [MemberData(nameof(SecondTierCases.Names), MemberType = typeof(SecondTierCases))]
    public void HessianVectorProductMatchesFiniteDifferencesOfTheGradient(string name)
    {
        var testCase = SecondTierCases.All[name];
        var random = new Random(name.Length * 7919);
        foreach (var x in testCase.Gradient.Points())
        {
            var v = x.Select(_ => random.NextDouble() - 0.5).ToArray();
            var mismatches = HessianVectorChecker.Compare(testCase.Gradient.Gradient, testCase.HessianVectorProduct, x, v);
            Assert.True(
                mismatches.Count == 0,
                $"{name} at x = {GradientChecker.Format(x)}, v = {GradientChecker.Format(v)}:\n  " + string.Join("\n  ", mismatches));
        }
    }

    [Fact]
    public void HessianVectorCheckerRejectsAProductWithAWrongFactor()
    {
        // The checker itself: the generated product passes, the same product scaled by 1 + 1e-4 does not.
        var testCase = SecondTierCases.All[nameof(Objectives.SecondTierObjectives.TinyNetwork)];
        var x = testCase.Gradient.Points()[0];
        var v = x.Select((_, i) => 0.1 * (i + 1)).ToArray();
        Assert.Empty(HessianVectorChecker.Compare(testCase.Gradient.Gradient, testCase.HessianVectorProduct, x, v));
        HessianVectorFunction scaled = (p, d, r) =>
        {
            testCase.HessianVectorProduct(p, d, r);
            for (int i = 0; i < r.Length; i++) r[i] *= 1.0 + 1e-4;
        };
        Assert.NotEmpty(HessianVectorChecker.Compare(testCase.Gradient.Gradient, scaled, x, v));
    }

    [Fact]
    public void SwitchWithReturnsCoversEverySection()
    {
        // Mode 0 returns from the first section, mode 1 runs the second, mode 2 matches no section: three cases.
        Assert.Contains("SwitchWithReturnsMode0", SecondTierCases.All.Keys);
        Assert.Contains("SwitchWithReturnsMode2", SecondTierCases.All.Keys);
    }

    [Fact]
    public void ClampPointsCoverTheInsideAndBothBounds()
    {
        // Otherwise the Clamp case could pass without ever selecting a bound (or the value).
        var values = SecondTierCases.All[nameof(Objectives.SecondTierObjectives.ClampedSquares)].Gradient.Points().SelectMany(x => x).ToList();
        Assert.Contains(values, v => v < Objectives.SecondTierObjectives.ClampLow);
        Assert.Contains(values, v => v > Objectives.SecondTierObjectives.ClampHigh);
        Assert.Contains(values, v => v > Objectives.SecondTierObjectives.ClampLow && v < Objectives.SecondTierObjectives.ClampHigh);
    }

    [Fact]
    public void RobustRegressionPointsCoverBothHuberBranches()
    {
        var residuals = SecondTierCases.All[nameof(Objectives.SecondTierObjectives.RobustRegression)].Gradient.Points()
            .SelectMany(x => x.Select((v, i) => Math.Abs(SecondTierCases.Scale * v - SecondTierCases.Targets[i])))
            .ToList();
        Assert.Contains(residuals, r => r < Objectives.SecondTierObjectives.HuberDelta);
        Assert.Contains(residuals, r => r > Objectives.SecondTierObjectives.HuberDelta);
    }
}
