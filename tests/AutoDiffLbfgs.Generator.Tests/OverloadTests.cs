using AutoDiffLbfgs.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AutoDiffLbfgs.Generator.Tests;

/// <summary>
/// Several [Objective] methods of one name in one type — the double/float twin users write first — each get their own
/// file and members that do not collide; overloads whose generated members would be the same are one clear error; and a
/// failure while generating one objective never takes the other objectives' output down. (The gradients of overloads
/// are checked against finite differences in the runtime tests, <c>OverloadObjectives</c>.)
/// </summary>
public sealed class OverloadTests
{
    private const string Twins = """
        using System;
        using AutoDiffLbfgs;

        namespace Demo;

        /// <summary>Objectives.</summary>
        public static partial class Problems
        {
            /// <summary>Double.</summary>
            [Objective]
            public static double F(ReadOnlySpan<double> x) => x[0] * x[0] + Math.Sin(x[1]);

            /// <summary>Float.</summary>
            [Objective]
            public static float F(ReadOnlySpan<float> x) => x[0] * x[0] + MathF.Sin(x[1]);

            /// <summary>With data.</summary>
            [Objective]
            public static double F(ReadOnlySpan<double> x, double[] weights) => weights[0] * x[0] * x[1];

            /// <summary>Not overloaded.</summary>
            [Objective]
            public static double G(ReadOnlySpan<double> x) => x[0] * x[1];
        }
        """;

    [Fact]
    public void OverloadsGetOneFileEachNamedByTheirParameterTypes()
    {
        var run = RunWithDocumentationDiagnostics(Twins);

        Assert.True(run.GeneratorDiagnostics.IsEmpty, GeneratorRun.Describe(run.GeneratorDiagnostics));
        Assert.Equal(
            ["Demo.Problems.F.Double.g.cs", "Demo.Problems.F.DoubleDoubleArray.g.cs", "Demo.Problems.F.Single.g.cs", "Demo.Problems.G.g.cs"],
            run.Sources.Select(s => s.HintName).Order(StringComparer.Ordinal));
        // Every generated member compiles next to its siblings, and every cref names one overload (CS0419 otherwise).
        Assert.True(run.OutputErrors.IsEmpty, GeneratorRun.Describe(run.OutputErrors));
        Assert.True(run.GeneratedCodeProblems.IsEmpty, GeneratorRun.Describe(run.GeneratedCodeProblems));
    }

    [Fact]
    public void OverloadsGenerateGradientOverloadsAndDistinctStructs()
    {
        var run = GeneratorHarness.Run(Twins);
        var problems = run.Output.GetTypeByMetadataName("Demo.Problems")!;

        var gradients = problems.GetMembers("FGradient").OfType<IMethodSymbol>().Select(m => m.ToDisplayString()).Order(StringComparer.Ordinal);
        Assert.Equal(
            [
                "Demo.Problems.FGradient(System.ReadOnlySpan<double>, System.Span<double>)",
                "Demo.Problems.FGradient(System.ReadOnlySpan<double>, System.Span<double>, double[])",
                "Demo.Problems.FGradient(System.ReadOnlySpan<float>, System.Span<float>)",
            ],
            gradients);
        Assert.Equal(3, problems.GetMembers("FHessianVectorProduct").Length);
        Assert.Equal(
            ["FDoubleDoubleArrayObjective", "FDoubleObjective", "FSingleObjective", "GObjective"],
            problems.GetTypeMembers().Select(t => t.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void SameNamedMethodsInNestedAndPartialTypesAreNotConfused()
    {
        var run = GeneratorHarness.Run("""
            using System;
            using AutoDiffLbfgs;

            namespace Demo;

            public static partial class Outer
            {
                [Objective]
                public static double F(ReadOnlySpan<double> x) => x[0] * x[0];

                public static partial class Inner
                {
                    [Objective]
                    public static double F(ReadOnlySpan<double> x) => Math.Exp(x[0]);
                }
            }

            public static partial class Outer
            {
                [Objective]
                public static double F(ReadOnlySpan<double> x, double scale) => scale * x[0];
            }
            """);

        Assert.True(run.GeneratorDiagnostics.IsEmpty, GeneratorRun.Describe(run.GeneratorDiagnostics));
        Assert.Equal(
            ["Demo.Outer.F.Double.g.cs", "Demo.Outer.F.DoubleDouble.g.cs", "Demo.Outer.Inner.F.g.cs"],
            run.Sources.Select(s => s.HintName).Order(StringComparer.Ordinal));
        Assert.True(run.OutputErrors.IsEmpty, GeneratorRun.Describe(run.OutputErrors));
        Assert.NotNull(run.Output.GetTypeByMetadataName("Demo.Outer+Inner+FObjective"));
        Assert.NotNull(run.Output.GetTypeByMetadataName("Demo.Outer+FDoubleDoubleObjective"));
    }

    [Fact]
    public void OverloadsThatWouldGenerateTheSameMembersAreOneErrorEachAndTheRestStillGenerates()
    {
        var run = GeneratorHarness.Run("""
            using System;
            using AutoDiffLbfgs;

            namespace Demo;

            public static partial class Problems
            {
                [Objective]
                public static double F(ReadOnlySpan<double> x) => x[0] * x[0];

                [Objective]
                public static double F(double[] x) => x[0] * x[1];

                [Objective]
                public static double G(ReadOnlySpan<double> x) => x[0] * x[1];
            }
            """);

        var errors = run.GeneratorDiagnostics;
        Assert.Equal(2, errors.Length);
        Assert.All(errors, d => Assert.Equal("ADL0008", d.Id));
        Assert.All(errors, d => Assert.Equal("F", d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan)));
        Assert.Contains("F(double[])", errors[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture) + errors[1].GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Equal(["Demo.Problems.G.g.cs"], run.Sources.Select(s => s.HintName));
    }

    [Fact]
    public void AFailureWhileGeneratingOneObjectiveLeavesTheOthersTheirFiles()
    {
        ObjectiveGenerator.InjectFault.Value = hint => hint == "Demo.Problems.F.Single.g.cs" ? new InvalidOperationException("injected") : null;
        GeneratorRun run;
        try
        {
            run = GeneratorHarness.Run(Twins);
        }
        finally
        {
            ObjectiveGenerator.InjectFault.Value = null;
        }

        var error = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("ADL0900", error.Id);
        var message = error.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("Demo.Problems.F(System.ReadOnlySpan{float})", message, StringComparison.Ordinal);
        Assert.Contains("injected", message, StringComparison.Ordinal);
        Assert.Equal(
            ["Demo.Problems.F.Double.g.cs", "Demo.Problems.F.DoubleDoubleArray.g.cs", "Demo.Problems.G.g.cs"],
            run.Sources.Select(s => s.HintName).Order(StringComparer.Ordinal));
    }

    /// <summary>Runs the generator over a compilation that reports documentation-comment problems (bad crefs) as warnings.</summary>
    private static GeneratorRun RunWithDocumentationDiagnostics(string source)
    {
        var options = GeneratorHarness.ParseOptions.WithDocumentationMode(DocumentationMode.Diagnose);
        var compilation = GeneratorHarness.CreateCompilation().AddSyntaxTrees(CSharpSyntaxTree.ParseText(source, options, "Source0.cs"));
        var driver = CSharpGeneratorDriver.Create(
            generators: [new ObjectiveGenerator().AsSourceGenerator()],
            parseOptions: options,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        return GeneratorHarness.Run(driver, compilation);
    }
}
