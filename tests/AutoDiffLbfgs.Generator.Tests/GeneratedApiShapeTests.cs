using AutoDiffLbfgs.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace AutoDiffLbfgs.Generator.Tests;

/// <summary>
/// The members the generator adds, read back from the output compilation's symbols: <c>FGradient</c> has the
/// static-ness and accessibility of <c>F</c> and the signature <c>T FGradient(ReadOnlySpan&lt;T&gt;, Span&lt;T&gt;, data…)</c>;
/// <c>FObjective</c> is a struct (a ref struct when a data parameter is a span) implementing
/// <c>IDifferentiableObjective&lt;T&gt;</c>, constructed from the data (and the target, for instance objectives).
/// </summary>
public sealed class GeneratedApiShapeTests
{
    [Theory]
    [InlineData("public static double F(ReadOnlySpan<double> x) => x[0] * x[0];",
        "double", true, Accessibility.Public, "", false)]
    [InlineData("internal static double F(double[] x, double[] data, int count) => count * x[0] * data[0];",
        "double", true, Accessibility.Internal, "double[], int", false)]
    [InlineData("private static float F(ReadOnlySpan<float> x, float scale) => scale * x[0] * x[0];",
        "float", true, Accessibility.Private, "float", false)]
    [InlineData("public double F(Span<double> x, ReadOnlySpan<double> weights) => weights[0] * x[0] * x[0];",
        "double", false, Accessibility.Public, "System.ReadOnlySpan<double>", true)]
    [InlineData("internal double F(ReadOnlySpan<double> x, double offset, Span<double> scratch) => (x[0] - offset) * (x[0] - offset) + scratch.Length;",
        "double", false, Accessibility.Internal, "double, System.Span<double>", true)]
    public void GeneratedMembersFollowTheObjectiveSignature(
        string method, string t, bool isStatic, Accessibility accessibility, string data, bool isRefStruct)
    {
        var run = GeneratorHarness.Run($$"""
            using System;
            using AutoDiffLbfgs;

            namespace Demo;

            public {{(isStatic ? "static " : "")}}partial class Problems
            {
                [Objective]
                {{method}}
            }
            """);
        Assert.True(run.GeneratorDiagnostics.IsEmpty, GeneratorRun.Describe(run.GeneratorDiagnostics));
        Assert.True(run.OutputErrors.IsEmpty, GeneratorRun.Describe(run.OutputErrors));

        var problems = run.Output.GetTypeByMetadataName("Demo.Problems")!;
        string[] dataTypes = data.Length == 0 ? [] : data.Split(", ");

        var gradient = Assert.Single(problems.GetMembers("FGradient").OfType<IMethodSymbol>());
        Assert.Equal(isStatic, gradient.IsStatic);
        Assert.Equal(accessibility, gradient.DeclaredAccessibility);
        Assert.Equal(t, gradient.ReturnType.ToDisplayString());
        Assert.Equal(
            new[] { $"System.ReadOnlySpan<{t}>", $"System.Span<{t}>" }.Concat(dataTypes),
            gradient.Parameters.Select(p => p.Type.ToDisplayString()));
        Assert.All(gradient.Parameters, p => Assert.Equal(RefKind.None, p.RefKind));

        var objective = Assert.Single(problems.GetTypeMembers("FObjective"));
        Assert.Equal(TypeKind.Struct, objective.TypeKind);
        Assert.Equal(isRefStruct, objective.IsRefLikeType);
        Assert.Contains(objective.AllInterfaces, i => i.ToDisplayString() == $"AutoDiffLbfgs.IDifferentiableObjective<{t}>");

        string[] constructorParameters = isStatic ? dataTypes : ["Demo.Problems", .. dataTypes];
        Assert.Contains(
            objective.InstanceConstructors,
            c => c.Parameters.Select(p => p.Type.ToDisplayString()).SequenceEqual(constructorParameters));
    }

    [Theory]
    [InlineData("namespace Demo;\npublic static partial class Problems", "Demo.Problems.F.g.cs")]
    [InlineData("namespace Demo.Deep.Space;\npublic static partial class Problems", "Demo.Deep.Space.Problems.F.g.cs")]
    [InlineData("public static partial class Problems", "Problems.F.g.cs")]
    [InlineData("namespace Demo.Block\n{\npublic static partial class Problems", "Demo.Block.Problems.F.g.cs", "}")]
    public void HintNameIsNamespaceTypeAndMethod(string declaration, string hintName, string closing = "")
    {
        var run = GeneratorHarness.Run($$"""
            using System;
            using AutoDiffLbfgs;

            {{declaration}}
            {
                [Objective]
                public static double F(ReadOnlySpan<double> x) => x[0] * x[0];
            }
            {{closing}}
            """);
        Assert.Equal(new[] { hintName }, run.Sources.Select(s => s.HintName).Where(h => h.EndsWith(".F.g.cs", StringComparison.Ordinal)));
        Assert.True(run.OutputErrors.IsEmpty, GeneratorRun.Describe(run.OutputErrors));
    }

    [Fact]
    public void TwoObjectivesInOneTypeGetTwoFiles()
    {
        var run = GeneratorHarness.Run("""
            using System;
            using AutoDiffLbfgs;

            namespace Demo;

            public static partial class Problems
            {
                [Objective]
                public static double First(ReadOnlySpan<double> x) => x[0] * x[0];

                [Objective]
                public static double Second(ReadOnlySpan<double> x) => Math.Sin(x[0]);
            }
            """);
        run.Source("Demo.Problems.First.g.cs");
        run.Source("Demo.Problems.Second.g.cs");
        Assert.True(run.OutputErrors.IsEmpty, GeneratorRun.Describe(run.OutputErrors));
    }
}
