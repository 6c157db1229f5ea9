using AutoDiffLbfgs.Generator.Tests.Infrastructure;

namespace AutoDiffLbfgs.Generator.Tests;

/// <summary>
/// ADL0001–ADL0007: an <c>[Objective]</c> whose declaration the generator cannot extend. Each case marks the exact
/// span the contract names (type identifier, return type, parameter, method identifier).
/// </summary>
public sealed class SignatureDiagnosticTests
{
    private const string Usings = "using System;\nusing AutoDiffLbfgs;\n\nnamespace Demo;\n\n";

    [Theory]
    [InlineData("""
        public class [|Problems|]
        {
            [Objective]
            public static double F(ReadOnlySpan<double> x) => x[0] * x[0];
        }
        """)]
    [InlineData("""
        public partial class Outer
        {
            public static class [|Inner|]
            {
                [Objective]
                public static double F(ReadOnlySpan<double> x) => x[0] * x[0];
            }
        }
        """)]
    [InlineData("""
        public class [|Outer|]
        {
            public static partial class Inner
            {
                [Objective]
                public static double F(ReadOnlySpan<double> x) => x[0] * x[0];
            }
        }
        """)]
    [InlineData("""
        public class [|Outer|]
        {
            public class [|Inner|]
            {
                [Objective]
                public static double F(ReadOnlySpan<double> x) => x[0] * x[0];
            }
        }
        """)]
    public void ADL0001_ContainingTypeNotPartial_IsReportedAtEachTypeIdentifier(string markup) =>
        DiagnosticVerifier.Verify(Usings + markup, "ADL0001");

    [Theory]
    [InlineData("public static [|int|] F(ReadOnlySpan<double> x) => x.Length;")]
    [InlineData("public static [|decimal|] F(ReadOnlySpan<double> x) => (decimal)x[0];")]
    [InlineData("public static [|void|] F(ReadOnlySpan<double> x) { }")]
    public void ADL0002_ReturnTypeNotDoubleOrFloat_IsReportedAtTheReturnType(string signature) =>
        DiagnosticVerifier.Verify(Usings + InProblems(signature), "ADL0002");

    [Theory]
    [InlineData("public static double F([|ReadOnlySpan<int> x|]) => x[0];")]
    [InlineData("public static double F([|double x|]) => x * x;")]
    [InlineData("public static float F([|ReadOnlySpan<double> x|]) => (float)x[0];")]
    [InlineData("public static double F([|float[] x|]) => x[0];")]
    [InlineData("public static double F([|System.Collections.Generic.List<double> x|]) => x[0];")]
    public void ADL0003_VariablesNotASpanOrArrayOfTheReturnType_IsReportedAtTheFirstParameter(string signature) =>
        DiagnosticVerifier.Verify(Usings + InProblems(signature), "ADL0003");

    [Fact]
    public void ADL0004_NoParameters_IsReportedAtTheMethodIdentifier() =>
        DiagnosticVerifier.Verify(Usings + InProblems("public static double [|F|]() => 1.0;"), "ADL0004");

    [Theory]
    [InlineData("""
        public static partial class Problems
        {
            [Objective]
            public static double [|F|]<T>(ReadOnlySpan<double> x) => x[0];
        }
        """)]
    [InlineData("""
        public partial class [|Box|]<T>
        {
            [Objective]
            public static double F(ReadOnlySpan<double> x) => x[0];
        }
        """)]
    [InlineData("""
        public partial class [|Outer|]<T>
        {
            public static partial class Inner
            {
                [Objective]
                public static double F(ReadOnlySpan<double> x) => x[0];
            }
        }
        """)]
    public void ADL0005_GenericMethodOrContainingType_IsReportedAtItsIdentifier(string markup) =>
        DiagnosticVerifier.Verify(Usings + markup, "ADL0005");

    [Theory]
    [InlineData("""
        public abstract partial class Model
        {
            [Objective]
            public abstract double [|F|](ReadOnlySpan<double> x);
        }
        """)]
    [InlineData("""
        public static partial class Problems
        {
            [Objective]
            public static extern double [|F|](ReadOnlySpan<double> x);
        }
        """)]
    [InlineData("""
        public static partial class Problems
        {
            [Objective]
            public static partial double [|F|](ReadOnlySpan<double> x);

            public static partial double F(ReadOnlySpan<double> x) => x[0] * x[0];
        }
        """)]
    public void ADL0006_NoBody_IsReportedAtTheMethodIdentifier(string markup) =>
        DiagnosticVerifier.Verify(Usings + markup, "ADL0006");

    [Theory]
    [InlineData("public static double F(ReadOnlySpan<double> x, [|ref double scale|]) => scale * x[0];")]
    [InlineData("public static double F(ReadOnlySpan<double> x, double[] data, [|ref int count|]) => count * x[0] * data[0];")]
    public void ADL0007_RefParameter_IsReportedAtTheParameter(string signature) =>
        DiagnosticVerifier.Verify(Usings + InProblems(signature), "ADL0007");

    private static string InProblems(string method) => $$"""
        public static partial class Problems
        {
            [Objective]
            {{method}}
        }
        """;
}
