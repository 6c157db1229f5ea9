using AutoDiffLbfgs.Generator.Tests.Infrastructure;

namespace AutoDiffLbfgs.Generator.Tests;

/// <summary>
/// ADL0100–ADL0110: constructs outside the differentiable subset, each reported at the offending node (the
/// statement, the expression, the assignment, the invocation, the declarator) and never emitted. The walk goes on
/// after an error, so one build reports every problem (<see cref="EveryProblemInABodyIsReportedInOneRun"/>).
/// </summary>
public sealed class BodyDiagnosticTests
{
    [Theory]
    [InlineData("foreach", "ReadOnlySpan<double> x", "[|foreach (double v in x) { s += 1.0; }|]")]
    [InlineData("switch", "ReadOnlySpan<double> x", "[|switch (x.Length) { case 1: s = 1.0; break; default: s = 2.0; break; }|]")]
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
    [InlineData("if ([|x[0] is > 0.5|]) s += 1.0;")]
    [InlineData("s += [|x.Length switch { 1 => 2.0, _ => 3.0 }|];")]
    [InlineData("s += [|\"abc\"|].Length;")]
    [InlineData("s += [|new double[] { 1.0, 2.0 }|][1];")]
    public void ADL0101_UnsupportedExpression_IsReportedAtTheInnermostUnsupportedExpression(string statement) =>
        DiagnosticVerifier.Verify(DiagnosticVerifier.InObjectiveBody($"double s = x[0];\n{statement}\nreturn s;"), "ADL0101");

    [Theory]
    [InlineData("Span<double> x", "[|x[0] = 1.0|];")]
    [InlineData("double[] x", "[|x[1] += 2.0|];")]
    public void ADL0102_WritingToTheVariables_IsReportedAtTheAssignment(string parameters, string statement) =>
        DiagnosticVerifier.Verify(DiagnosticVerifier.InObjectiveBody($"{statement}\nreturn x[0] * x[1];", parameters), "ADL0102");

    [Theory]
    [InlineData("Helper", "double s = [|Helper(x[0])|];")]
    [InlineData("Clamp", "double s = [|Math.Clamp(x[0], 0.0, 1.0)|];")]
    [InlineData("ScaleB", "double s = [|Math.ScaleB(x[0], 2)|];")]
    public void ADL0103_UnknownMethod_IsReportedAtTheInvocationAndNamesIt(string name, string statement)
    {
        var run = DiagnosticVerifier.Verify(
            DiagnosticVerifier.InObjectiveBody($"{statement}\nreturn s;", members: "    private static double Helper(double v) => v * v;\n"),
            "ADL0103");
        Assert.Contains(name, Assert.Single(run.GeneratorDiagnostics).GetMessage(), StringComparison.Ordinal);
    }

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

    /// <summary><c>stackalloc</c> is unsafe code (ADL0107) wherever it appears, including as the receiver of an access.</summary>
    [Theory]
    [InlineData("[|unsafe { s += x[0]; }|]")]
    [InlineData("s += [|stackalloc double[] { 1.0, 2.0 }|].Length;")]
    public void ADL0107_UnsafeCode_IsReportedAtTheUnsafeNode(string statement) =>
        DiagnosticVerifier.Verify(DiagnosticVerifier.InObjectiveBody($"double s = x[0];\n{statement}\nreturn s;"), "ADL0107");

    [Theory]
    [InlineData("ReadOnlySpan<double> x", "{|ADL0108:double Square(double v) => v * v;|}")]
    [InlineData("ReadOnlySpan<double> x", "s += {|ADL0103:Apply({|ADL0108:v => v * v|}, x[0])|};")]
    [InlineData("ReadOnlySpan<double> x", "s += {|ADL0103:Apply({|ADL0108:delegate (double v) { return v; }|}, x[0])|};")]
    [InlineData("ReadOnlySpan<double> x, double[] data", "s += {|ADL0103:Enumerable.Sum({|ADL0108:from v in data select v * 2.0|})|};")]
    public void ADL0108_LambdasLocalFunctionsAndQueries_AreReportedAtTheNode(string parameters, string statement) =>
        DiagnosticVerifier.Verify(WithLinq(DiagnosticVerifier.InObjectiveBody(
            $"double s = x[0];\n{statement}\nreturn s;", parameters, members: "    private static double Apply(Func<double, double> f, double v) => f(v);\n")));

    /// <summary>
    /// The walk goes on inside a rejected declaration: the lambda initializing a local of an unsupported type is a
    /// problem of its own and is reported too, so the user sees both in one build.
    /// </summary>
    [Fact]
    public void ADL0108_ALambdaInitializingARejectedLocal_IsReportedAsWell() =>
        DiagnosticVerifier.Verify(DiagnosticVerifier.InObjectiveBody(
            "Func<double, double> {|ADL0109:square = {|ADL0108:v => v * v|}|};\nreturn x[0];"));

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

    [Fact]
    public void EveryProblemInABodyIsReportedInOneRun()
    {
        var run = DiagnosticVerifier.Verify(DiagnosticVerifier.InObjectiveBody(
            """
            double s = 0.0;
            {|ADL0100:foreach (double v in x) { s += 1.0; }|}
            {|ADL0102:x[0] = 1.0|};
            s += {|ADL0103:Math.Clamp(x[1], 0.0, 1.0)|};
            {|ADL0104:try { s += x[0]; } finally { s += 1.0; }|}
            if ({|ADL0101:x[0] is > 0.5|}) s += 1.0;
            decimal {|ADL0109:d|};
            {|ADL0105:label: s += x[1];|}
            s += {|ADL0101:x.Length switch { 1 => 2.0, _ => 3.0 }|};
            {|ADL0107:unsafe { s += 2.0; }|}
            {|ADL0108:double Square(double v) => v * v;|}
            return s + {|ADL0106:F(x)|};
            """,
            "Span<double> x"));

        Assert.Equal(11, run.GeneratorDiagnostics.Length);
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
                    {|ADL0100:foreach (double v in x) { s += 1.0; }|}
                    return s;
                }
            }
            """);

        run.Source("Demo.Problems.Good.g.cs");
        Assert.True(run.OutputErrors.IsEmpty, GeneratorRun.Describe(run.OutputErrors));
    }

    private static string WithLinq(string source) => source.Replace("using System;", "using System;\nusing System.Linq;", StringComparison.Ordinal);
}
