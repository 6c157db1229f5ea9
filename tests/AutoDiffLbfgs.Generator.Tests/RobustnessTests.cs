using AutoDiffLbfgs.Generator.Tests.Infrastructure;

namespace AutoDiffLbfgs.Generator.Tests;

/// <summary>
/// The generator runs on every keystroke in an IDE, mostly over code that does not compile yet. It must never
/// throw (a crashed generator disables itself for the whole project) and never report an internal error (ADL0900)
/// for what is merely incomplete user code; and it emits nothing that would add errors of its own.
/// </summary>
public sealed class RobustnessTests
{
    [Theory]
    [InlineData("public static double F(ReadOnlySpan<double> x) { return x[0] + ; }")]
    [InlineData("public static double F(ReadOnlySpan<double> x) { double y = x[0] return y; }")]
    [InlineData("public static double F(ReadOnlySpan<double> x) => Undefined(x[0]);")]
    [InlineData("public static double F(ReadOnlySpan<double> x) => x[0] * missing;")]
    [InlineData("public static double F(Missing x) => 1.0;")]
    [InlineData("public static double F(ReadOnlySpan<double> x, Missing data) => x[0];")]
    [InlineData("public static double F(ReadOnlySpan<double> x) { for (int i = 0; i < x.Length; i++) { return x[i]; }")]
    [InlineData("public static double F(ReadOnlySpan<double> x) { if (x[0] > 0) return 1.0; }")]
    [InlineData("public static double F(ReadOnlySpan<double> x) { double y; return y * x[0]; }")]
    [InlineData("public static Missing F(ReadOnlySpan<double> x) => x[0];")]
    [InlineData("public void M() { [Objective] static double F(ReadOnlySpan<double> x) => x[0]; }")]
    public void IncompleteCodeNeverCrashesTheGenerator(string member)
    {
        var source = $$"""
            using System;
            using AutoDiffLbfgs;

            namespace Demo;

            public partial class Problems
            {
                [Objective]
                {{member}}
            }
            """;

        var run = GeneratorHarness.Run(source);

        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id == "ADL0900");
        var newErrors = run.OutputErrors.Select(d => d.Id).Except(run.InputErrors.Select(d => d.Id)).ToList();
        Assert.True(newErrors.Count == 0, "Generated code added errors:\n" + GeneratorRun.Describe(run.OutputErrors));
    }
}
