using AutoDiffLbfgs.Generator.Tests.Infrastructure;

namespace AutoDiffLbfgs.Generator.Tests;

/// <summary>
/// The gradient is stored (<c>gradient[k] = …</c>) rather than accumulated only where each entry is provably written
/// once per call: one top-level loop, indices a·i + b with one stride and distinct offsets below it. Everything else
/// keeps <c>+=</c>. The values themselves are checked against finite differences in the runtime tests; here, which
/// form the generator chose, and that the output compiles cleanly.
/// </summary>
public sealed class GradientStoreTests
{
    [Theory]
    // independent pairs (extended Rosenbrock): entries 2i and 2i + 1, stride 2
    [InlineData("for (int i = 0; i < x.Length / 2; i++) { double t = x[2 * i + 1] - x[2 * i] * x[2 * i]; s += t * t + x[2 * i]; }", true)]
    // one entry per iteration
    [InlineData("for (int i = 0; i < x.Length; i++) s += Math.Sin(x[i]);", true)]
    // neighbours: x[i + 1] of one iteration is x[i] of the next (offset 1 is not below stride 1)
    [InlineData("for (int i = 0; i + 1 < x.Length; i++) s += x[i] * x[i + 1];", false)]
    // a nested loop runs the inner body for every outer iteration
    [InlineData("for (int k = 0; k < 2; k++) { for (int i = 0; i < x.Length; i++) s += k * x[i] * x[i]; }", false)]
    // two loops write the same entries
    [InlineData("for (int i = 0; i < x.Length; i++) s += x[i] * x[i];\nfor (int i = 0; i < x.Length; i++) s += Math.Cos(x[i]);", false)]
    // a write outside the loop besides the loop's
    [InlineData("for (int i = 0; i < x.Length; i++) s += x[i] * x[i];\ns += x[0] * x[1];", false)]
    // a counter stepped by 2: i·1 + 0 with stride 1, but i is not advanced by i += 1
    [InlineData("for (int i = 0; i < x.Length; i += 2) s += x[i] * x[i];", false)]
    public void GradientEntriesAreStoredOnlyWhenEachIsWrittenOnce(string loops, bool stored)
    {
        var run = GeneratorHarness.Run(DiagnosticVerifier.InObjectiveBody($"double s = 0.0;\n{loops}\nreturn s;"));
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.OutputErrors);
        var source = run.Source("Demo.Problems.F.g.cs");
        var gradientCode = source[source.IndexOf("FGradient(", StringComparison.Ordinal)..source.IndexOf("FHessianVectorProduct(", StringComparison.Ordinal)];
        Assert.Contains("gradient[", gradientCode, StringComparison.Ordinal);
        Assert.Equal(stored, !System.Text.RegularExpressions.Regex.IsMatch(gradientCode, @"gradient\[[^\]]+\] [+-]="));
        var hvpCode = source[source.IndexOf("FHessianVectorProduct(", StringComparison.Ordinal)..];
        Assert.Equal(stored, !System.Text.RegularExpressions.Regex.IsMatch(hvpCode, @"result\[[^\]]+\] [+-]="));
    }
}
