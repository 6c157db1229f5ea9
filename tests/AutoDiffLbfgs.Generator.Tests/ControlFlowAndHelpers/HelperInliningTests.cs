using AutoDiffLbfgs.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace AutoDiffLbfgs.Generator.Tests.ControlFlowAndHelpers;

/// <summary>
/// Helpers are read from wherever they are declared: another file of the project works, and editing the helper there
/// regenerates the objective that calls it (the objective's model holds the helper's lowered body, so it changes).
/// Expression-bodied helpers, and calls of helpers over spans that pass more than the variables and data, are inlined at
/// each call; see <see cref="OnceTransformedHelperTests"/> for the others.
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
    public void AHelperInAnotherFileIsTransformedOnceAndTheOutputCompiles()
    {
        var run = GeneratorHarness.Run(Objective, Helper);
        Assert.True(run.GeneratorDiagnostics.IsEmpty, GeneratorRun.Describe(run.GeneratorDiagnostics));
        Assert.True(run.OutputErrors.IsEmpty, GeneratorRun.Describe(run.OutputErrors));
        var source = run.Source("Demo.Fits.Loss.g.cs");
        Assert.Contains("private static double Loss_BumpGradient(double z, out double zBar)", source, StringComparison.Ordinal);
        Assert.Contains("double e = global::System.Math.Exp(", source, StringComparison.Ordinal);
        Assert.Contains("global::Demo.Shapes.Bump(x[0])", source, StringComparison.Ordinal);
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
    public void TwoCallsOfOneInlinedHelperGetTheirOwnLocals()
    {
        // A span helper called with an active scalar argument (here an element of the variables) is inlined: each call
        // gets its own copy of the body, with its own names. (Called with data only, it would be transformed once.)
        const string spanObjective = """
            using System;
            using AutoDiffLbfgs;

            namespace Demo;

            public static partial class Fits
            {
                [Objective]
                public static double Loss(ReadOnlySpan<double> x) => Shapes.Bump(x, x[2]) + Shapes.Bump(x, x[3]);
            }
            """;
        const string spanHelper = """
            using System;

            namespace Demo;

            public static class Shapes
            {
                public static double Bump(ReadOnlySpan<double> u, double c)
                {
                    double e = Math.Exp(-u[0] * u[1] * c);
                    return 2.0 * e;
                }
            }
            """;
        var run = GeneratorHarness.Run(spanObjective, spanHelper);
        Assert.True(run.OutputErrors.IsEmpty, GeneratorRun.Describe(run.OutputErrors));
        var source = run.Source("Demo.Fits.Loss.g.cs");
        Assert.Contains("double bumpE2 = ", source, StringComparison.Ordinal);
        Assert.DoesNotContain("BumpGradient", source, StringComparison.Ordinal);
    }

    [Fact]
    public void AnExpressionBodiedHelperStaysInlined()
    {
        const string source = """
            using System;
            using AutoDiffLbfgs;

            namespace Demo;

            public static partial class Fits
            {
                private static double Softplus(double z) => Math.Log(1.0 + Math.Exp(z));

                [Objective]
                public static double Loss(ReadOnlySpan<double> x) => Softplus(x[0]) + Softplus(x[1]);
            }
            """;
        var generated = GeneratorHarness.Run(source).Source("Demo.Fits.Loss.g.cs");
        Assert.DoesNotContain("SoftplusGradient", generated, StringComparison.Ordinal);
        Assert.DoesNotContain("Fits.Softplus(", generated, StringComparison.Ordinal);
    }
}
