using System.Text.RegularExpressions;
using AutoDiffLbfgs.Generator.Tests.Infrastructure;

namespace AutoDiffLbfgs.Generator.Tests.SecondTier;

/// <summary>
/// Helpers with statements over scalars are transformed once per objective: their derivative code is generated as
/// private methods, once, and every call site calls them. Each test also proves the generated code compiles cleanly.
/// </summary>
public sealed class OnceTransformedHelperTests
{
    /// <summary>A helper with a loop and an early return, called from the objective at <paramref name="calls"/>.</summary>
    private static string SeriesObjective(string calls) => $$"""
        using System;
        using AutoDiffLbfgs;

        namespace Demo;

        public static partial class Chains
        {
            private static double Series(double z, int terms)
            {
                double sum = 0.0, term = 1.0;
                for (int k = 1; k <= terms; k++)
                {
                    term *= z / k;
                    if (Math.Abs(term) < 1e-12) return sum;
                    sum += term;
                }
                return sum;
            }

            [Objective]
            public static double Energy(ReadOnlySpan<double> x)
            {
                double e = 0.0;
        {{calls}}
                return e;
            }
        }
        """;

    [Fact]
    public void AHelperCalledAtThreeSitesHasItsDerivativeCodeOnce()
    {
        var once = Generate(SeriesObjective("e += Series(x[0], 4);"), "Demo.Chains.Energy.g.cs");
        var threeTimes = Generate(SeriesObjective("""
                    e += Series(x[0], 4);
                    for (int i = 1; i < x.Length; i++) e += Series(x[i] * x[i - 1], 3);
                    double y = x[0];
                    while (Series(y, 5) > 2.0) y *= 0.5;
                    e += y * Series(y, 2);
            """), "Demo.Chains.Energy.g.cs");

        // The helper's body is written the same number of times whatever the number of calls (the value copy, its
        // gradient, tangent and Hessian-vector product); with inlining it would grow with every call.
        Assert.Equal(Count(once, "term = term * (z / (double)k);"), Count(threeTimes, "term = term * (z / (double)k);"));
        Assert.Equal(1, Count(threeTimes, "private static double Energy_SeriesGradient("));
        Assert.Equal(1, Count(threeTimes, "private static double Energy_SeriesTangent("));
        Assert.Equal(1, Count(threeTimes, "private static void Energy_SeriesHessianVectorProduct("));
        // Every differentiable call calls the generated gradient; the loop condition's call is for its value only (a
        // condition has no derivative) and stays a call of the user's method.
        Assert.Equal(3, Count(threeTimes.Substring(0, threeTimes.IndexOf("EnergyHessianVectorProduct(", StringComparison.Ordinal)), "Energy_SeriesGradient("));
        Assert.Contains("while (global::Demo.Chains.Series(y, 5) > 2.0)", threeTimes, StringComparison.Ordinal);
    }

    [Fact]
    public void AHelperWithStatementsInALoopConditionIsAccepted()
    {
        var source = Generate(DiagnosticVerifier.InObjectiveBody(
            "double s = x[0];\nwhile (Settle(s) > 1.5 && s > 1e-3) s *= 0.5;\nreturn x[1] > 0.0 && Settle(x[1]) > 1.1 ? s * Settle(x[1]) : s;",
            members: """
                    private static double Settle(double v)
                    {
                        double w = v * v;
                        return w + 1.0;
                    }

                """), "Demo.Problems.F.g.cs");
        Assert.Contains("F_SettleGradient(", source, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoObjectivesCallingOneHelperGetMethodsNamedAfterEach()
    {
        var source = """
            using System;
            using AutoDiffLbfgs;

            namespace Demo;

            public static partial class Pair
            {
                private static double Bump(double z)
                {
                    double e = Math.Exp(-z * z);
                    return 2.0 * e;
                }

                private static double Bump(double z, double w)
                {
                    double e = Math.Exp(-z * w);
                    return e;
                }

                [Objective]
                public static double A(ReadOnlySpan<double> x) => Bump(x[0]) + Bump(x[0], x[1]);

                [Objective]
                public static double B(ReadOnlySpan<double> x) => Bump(x[1]);
            }
            """;
        var run = GeneratorHarness.Run(source);
        AssertClean(run);
        Assert.Contains("private static double A_BumpGradient(double z, out double zBar)", run.Source("Demo.Pair.A.g.cs"), StringComparison.Ordinal);
        Assert.Contains("private static double A_Bump2Gradient(double z, double w, out double zBar, out double wBar)", run.Source("Demo.Pair.A.g.cs"), StringComparison.Ordinal);
        Assert.Contains("private static double B_BumpGradient(double z, out double zBar)", run.Source("Demo.Pair.B.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void AnInstanceHelperReadingAFieldGetsInstanceMethods()
    {
        var source = Generate(DiagnosticVerifier.InObjectiveBody(
            "return Spring(x[0] - x[1]);",
            members: """
                    private double _stiffness = 2.0;

                    private double Spring(double d)
                    {
                        double s = _stiffness * d;
                        return s * d;
                    }

                """,
            isStatic: false), "Demo.Problems.F.g.cs");
        Assert.Contains("private double F_SpringGradient(double d, out double dBar)", source, StringComparison.Ordinal);
        Assert.Contains("this.Spring(", source, StringComparison.Ordinal);
        Assert.Contains("this._stiffness * d", source, StringComparison.Ordinal);
    }

    [Fact]
    public void AHelperThatAssignsItsParameterWorksOnACopy()
    {
        var source = Generate(DiagnosticVerifier.InObjectiveBody(
            "return Fold(x[0]) + Fold(x[1]);",
            members: """
                    private static double Fold(double z)
                    {
                        z = Math.Abs(z);
                        return z * z;
                    }

                """), "Demo.Problems.F.g.cs");
        Assert.Contains("private static double F_FoldGradient(double zArgument, out double zArgumentBar)", source, StringComparison.Ordinal);
        Assert.Contains("double z = zArgument;", source, StringComparison.Ordinal);
    }

    [Fact]
    public void ALocalFunctionThatCapturesALocalStaysInlined()
    {
        var source = Generate(DiagnosticVerifier.InObjectiveBody(
            "double c = 0.5 * x[1];\ndouble Shift(double v) { double w = v - c; return w * w; }\nreturn Shift(x[0]) + Shift(x[1]);"), "Demo.Problems.F.g.cs");
        Assert.DoesNotContain("ShiftGradient", source, StringComparison.Ordinal);
        Assert.Contains("double shiftW2 = ", source, StringComparison.Ordinal);
    }

    [Fact]
    public void ALocalFunctionThatCapturesNothingIsCopiedForItsValue()
    {
        var source = Generate(DiagnosticVerifier.InObjectiveBody(
            "double Pull(double u) { double d = u - 1.0; return d * d; }\nreturn Pull(x[0]) * Pull(x[1]);"), "Demo.Problems.F.g.cs");
        Assert.Contains("private static double F_Pull(double u)", source, StringComparison.Ordinal);
        Assert.Contains("double value = F_Pull(x[0]) * F_Pull(x[1]);", source, StringComparison.Ordinal);
    }

    [Fact]
    public void MutualRecursionBetweenHelpersTransformedOnceIsADL0106()
    {
        var members = """
                private static double Even(double v, int n)
                {
                    if (n == 0) return v;
                    return Odd(v, n - 1);
                }

                private static double Odd(double v, int n)
                {
                    if (n == 0) return -v;
                    return [|Even(v, n - 1)|];
                }

            """;
        DiagnosticVerifier.Verify(DiagnosticVerifier.InObjectiveBody("return Even(x[0], 3);", members: members), "ADL0106");
    }

    private static string Generate(string source, string hintName)
    {
        var run = GeneratorHarness.Run(source);
        AssertClean(run);
        return run.Source(hintName);
    }

    private static void AssertClean(GeneratorRun run)
    {
        Assert.True(run.InputErrors.IsEmpty, GeneratorRun.Describe(run.InputErrors));
        Assert.True(run.GeneratorDiagnostics.IsEmpty, GeneratorRun.Describe(run.GeneratorDiagnostics));
        Assert.True(run.OutputErrors.IsEmpty, GeneratorRun.Describe(run.OutputErrors));
        Assert.True(run.GeneratedCodeProblems.IsEmpty, GeneratorRun.Describe(run.GeneratedCodeProblems));
    }

    private static int Count(string text, string part) => Regex.Matches(text, Regex.Escape(part)).Count;
}
