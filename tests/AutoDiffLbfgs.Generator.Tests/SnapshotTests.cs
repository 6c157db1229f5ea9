using AutoDiffLbfgs.Generator.Tests.Infrastructure;

namespace AutoDiffLbfgs.Generator.Tests;

/// <summary>
/// The generated source of representative objectives, compared with committed baselines in <c>Snapshots/</c>.
/// Every snapshot test also proves that the generated code compiles cleanly (no error, no warning in generated
/// trees) and, NetEscapades-style, that a second run over an equivalent compilation is entirely cached.
/// </summary>
public sealed class SnapshotTests
{
    [Fact]
    public void ChainedRosenbrock() => VerifyGenerated(ObjectiveSources.Rosenbrock, "Demo.Problems.Rosenbrock.g.cs");

    [Fact]
    public void LennardJonesNestedPairLoop() => VerifyGenerated(ObjectiveSources.LennardJones, "Demo.Clusters.LennardJones.g.cs");

    [Fact]
    public void HornerTapedLoopCarriedState() => VerifyGenerated(ObjectiveSources.Horner, "Demo.Polynomials.Horner.g.cs");

    [Fact]
    public void EarlyReturns() => VerifyGenerated(ObjectiveSources.EarlyReturn, "Demo.Returns.EarlyReturn.g.cs");

    [Fact]
    public void FloatObjectiveWithArrayVariables() => VerifyGenerated(ObjectiveSources.Float, "Demo.SinglePrecision.Smooth.g.cs");

    [Fact]
    public void InstanceObjectiveReadingFields() => VerifyGenerated(ObjectiveSources.Instance, "Demo.SpringChain.Energy.g.cs");

    [Fact]
    public void LogisticLossWithDataArrays() => VerifyGenerated(ObjectiveSources.DataArrays, "Demo.Classification.LogisticLoss.g.cs");

    [Fact]
    public void NestedTypeWithSpanData() => VerifyGenerated(ObjectiveSources.Nested, "Demo.Physics.Outer.Inner.Weighted.g.cs");

    /// <summary>Runs the generator over <paramref name="source"/>, checks the output and snapshots every generated file.</summary>
    private static void VerifyGenerated(string source, string expectedHintName, [System.Runtime.CompilerServices.CallerMemberName] string testName = "")
    {
        var run = GeneratorHarness.Run(source);

        Assert.True(run.InputErrors.IsEmpty, "The test source itself does not compile:\n" + GeneratorRun.Describe(run.InputErrors));
        Assert.True(run.GeneratorDiagnostics.IsEmpty, "The generator reported diagnostics:\n" + GeneratorRun.Describe(run.GeneratorDiagnostics));
        Assert.True(run.OutputErrors.IsEmpty, "The generated code does not compile:\n" + GeneratorRun.Describe(run.OutputErrors));
        Assert.True(run.GeneratedCodeProblems.IsEmpty, "The generated code has warnings:\n" + GeneratorRun.Describe(run.GeneratedCodeProblems));

        run.Source(expectedHintName);
        foreach (var generated in run.Sources.OrderBy(s => s.HintName, StringComparer.Ordinal))
        {
            var baseline = testName + "." + generated.HintName.Replace(".g.cs", "", StringComparison.Ordinal);
            Snapshot.Verify(generated.SourceText.ToString(), baseline);
        }

        // A new compilation object with the same trees: the pipeline re-evaluates, and everything must come from cache.
        var second = GeneratorHarness.Run(run.Driver, run.Input.Clone());
        StepAssertions.AssertEverythingCached(second);
        Assert.Equal(
            run.Sources.Select(s => (s.HintName, s.SourceText.ToString())),
            second.Sources.Select(s => (s.HintName, s.SourceText.ToString())));
    }
}
