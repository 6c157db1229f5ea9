using AutoDiffLbfgs.Generator.Tests.Infrastructure;

namespace AutoDiffLbfgs.Generator.Tests;

/// <summary>
/// ADL0100–ADL0119: constructs outside the differentiable subset, each reported at the offending node (the
/// statement, the expression, the assignment, the invocation, the declarator) and never emitted. The walk goes on
/// after an error, so one build reports every problem (<see cref="EveryProblemInABodyIsReportedInOneRun"/>); one
/// construct is one error (FrontDoorDiagnosticTests).
/// </summary>
public sealed class BodyDiagnosticTests
{
    [Theory]
    [InlineData("foreach", "ReadOnlySpan<double> x, System.Collections.Generic.List<double> list", "[|foreach (double v in list) { s += 1.0; }|]")]
    [InlineData("switch", "ReadOnlySpan<double> x", "[|switch (x[0]) { case 1.0: s = 1.0; break; default: s = 2.0; break; }|]")]
    [InlineData("switch", "ReadOnlySpan<double> x", "switch (x.Length) { case 1: if (x[0] > 0.0) [|break;|] s = 1.0; break; default: s = 2.0; break; }")]
    [InlineData("using", "ReadOnlySpan<double> x, IDisposable resource", "[|using (resource) { s += x[0]; }|]")]
    [InlineData("lock", "ReadOnlySpan<double> x, object gate", "[|lock (gate) { s += x[0]; }|]")]
    public void ADL0100_UnsupportedStatement_IsReportedAtTheStatementAndNamesIt(string keyword, string parameters, string statement)
    {
        var run = DiagnosticVerifier.Verify(
            DiagnosticVerifier.InObjectiveBody($"double s = 0.0;\n{statement}\nreturn s;", parameters), "ADL0100");
        Assert.Contains(keyword, Assert.Single(run.GeneratorDiagnostics).GetMessage(), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The span is the unsupported expression itself — the string literal, the <c>new</c> — not the supported access
    /// (<c>.Length</c>, <c>[i]</c>) applied to it, so that the message can name the construct the user wrote.
    /// </summary>
    [Theory]
    [InlineData("s += [|x.Length switch { 1 => 2.0, 2 => 3.0 }|];", "ADL0101")]
    [InlineData("s += [|x[0] switch { 1.0 => 2.0, _ => 3.0 }|];", "ADL0101")]
    [InlineData("s += [|x[0] % 2.0|];", "ADL0101")]
    [InlineData("if ([|x[0] is > 0.5|]) s += 1.0;", "ADL0118")]
    [InlineData("s += [|\"abc\"|].Length;", "ADL0117")]
    [InlineData("s += [|new double[] { 1.0, 2.0 }|][1];", "ADL0116")]
    public void UnsupportedExpressions_AreReportedAtTheInnermostUnsupportedExpression(string statement, string id) =>
        DiagnosticVerifier.Verify(DiagnosticVerifier.InObjectiveBody($"double s = x[0];\n{statement}\nreturn s;"), id);

    [Theory]
    [InlineData("Span<double> x", "[|x[0] = 1.0|];")]
    [InlineData("double[] x", "[|x[1] += 2.0|];")]
    public void ADL0102_WritingToTheVariables_IsReportedAtTheAssignment(string parameters, string statement) =>
        DiagnosticVerifier.Verify(DiagnosticVerifier.InObjectiveBody($"{statement}\nreturn x[0] * x[1];", parameters), "ADL0102");

    [Theory]
    [InlineData("ScaleB", "double s = [|Math.ScaleB(x[0], 2)|];", "ADL0103")]
    [InlineData("Virtual", "double s = [|Virtual(x[0])|];", "ADL0103")]
    [InlineData("Generic", "double s = [|Generic(x[0])|];", "ADL0114")]
    [InlineData("ByRef", "double t = x[0];\ndouble s = [|ByRef(ref t)|];", "ADL0115")]
    public void AnUnsupportedCall_IsReportedAtTheInvocationAndNamesIt(string name, string statement, string id)
    {
        var members = """
                private static T Generic<T>(T v) => v;
                private static double ByRef(ref double v) => v;
                protected virtual double Virtual(double v) => v;

            """;
        var run = DiagnosticVerifier.Verify(
            DiagnosticVerifier.InObjectiveBody($"{statement}\nreturn s;", members: members, isStatic: false), id);
        Assert.Contains(name, Assert.Single(run.GeneratorDiagnostics).GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void ADL0103_AnUnsupportedCallInsideAHelper_IsReportedOnceInTheHelperThoughTheHelperIsCalledTwice() =>
        DiagnosticVerifier.Verify(
            DiagnosticVerifier.InObjectiveBody("return Helper(x[0]) + Helper(x[1]);", members: "    private static double Helper(double v) => [|Math.ScaleB(v, 2)|];\n"),
            "ADL0103");

    [Theory]
    [InlineData("ReadOnlySpan<double> x", "[|try { s += x[0]; } finally { s += 1.0; }|]")]
    [InlineData("ReadOnlySpan<double> x", "[|try { s += x[0]; } catch (Exception) { s = 0.0; }|]")]
    [InlineData("ReadOnlySpan<double> x, Exception error", "if (x.Length == 0) [|throw error;|]")]
    [InlineData("ReadOnlySpan<double> x, Exception error", "s += x.Length > 1 ? x[1] : [|throw error|];")]
    public void ADL0104_ExceptionHandling_IsReportedAtTheStatementOrThrowExpression(string parameters, string statement) =>
        DiagnosticVerifier.Verify(DiagnosticVerifier.InObjectiveBody($"double s = x[0];\n{statement}\nreturn s;", parameters), "ADL0104");

    [Theory]
    [InlineData("[|done: s += x[0];|]")]
    [InlineData("if (x[0] > 0.0) [|goto done;|]\ns += x[0];\n[|done: s += 1.0;|]")]
    public void ADL0105_GotoAndLabels_AreReportedAtEachStatement(string statements) =>
        DiagnosticVerifier.Verify(DiagnosticVerifier.InObjectiveBody($"double s = x[0];\n{statements}\nreturn s;"), "ADL0105");

    [Fact]
    public void ADL0106_Recursion_IsReportedAtTheRecursiveInvocation() =>
        DiagnosticVerifier.Verify(
            DiagnosticVerifier.InObjectiveBody("if (x[0] > 10.0) return 0.0;\nreturn 0.5 * [|F(x)|];"), "ADL0106");

    [Fact]
    public void ADL0106_MutualRecursionBetweenHelpers_IsReportedAtTheCallThatClosesTheCycle()
    {
        var members = """
                private static double Even(double v, int n) => n == 0 ? v : Odd(v, n - 1);
                private static double Odd(double v, int n) => n == 0 ? -v : [|Even(v, n - 1)|];

            """;
        DiagnosticVerifier.Verify(DiagnosticVerifier.InObjectiveBody("return Even(x[0], 3);", members: members), "ADL0106");
    }

    [Fact]
    public void ADL0106_ARecursiveLocalFunction_IsReportedAtTheRecursiveCall() =>
        DiagnosticVerifier.Verify(
            DiagnosticVerifier.InObjectiveBody("double Power(double v, int n) => n == 0 ? 1.0 : v * [|Power(v, n - 1)|];\nreturn Power(x[0], 3);"), "ADL0106");

    /// <summary>
    /// <c>stackalloc</c> is unsafe code (ADL0107) wherever it appears except as the initializer of a local array
    /// (ADL0112 covers those), including as the receiver of an access.
    /// </summary>
    [Theory]
    [InlineData("[|unsafe { s += x[0]; }|]")]
    [InlineData("s += [|stackalloc double[] { 1.0, 2.0 }|].Length;")]
    public void ADL0107_UnsafeCode_IsReportedAtTheUnsafeNode(string statement) =>
        DiagnosticVerifier.Verify(DiagnosticVerifier.InObjectiveBody($"double s = x[0];\n{statement}\nreturn s;"), "ADL0107");

    [Theory]
    [InlineData("ReadOnlySpan<double> x", "s += [|Apply(v => v * v, x[0])|];")]
    [InlineData("ReadOnlySpan<double> x", "s += [|Apply(delegate (double v) { return v; }, x[0])|];")]
    [InlineData("ReadOnlySpan<double> x, double[] data", "s += [|Enumerable.Sum(from v in data select v * 2.0)|];")]
    [InlineData("ReadOnlySpan<double> x, double[] data", "s += [|data.Sum()|];")]
    public void ADL0108_LambdasAndQueries_AreReportedAtTheNode(string parameters, string statement) =>
        DiagnosticVerifier.Verify(WithLinq(DiagnosticVerifier.InObjectiveBody(
            $"double s = x[0];\n{statement}\nreturn s;", parameters, members: "    private static double Apply(Func<double, double> f, double v) => f(v);\n")), "ADL0108");

    /// <summary>
    /// A rejected declaration is the outermost construct: the lambda initializing it is not looked into, and the
    /// call that uses the rejected local reports nothing more.
    /// </summary>
    [Fact]
    public void ALocalOfAnUnsupportedType_IsOneErrorForItsInitializerAndItsUses() =>
        DiagnosticVerifier.Verify(DiagnosticVerifier.InObjectiveBody(
            "Func<double, double> [|square = v => v * v|];\nreturn square(x[0]);"), "ADL0109");

    /// <summary>A discard is not data: <c>_ = …</c> may be rejected, but never as a write to data (ADL0110).</summary>
    [Fact]
    public void ADiscardAssignmentIsNotReportedAsWritingToData()
    {
        var run = GeneratorHarness.Run(DiagnosticVerifier.InObjectiveBody("_ = x[0] * 2.0;\nreturn x[0];"));
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id == "ADL0110");
    }

    [Theory]
    [InlineData("decimal [|d|];")]
    [InlineData("object [|o|];")]
    [InlineData("decimal [|d|], [|e|];")]
    public void ADL0109_LocalOfUnsupportedType_IsReportedAtTheDeclarator(string declaration) =>
        DiagnosticVerifier.Verify(
            DiagnosticVerifier.InObjectiveBody($"{declaration}\nreturn x[0];"), "ADL0109");

    [Theory]
    [InlineData("ReadOnlySpan<double> x, double[] data", "[|data[0] = x[0]|];", true)]
    [InlineData("ReadOnlySpan<double> x, double scale", "[|scale = 2.0|];", true)]
    [InlineData("ReadOnlySpan<double> x, double scale", "[|scale *= x[0]|];", true)]
    [InlineData("ReadOnlySpan<double> x", "[|_offset = x[0]|];", false)]
    public void ADL0110_WritingToData_IsReportedAtTheAssignment(string parameters, string statement, bool isStatic) =>
        DiagnosticVerifier.Verify(
            DiagnosticVerifier.InObjectiveBody($"{statement}\nreturn x[0];", parameters, members: isStatic ? "" : "    private double _offset;\n", isStatic: isStatic),
            "ADL0110");

    [Theory]
    [InlineData("while ([|Settle(s, x)|] > 0.5) s *= 0.5;")]
    [InlineData("s = x[1] > 0.0 ? [|Settle(x[1], x)|] : s;")]
    [InlineData("if (x[1] > 0.0 && [|Settle(x[1], x)|] > 0.1) s += 1.0;")]
    public void ADL0111_AnInlinedHelperWithStatementsWhereNothingCanBeHoisted_IsReportedAtTheCall(string statement)
    {
        // A span parameter keeps Settle inlined (a helper over scalars only is transformed once and fine there).
        var members = """
                private static double Settle(double v, ReadOnlySpan<double> u)
                {
                    double w = v * u[0];
                    return w + 1.0;
                }

            """;
        DiagnosticVerifier.Verify(DiagnosticVerifier.InObjectiveBody($"double s = x[0];\n{statement}\nreturn s;", members: members), "ADL0111");
    }

    [Fact]
    public void ADL0111_ALocalFunctionAssigningACapturedLocal_IsReportedAtTheAssignment() =>
        DiagnosticVerifier.Verify(
            DiagnosticVerifier.InObjectiveBody("double s = x[0];\ndouble Bump(double v) { [|s = v|]; return v; }\nreturn Bump(x[1]) + s;"), "ADL0111");

    [Theory]
    [InlineData("double[] r = new double[2];\n{|ADL0112:r = new double[3]|};")]
    [InlineData("double[] {|ADL0112:r = data|};")]
    [InlineData("Span<double> {|ADL0112:r = stackalloc double[] { 1.0, 2.0 }|};")]
    [InlineData("double[] t = new double[4];\ndouble[] {|ADL0112:c = t[1..3]|};")]
    public void ADL0112_ALocalArrayNotCreatedByItsDeclaration_IsReported(string statements) =>
        DiagnosticVerifier.Verify(DiagnosticVerifier.InObjectiveBody(
            $"double s = x[0];\n{statements}\nreturn s;", "ReadOnlySpan<double> x, double[] data"));

    /// <summary>
    /// A span local that is a slice stands for that slice for the whole of its scope, so assigning it another slice
    /// is refused at the assignment (ADL0101); writes through a slice of the data are refused as writes to the data are (ADL0110).
    /// </summary>
    [Theory]
    [InlineData("ReadOnlySpan<double> a = x.Slice(0, 1);\n[|a = x.Slice(1, 1)|];\ns += a[0];")]
    [InlineData("ReadOnlySpan<double> a = x[..1];\nif (s > 0) [|a = x[1..]|];\ns += a[0];")]
    [InlineData("Span<double> r = data.AsSpan(0, 2);\n{|ADL0110:r[0] = x[0]|};\ns += r[0];")]
    public void ReassigningASliceOrWritingTheDataThroughOne_IsReported(string statements) =>
        DiagnosticVerifier.Verify(DiagnosticVerifier.InObjectiveBody(
            $"double s = x[0];\n{statements}\nreturn s;", "ReadOnlySpan<double> x, double[] data"), "ADL0101");

    /// <summary>
    /// Helpers that give back several values: what is refused, each once, at the construct. Uses of the targets
    /// after a refused call report nothing more.
    /// </summary>
    [Theory]
    [InlineData("var [|p = Polar(x[0], x[1])|];\ns += x[0];", "ADL0109")]
    [InlineData("s += [|Polar(x[0], x[1])|].Item1;", "ADL0103")]
    [InlineData("double[] t = new double[2];\n[|Split(x[0], out t[0], out double b)|];\ns += b + t[0];", "ADL0115")]
    [InlineData("double a = 0.0;\ns += a + Head(x[0], [|out a|]);", "ADL0101")]
    [InlineData("double a = 0.0;\nwhile ([|Head(s, out a)|] < 1.0) s += a;", "ADL0111")]
    [InlineData("[|(s, (double p, double q)) = (x[0], (x[1], x[2]))|];", "ADL0101")]
    public void HelpersGivingBackSeveralValues_AreRefusedOnceWhereUnsupported(string statements, string id)
    {
        var members = """
                private static (double R, double Phi) Polar(double u, double v) => (Math.Sqrt(u * u + v * v), Math.Atan(v / u));
                private static void Split(double v, out double a, out double b) { a = v; b = v * v; }
                private static double Head(double v, out double rest) { rest = v * v; return v; }

            """;
        DiagnosticVerifier.Verify(DiagnosticVerifier.InObjectiveBody($"double s = x[0];\n{statements}\nreturn s;", members: members), id);
    }

    /// <summary>A row of a jagged data table is indexed in place; as a span it is refused, once, where it is used as one.</summary>
    [Theory]
    [InlineData("{|ADL0100:foreach (double v in rows[0]) s += v * x[0];|}")]
    [InlineData("s += Sum([|rows[0]|]) * x[0];")]
    public void AJaggedRowUsedAsASpan_IsReported(string statements) =>
        DiagnosticVerifier.Verify(DiagnosticVerifier.InObjectiveBody(
            $"double s = x[0];\n{statements}\nreturn s;", "ReadOnlySpan<double> x, double[][] rows",
            members: "    private static double Sum(ReadOnlySpan<double> v) { double t = 0.0; foreach (double e in v) t += e; return t; }\n"), "ADL0101");

    /// <summary>
    /// What ADL0112 refused while local arrays had to be write-once is now differentiated (with an undo log): no
    /// diagnostic, and the objective compiles.
    /// </summary>
    [Theory]
    [InlineData("double[] r = new double[x.Length];\nfor (int i = 0; i < r.Length; i++) r[i] = x[i];\nfor (int i = 0; i < r.Length; i++) r[i] = 2.0 * x[i];")]
    [InlineData("double[] r = new double[x.Length];\nfor (int i = 0; i < r.Length; i++) r[i] += x[i];")]
    [InlineData("double[] r = new double[x.Length];\nfor (int i = 0; i < r.Length; i++) r[i]++;")]
    [InlineData("double[] r = new double[x.Length];\nfor (int i = 1; i < r.Length; i++) r[i] = r[i - 1] + x[i];")]
    [InlineData("double[] r = new double[x.Length];\ns += r[0];\nfor (int i = 0; i < r.Length; i++) r[i] = x[i];")]
    [InlineData("double[] r = new double[x.Length];\nfor (int i = 0; i + 1 < r.Length; i++) r[i + 1] = x[i];")]
    [InlineData("double[] r = new double[x.Length];\nfor (int i = 0; i < r.Length; i += 2) r[i] = x[i];")]
    [InlineData("double[] r = new double[2];\nfor (int k = 0; k < 2; k++) { for (int i = 0; i < r.Length; i++) r[i] = k * x[i]; }")]
    [InlineData("double[] r = new double[2];\nint j = 0;\nwhile (j < 2) { r[j] = x[j]; j++; }")]
    [InlineData("Span<float> r = stackalloc float[2];\nr[0] -= (float)x[0];\nr[1] *= 2f;\nr[1] /= 3f;\nr[0]--;")]
    public void OverwrittenLocalArrays_AreAccepted(string statements)
    {
        var run = GeneratorHarness.Run(DiagnosticVerifier.InObjectiveBody(
            $"double s = x[0];\n{statements}\nfor (int q = 0; q < r.Length; q++) s += r[q] * r[q];\nreturn s;", "ReadOnlySpan<double> x, double[] data"));
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.OutputErrors);
        Assert.Empty(run.GeneratedCodeProblems);
    }

    [Theory]
    [InlineData("[Derivative(nameof(Slope))] private static double Ramp(double z) => z;\nprivate static double Slope(double z, double w) => 1.0;", "Slope")]
    [InlineData("[Derivative] private static double Ramp(double z) => z;", "names 0")]
    [InlineData("[Derivative(nameof(Slope), nameof(Slope))] private static double Ramp(double z) => z;\nprivate static double Slope(double z) => 1.0;", "names 2")]
    [InlineData("[Derivative(nameof(Slope))] private static double Ramp(double z) => z;\nprivate static double Slope(double z) { double one = 1.0; return one; }", "single expression")]
    [InlineData("[Derivative(nameof(Slope))] private double Ramp(double z) => z;\nprivate double Slope(double z) => 1.0;", "static")]
    public void ADL0113_AnUnusableDerivativeRule_IsReportedAtTheCallAndSaysWhy(string members, string reason)
    {
        var run = DiagnosticVerifier.Verify(
            DiagnosticVerifier.InObjectiveBody("return [|Ramp(x[0])|];", members: "    " + members.Replace("\n", "\n    ", StringComparison.Ordinal) + "\n", isStatic: false),
            "ADL0113");
        Assert.Contains(reason, Assert.Single(run.GeneratorDiagnostics).GetMessage(), StringComparison.Ordinal);
    }

    private const string SpanRule = """
            [Derivative(Gradient = nameof(NormGradient), HessianVectorProduct = nameof(NormHvp))]
            private static double Norm(ReadOnlySpan<double> u, double scale) => scale;
            private static double NormGradient(ReadOnlySpan<double> u, Span<double> g, double scale) => scale;
            private static void NormHvp(ReadOnlySpan<double> u, ReadOnlySpan<double> v, Span<double> r, double scale) { }

        """;

    /// <summary>A span rule differentiates its span argument only: the call must pass the variables, whole, and data for the rest.</summary>
    [Theory]
    [InlineData("return Norm({|ADL0113:data|}, 1.0);", "", "the objective's variables")]
    [InlineData("double s = x[0];\nreturn Norm(x, {|ADL0113:s|});", "", "may depend on the variables")]
    [InlineData("return [|Norm(x, 1.0)|];", "Span<double> r, double scale", "no static method 'NormHvp'")]
    [InlineData("return [|Norm(x, 1.0)|];", "Span<double> g, double scale", "no static method 'NormGradient'")]
    public void ADL0113_ASpanRuleCalledWrongOrIncomplete_IsReportedAndSaysWhy(string body, string mistyped, string reason)
    {
        // A mistyped rule takes float where the helper takes double.
        var members = mistyped.Length == 0 ? SpanRule : SpanRule.Replace(mistyped, mistyped.Replace("double scale", "float scale", StringComparison.Ordinal), StringComparison.Ordinal);
        var run = DiagnosticVerifier.Verify(DiagnosticVerifier.InObjectiveBody(body, "ReadOnlySpan<double> x, double[] data", members: members, isStatic: false), "ADL0113");
        Assert.Contains(run.GeneratorDiagnostics, d => d.GetMessage().Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public void EveryProblemInABodyIsReportedInOneRun()
    {
        var run = DiagnosticVerifier.Verify(DiagnosticVerifier.InObjectiveBody(
            """
            double s = 0.0;
            {|ADL0100:switch (x[0]) { default: s += 1.0; break; }|}
            {|ADL0102:x[0] = 1.0|};
            s += {|ADL0103:Math.ScaleB(x[1], 2)|};
            {|ADL0104:try { s += x[0]; } finally { s += 1.0; }|}
            if ({|ADL0118:x[0] is > 0.5|}) s += 1.0;
            decimal {|ADL0109:d|};
            {|ADL0105:label: s += x[1];|}
            s += {|ADL0101:x.Length switch { 1 => 2.0, 2 => 3.0 }|};
            {|ADL0107:unsafe { s += 2.0; }|}
            Func<double, double> {|ADL0109:square = v => v * v|};
            s += {|ADL0108:System.Linq.Enumerable.Sum(new[] { 1.0, 2.0 })|};
            s += {|ADL0116:new double[] { 1.0 }|}[0];
            s += {|ADL0117:"abc"|}.Length;
            {|ADL0119:Math.Sqrt(s)|};
            return s + {|ADL0106:F(x)|};
            """,
            "Span<double> x"));

        Assert.Equal(15, run.GeneratorDiagnostics.Length);
        Assert.True(run.Sources.IsEmpty, "Nothing may be emitted when the only objective is rejected.");
    }

    [Fact]
    public void ARejectedObjectiveDoesNotStopItsValidNeighbourFromBeingGenerated()
    {
        var run = DiagnosticVerifier.Verify(
            """
            using System;
            using AutoDiffLbfgs;

            namespace Demo;

            public static partial class Problems
            {
                [Objective]
                public static double Good(ReadOnlySpan<double> x) => x[0] * x[0];

                [Objective]
                public static double F(ReadOnlySpan<double> x)
                {
                    double s = 0.0;
                    {|ADL0100:switch (x[0]) { default: s += 1.0; break; }|}
                    return s;
                }
            }
            """);

        run.Source("Demo.Problems.Good.g.cs");
        Assert.True(run.OutputErrors.IsEmpty, GeneratorRun.Describe(run.OutputErrors));
    }

    private static string WithLinq(string source) => source.Replace("using System;", "using System;\nusing System.Linq;", StringComparison.Ordinal);
}
