using AutoDiffLbfgs.Generator.Tests.Infrastructure;

namespace AutoDiffLbfgs.Generator.Tests.SecondTier;

/// <summary>
/// The generated source of the second-tier objectives, compared with committed baselines in <c>Snapshots/</c>; like
/// <see cref="SnapshotTests"/>, each also proves the output compiles without warnings and is cached on a second run.
/// </summary>
public sealed class SecondTierSnapshotTests
{
    [Fact]
    public void ForEachSwitchAndClamp() => SnapshotTests.VerifyGenerated(SecondTierSources.ForEachAndSwitch, "Demo.Shapes.Piecewise.g.cs");

    [Fact]
    public void InlinedHelpersAndLocalFunction() => SnapshotTests.VerifyGenerated(SecondTierSources.Helpers, "Demo.Losses.Robust.g.cs");

    [Fact]
    public void OnceTransformedHelpers() => SnapshotTests.VerifyGenerated(SecondTierSources.OnceTransformedHelpers, "Demo.Chains.Energy.g.cs");

    [Fact]
    public void OnceTransformedSpanHelpers() => SnapshotTests.VerifyGenerated(SecondTierSources.SpanHelpers, "Demo.Springs.Energy.g.cs");

    [Fact]
    public void WriteOnceLocalArrays() => SnapshotTests.VerifyGenerated(SecondTierSources.LocalArrays, "Demo.Fits.Residuals.g.cs");

    [Fact]
    public void OverwrittenLocalArrays() => SnapshotTests.VerifyGenerated(SecondTierSources.OverwrittenArrays, "Demo.Dynamics.Layer.g.cs");

    [Fact]
    public void UserSuppliedDerivativeRules() => SnapshotTests.VerifyGenerated(SecondTierSources.UserRules, "Demo.Special.Loss.g.cs");
}
