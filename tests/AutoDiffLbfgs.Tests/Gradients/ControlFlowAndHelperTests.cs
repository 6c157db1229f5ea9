using AutoDiffLbfgs.Tests.Gradients.Checking;

namespace AutoDiffLbfgs.Tests.Gradients;

/// <summary>
/// The control-flow and helper objectives (foreach, switch, Math.Clamp, inlined helpers and local functions), each at
/// <see cref="GradientCase{T}.PointCount"/> fixed pseudo-random points: the generated gradient agrees with finite
/// differences of the user's method, returns its value, and the generated Hessian-vector product agrees with finite
/// differences of the generated gradient along a random direction.
/// </summary>
public sealed class ControlFlowAndHelperTests
{
    [Theory]
    [MemberData(nameof(ControlFlowAndHelperCases.Names), MemberType = typeof(ControlFlowAndHelperCases))]
    public void GradientMatchesFiniteDifferences(string name) =>
        GradientTests.CheckAgainstFiniteDifferences(ControlFlowAndHelperCases.All[name].Gradient);

    [Theory]
    [MemberData(nameof(ControlFlowAndHelperCases.Names), MemberType = typeof(ControlFlowAndHelperCases))]
    public void GradientReturnsTheObjectiveValue(string name) =>
        GradientTests.CheckReturnedValue(ControlFlowAndHelperCases.All[name].Gradient);

    [Theory]
    [MemberData(nameof(ControlFlowAndHelperCases.Names), MemberType = typeof(ControlFlowAndHelperCases))]
    public void HessianVectorProductMatchesFiniteDifferencesOfTheGradient(string name)
    {
        var testCase = ControlFlowAndHelperCases.All[name];
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
        var testCase = ControlFlowAndHelperCases.All[nameof(Objectives.ControlFlowAndHelperObjectives.TinyNetwork)];
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
        Assert.Contains("SwitchWithReturnsMode0", ControlFlowAndHelperCases.All.Keys);
        Assert.Contains("SwitchWithReturnsMode2", ControlFlowAndHelperCases.All.Keys);
    }

    [Fact]
    public void ClampPointsCoverTheInsideAndBothBounds()
    {
        // Otherwise the Clamp case could pass without ever selecting a bound (or the value).
        var values = ControlFlowAndHelperCases.All[nameof(Objectives.ControlFlowAndHelperObjectives.ClampedSquares)].Gradient.Points().SelectMany(x => x).ToList();
        Assert.Contains(values, v => v < Objectives.ControlFlowAndHelperObjectives.ClampLow);
        Assert.Contains(values, v => v > Objectives.ControlFlowAndHelperObjectives.ClampHigh);
        Assert.Contains(values, v => v > Objectives.ControlFlowAndHelperObjectives.ClampLow && v < Objectives.ControlFlowAndHelperObjectives.ClampHigh);
    }

    [Fact]
    public void RobustRegressionPointsCoverBothHuberBranches()
    {
        var residuals = ControlFlowAndHelperCases.All[nameof(Objectives.ControlFlowAndHelperObjectives.RobustRegression)].Gradient.Points()
            .SelectMany(x => x.Select((v, i) => Math.Abs(ControlFlowAndHelperCases.Scale * v - ControlFlowAndHelperCases.Targets[i])))
            .ToList();
        Assert.Contains(residuals, r => r < Objectives.ControlFlowAndHelperObjectives.HuberDelta);
        Assert.Contains(residuals, r => r > Objectives.ControlFlowAndHelperObjectives.HuberDelta);
    }
}
