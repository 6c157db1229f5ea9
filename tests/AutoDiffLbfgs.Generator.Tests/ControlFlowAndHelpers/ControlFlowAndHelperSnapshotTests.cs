using AutoDiffLbfgs.Generator.Tests.Infrastructure;

namespace AutoDiffLbfgs.Generator.Tests.ControlFlowAndHelpers;

/// <summary>
/// The generated source of the control-flow and helper objectives, compared with committed baselines in <c>Snapshots/</c>; like
/// <see cref="SnapshotTests"/>, each also proves the output compiles without warnings and is cached on a second run.
/// </summary>
public sealed class ControlFlowAndHelperSnapshotTests
{
    [Fact]
    public void ForEachSwitchAndClamp() => SnapshotTests.VerifyGenerated(ControlFlowAndHelperSources.ForEachAndSwitch, "Demo.Shapes.Piecewise.g.cs");

    [Fact]
    public void InlinedHelpersAndLocalFunction() => SnapshotTests.VerifyGenerated(ControlFlowAndHelperSources.Helpers, "Demo.Losses.Robust.g.cs");

    [Fact]
    public void OnceTransformedHelpers() => SnapshotTests.VerifyGenerated(ControlFlowAndHelperSources.OnceTransformedHelpers, "Demo.Chains.Energy.g.cs");

    [Fact]
    public void OnceTransformedSpanHelpers() => SnapshotTests.VerifyGenerated(ControlFlowAndHelperSources.SpanHelpers, "Demo.Springs.Energy.g.cs");

    [Fact]
    public void WriteOnceLocalArrays() => SnapshotTests.VerifyGenerated(ControlFlowAndHelperSources.LocalArrays, "Demo.Fits.Residuals.g.cs");

    [Fact]
    public void OverwrittenLocalArrays() => SnapshotTests.VerifyGenerated(ControlFlowAndHelperSources.OverwrittenArrays, "Demo.Dynamics.Layer.g.cs");

    [Fact]
    public void PerIterationLocalArrays() => SnapshotTests.VerifyGenerated(ControlFlowAndHelperSources.PerIterationArrays, "Demo.Mixtures.Rows.g.cs");

    [Fact]
    public void SpanSlicesAndRanges() => SnapshotTests.VerifyGenerated(ControlFlowAndHelperSources.SpanSlices, "Demo.Slices.Rows.g.cs");

    [Fact]
    public void UserSuppliedDerivativeRules() => SnapshotTests.VerifyGenerated(ControlFlowAndHelperSources.UserRules, "Demo.Special.Loss.g.cs");
}
