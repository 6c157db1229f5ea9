using System.Text.RegularExpressions;
using AutoDiffLbfgs.Generator.Tests.Infrastructure;

namespace AutoDiffLbfgs.Generator.Tests.ControlFlowAndHelpers;

/// <summary>
/// Helpers with statements over scalars, and helpers with statements over the variables called with data, are
/// transformed once per objective: their derivative code is generated as private methods, once, and every call site
/// calls them. Each test also proves the generated code compiles cleanly.
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

    /// <summary>A helper over the variables with a loop and an early return, called from the objective at <paramref name="calls"/>.</summary>
    private static string SpreadObjective(string calls) => $$"""
        using System;
        using AutoDiffLbfgs;

        namespace Demo;

        public static partial class Spans
        {
            private static double Spread(ReadOnlySpan<double> u, int k)
            {
                double s = 0.0;
                for (int i = 0; i < u.Length; i++)
                {
                    double d = u[i] - u[k];
                    s += d * d * Math.Exp(-d);
                    if (s > 50.0) return s;
                }
                return s;
            }

            [Objective]
            public static double Energy(ReadOnlySpan<double> x, double[] w)
            {
                double e = 0.0;
        {{calls}}
                return e;
            }
        }
        """;

    [Fact]
    public void ASpanHelperCalledAtThreeSitesHasItsDerivativeCodeOnce()
    {
        var once = Generate(SpreadObjective("e += Spread(x, 0);"), "Demo.Spans.Energy.g.cs");
        var threeTimes = Generate(SpreadObjective("""
                    e += Spread(x, 0);
                    for (int j = 1; j < x.Length; j++) e += w[j] * Spread(x, j);
                    double y = x[0];
                    while (Spread(x, 1) > y * y + 1.0 && y < 4.0) y += 1.0;
                    e += y;
            """), "Demo.Spans.Energy.g.cs");

        // The helper's body appears in its generated gradient (forward and reverse) and Hessian-vector product, whatever
        // the number of calls; inlined, it would be copied at every call.
        Assert.Equal(Count(once, "* Math.Exp(-d)"), Count(threeTimes, "* Math.Exp(-d)"));
        Assert.Equal(1, Count(threeTimes, "private static double Energy_SpreadGradient(global::System.ReadOnlySpan<double> u, global::System.Span<double> gradient, int k)"));
        Assert.Equal(1, Count(threeTimes, "private static void Energy_SpreadHessianVectorProduct(global::System.ReadOnlySpan<double> u, global::System.ReadOnlySpan<double> v, global::System.Span<double> result, int k)"));
        // The two differentiable calls call the generated gradient from the objective's gradient, on its variables; the
        // loop condition's call is for its value only, a call of the user's method.
        var gradient = threeTimes.Substring(0, threeTimes.IndexOf("EnergyHessianVectorProduct(", StringComparison.Ordinal));
        Assert.Equal(2, Count(gradient, "Energy_SpreadGradient(x, "));
        Assert.Contains("while (global::Demo.Spans.Spread(x, 1) > y * y + 1.0 && y < 4.0)", threeTimes, StringComparison.Ordinal);
        Assert.Contains("Energy_SpreadHessianVectorProduct(x, v, ", threeTimes, StringComparison.Ordinal);
    }

    [Fact]
    public void ASpanHelperCalledOnDataOrWithAnActiveArgumentIsInlinedThere()
    {
        // Over a data array the call has no derivative to take with respect to its span, and with an active scalar
        // argument the generated methods (which differentiate the span alone) would miss a term: both are inlined, while
        // the call on the variables with data is transformed once.
        var source = Generate(DiagnosticVerifier.InObjectiveBody(
            "double a = Norm(x, 1.0);\ndouble b = Norm(w, 2.0);\ndouble c = Norm(x, x[0]);\nreturn a + b * c;",
            parameters: "ReadOnlySpan<double> x, double[] w",
            members: """
                    private static double Norm(ReadOnlySpan<double> u, double p)
                    {
                        double s = 0.0;
                        foreach (double e in u) s += e * e * p;
                        return Math.Sqrt(s + 1.0);
                    }

                """), "Demo.Problems.F.g.cs");
        var gradient = source.Substring(0, source.IndexOf("FHessianVectorProduct(", StringComparison.Ordinal));
        Assert.Equal(1, Count(gradient, "F_NormGradient(x, "));
        Assert.Contains("normEIndex < w.Length", gradient, StringComparison.Ordinal); // the inlined copy over the data
        Assert.Contains("double normP2 = x[0];", gradient, StringComparison.Ordinal); // the inlined copy with an active argument
    }

    [Fact]
    public void ASpanHelperOverAnArrayGetsACopyForItsValue()
    {
        // Generated code holds the variables as a read-only span, which a double[] (or Span<double>) parameter cannot take.
        var source = Generate(DiagnosticVerifier.InObjectiveBody(
            "double s = Peak(x, w);\nreturn s * s;",
            parameters: "double[] x, double[] w",
            members: """
                    private static double Peak(double[] u, double[] c)
                    {
                        double m = 0.0;
                        for (int i = 0; i < u.Length; i++) m += Math.Log(1.0 + Math.Exp(c[i] * u[i]));
                        return m;
                    }

                """), "Demo.Problems.F.g.cs");
        Assert.Contains("private static double F_Peak(global::System.ReadOnlySpan<double> u, double[] c)", source, StringComparison.Ordinal);
        Assert.Contains("double s = F_Peak(x, w);", source, StringComparison.Ordinal);
        Assert.Contains("private static double F_PeakGradient(global::System.ReadOnlySpan<double> u, global::System.Span<double> gradient, double[] c)", source, StringComparison.Ordinal);
    }

    [Fact]
    public void AnInstanceSpanHelperReadingAFieldGetsInstanceMethods()
    {
        var source = Generate(DiagnosticVerifier.InObjectiveBody(
            "return Pull(x) + x[0];",
            members: """
                    private double _stiffness = 2.0;

                    private double Pull(ReadOnlySpan<double> u)
                    {
                        double s = 0.0;
                        for (int i = 1; i < u.Length; i++) s += _stiffness * Math.Cosh(u[i] - u[i - 1]);
                        return s;
                    }

                """,
            isStatic: false), "Demo.Problems.F.g.cs");
        Assert.Contains("private double F_PullGradient(global::System.ReadOnlySpan<double> u, global::System.Span<double> gradient)", source, StringComparison.Ordinal);
        Assert.Contains("this.Pull(x)", source, StringComparison.Ordinal);
    }

    [Fact]
    public void ASpanHelperCallingItselfIsADL0106()
    {
        var members = """
                private static double Halve(ReadOnlySpan<double> u, int n)
                {
                    if (n == 0) return u[0];
                    double h = [|Halve(u, n - 1)|];
                    return 0.5 * h;
                }

            """;
        DiagnosticVerifier.Verify(DiagnosticVerifier.InObjectiveBody("return Halve(x, 3);", members: members), "ADL0106");
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
