using AutoDiffLbfgs.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace AutoDiffLbfgs.Generator.Tests.SecondTier;

/// <summary>
/// Helpers are inlined from wherever they are declared: another file of the project works, and editing the helper
/// there regenerates the objective that calls it (the objective's model holds the inlined body, so it changes).
/// </summary>
public sealed class HelperInliningTests
{
    private const string Objective = """
        using System;
        using AutoDiffLbfgs;

        namespace Demo;

        public static partial class Fits
        {
            [Objective]
            public static double Loss(ReadOnlySpan<double> x) => Shapes.Bump(x[0]) + Shapes.Bump(x[1]);
        }
        """;

    private const string Helper = """
        using System;

        namespace Demo;

        public static class Shapes
        {
            public static double Bump(double z)
            {
                double e = Math.Exp(-z * z);
                return 2.0 * e;
            }
        }
        """;

    [Fact]
    public void AHelperInAnotherFileIsInlinedAndTheOutputCompiles()
    {
        var run = GeneratorHarness.Run(Objective, Helper);
        Assert.True(run.GeneratorDiagnostics.IsEmpty, GeneratorRun.Describe(run.GeneratorDiagnostics));
        Assert.True(run.OutputErrors.IsEmpty, GeneratorRun.Describe(run.OutputErrors));
        Assert.Contains("double bumpE = global::System.Math.Exp(", run.Source("Demo.Fits.Loss.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void EditingTheHelperInItsOwnFileRegeneratesTheObjective()
    {
        var first = GeneratorHarness.Run(Objective, Helper);
        var helperTree = first.Input.SyntaxTrees.Single(t => t.FilePath == "Source1.cs");
        var edited = GeneratorHarness.ParseTree(Helper.Replace("2.0 * e", "3.0 * e", StringComparison.Ordinal), "Source1.cs");

        var second = GeneratorHarness.Run(first.Driver, first.Input.ReplaceSyntaxTree(helperTree, edited));

        Assert.Contains(StepAssertions.Outputs(second, StepAssertions.Models), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("3.0", second.Source("Demo.Fits.Loss.g.cs"), StringComparison.Ordinal);
        Assert.DoesNotContain("2.0 * bumpE", second.Source("Demo.Fits.Loss.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void TwoCallsOfOneHelperGetTheirOwnLocals()
    {
        var source = GeneratorHarness.Run(Objective, Helper).Source("Demo.Fits.Loss.g.cs");
        Assert.Contains("double bumpE2 = ", source, StringComparison.Ordinal);
    }
}
