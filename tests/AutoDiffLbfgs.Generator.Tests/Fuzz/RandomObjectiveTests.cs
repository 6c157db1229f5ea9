using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using AutoDiffLbfgs.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace AutoDiffLbfgs.Generator.Tests.Fuzz;

/// <summary>
/// Differential testing of the whole generator on random programs: every random objective is compiled with the
/// generator, loaded, and its generated gradient and Hessian-vector product are compared with finite differences of
/// the user's own method (for the gradient) and of the generated gradient (for the HVP).
/// </summary>
public class RandomObjectiveTests
{
    /// <summary>
    /// 40 programs in CI. For a longer hunt, set <c>ADL_FUZZ_COUNT</c> (how many) and <c>ADL_FUZZ_SEED</c> (the first
    /// program's seed) and run this class alone; a failure prints the program's source.
    /// </summary>
    private static readonly int ObjectiveCount = EnvironmentInt("ADL_FUZZ_COUNT", 40);

    private static readonly int FirstSeed = EnvironmentInt("ADL_FUZZ_SEED", 0);
    private const int Dimension = 5;

    private static readonly Lazy<Assembly> Compiled = new(Compile);

    public static TheoryData<int> Indices => new(Enumerable.Range(0, ObjectiveCount));

    [Theory]
    [MemberData(nameof(Indices))]
    public void GeneratedGradientAndHessianVectorProductMatchFiniteDifferences(int index)
    {
        var type = Compiled.Value.GetType("Fuzz.Calls")!;
        var value = type.GetMethod("Value" + index)!.CreateDelegate<Func<double[], double>>();
        var gradient = type.GetMethod("Gradient" + index)!.CreateDelegate<Func<double[], double[], double>>();
        var hvp = type.GetMethod("Hvp" + index)!.CreateDelegate<Action<double[], double[], double[]>>();
        var random = new Random(1000 + FirstSeed + index); // points depend on the program's seed only, so one program reruns alone
        int checkedEntries = 0;

        for (int point = 0; point < 5; point++)
        {
            var x = Enumerable.Range(0, Dimension).Select(_ => random.NextDouble() * 2 - 1).ToArray();
            // NaN-filled outputs: the generated code must overwrite every entry, not add to what is there.
            var g = Enumerable.Repeat(double.NaN, Dimension).ToArray();
            double f = gradient(x, g);
            // The generated gradient returns exactly the value the user's method computes.
            Assert.Equal(value(x), f);

            for (int i = 0; i < Dimension; i++)
            {
                // Central differences at h and h/2; where they disagree the stencil crossed a kink (Max, Abs, a branch
                // on an active value) or the value is rounding noise (Sin of an argument of 1e21, which a carried Fold
                // can reach), and the point says nothing about the derivative, so it is skipped. The skip is decided from
                // the differences alone: scaled by the generated value, a right but huge derivative (1e21 at hunt seed
                // 41474) widened the gate past the noise and then failed against it. Otherwise the Richardson
                // value (4·D(h/2) − D(h))/3 has error O(h⁴) ≈ 1e-12 relative, far below the 1e-6 bound.
                double h = 1e-3;
                double d1 = Central(value, x, i, h), d2 = Central(value, x, i, h / 2);
                if (Math.Abs(d1 - d2) > 1e-4 * Math.Max(1, Math.Max(Math.Abs(d1), Math.Abs(d2)))) continue;
                // A point where the value jumps away from both neighbours (a branch on rounding noise taken at x alone:
                // hunt seed 71124 returned 0.298 at x and about -1e20 at x ± h and x ± h/2, so the two stencils agreed
                // and the exact zero gradient was reported) says nothing either: the value must lie between its neighbours'
                // up to the curvature a smooth function has over one step.
                if (!Continuous(value, x, i, h)) continue;
                double richardson = (4 * d2 - d1) / 3;
                double scale = Math.Max(1, Math.Abs(g[i]));
                // Differences of f cannot resolve a slope below f's own rounding over the step, eps·|f|/h: hunt seed
                // 72677 added a log term (slope 0.12) to a value grown by v2 += v4·(v2 + v4), and the differences saw exactly 0.
                double resolution = 8e-16 * Math.Abs(f) / (h / 2);
                Assert.True(Math.Abs(richardson - g[i]) <= 1e-6 * scale + resolution,
                    $"objective {index}, point {point}, ∂f/∂x{i}: generated {g[i]:R}, finite differences {richardson:R}\n{Source(index)}");
                checkedEntries++;
            }

            var v = Enumerable.Range(0, Dimension).Select(_ => random.NextDouble() - 0.5).ToArray();
            var hv = Enumerable.Repeat(double.NaN, Dimension).ToArray();
            hvp(x, v, hv);
            var fd1 = GradientDifference(gradient, x, v, 1e-4);
            var fd2 = GradientDifference(gradient, x, v, 0.5e-4);
            for (int i = 0; i < Dimension; i++)
            {
                if (Math.Abs(fd1[i] - fd2[i]) > 1e-4 * Math.Max(1, Math.Max(Math.Abs(fd1[i]), Math.Abs(fd2[i])))) continue;
                double richardson = (4 * fd2[i] - fd1[i]) / 3;
                double scale = Math.Max(1, Math.Abs(hv[i]));
                Assert.True(Math.Abs(richardson - hv[i]) <= 1e-6 * scale,
                    $"objective {index}, point {point}, (Hv)_{i}: generated {hv[i]:R}, finite differences {richardson:R}\n{Source(index)}");
            }
        }
        Assert.True(checkedEntries >= Dimension, $"objective {index}: too few smooth points were checked ({checkedEntries})\n{Source(index)}");
    }

    /// <summary>
    /// Programs longer hunts found broken, kept as regressions (their text depends on <see cref="RandomObjective"/>: if it
    /// changes, regenerate the list from a new hunt): each must be generated and compile without a warning.
    /// </summary>
    [Theory]
    [InlineData(15246)] // an accumulator declared in a block whose reverse replays a taped loop: it was left undeclared
    [InlineData(61689)] // a loop whose body always breaks (`if (1.106 > -0.137) break;`): its copied increment was unreachable (CS0162)
    public void ProgramsFoundByHuntsCompileCleanly(int seed)
    {
        var source = "using System;\nusing AutoDiffLbfgs;\n\nnamespace Fuzz;\n\npublic static partial class Objectives\n{\n"
            + RandomObjective.Helpers + RandomObjective.Write("F", new Random(seed)) + "\n}\n";
        var run = GeneratorHarness.Run(source);
        Assert.True(run.GeneratorDiagnostics.IsEmpty, GeneratorRun.Describe(run.GeneratorDiagnostics));
        Assert.True(run.OutputErrors.IsEmpty, GeneratorRun.Describe(run.OutputErrors));
        Assert.True(run.GeneratedCodeProblems.IsEmpty, GeneratorRun.Describe(run.GeneratedCodeProblems));
    }

    [Theory]
    [InlineData("foreach (double")]
    [InlineData("switch (")]
    [InlineData(") switch {")]
    [InlineData("Math.Clamp(")]
    [InlineData("double.IsFinite(")]
    [InlineData("Math.Asinh(")]
    [InlineData("Math.Atanh(")]
    [InlineData("double.Hypot(")]
    [InlineData(", 2.5)")]
    [InlineData("double.Sin(")]
    [InlineData("Bend(")]
    [InlineData("Fold(")]
    [InlineData("Wave(x, ")]
    [InlineData("= new double[x.Length];")]
    [InlineData("= stackalloc double[x.Length];")]
    [InlineData("] += ")]
    [InlineData("] *= 0.5")]
    [InlineData(" < 3; ")] // a per-iteration scratch array rewritten by each of three passes
    [InlineData(") = Split(")] // a tuple result deconstructed
    [InlineData("Lift(")] // an out argument
    [InlineData("Wave(x[1..], ")] // a slice of the variables passed to a helper
    public void TheRandomObjectivesExerciseEveryControlFlowAndHelperConstruct(string construct)
    {
        int uses = Enumerable.Range(0, ObjectiveCount).Count(k => Source(k).Contains(construct, StringComparison.Ordinal));
        Assert.True(uses >= 3, $"Only {uses} of the {ObjectiveCount} random objectives use '{construct}'.");
    }

    /// <summary>Whether f(x) agrees with the mean of f(x ± h·eᵢ) to 1e-3 of the largest of the three values (at least 1).</summary>
    private static bool Continuous(Func<double[], double> f, double[] x, int i, double h)
    {
        var p = (double[])x.Clone();
        var m = (double[])x.Clone();
        p[i] += h;
        m[i] -= h;
        double f0 = f(x), fp = f(p), fm = f(m);
        return Math.Abs(fp + fm - 2 * f0) <= 2e-3 * Math.Max(1, Math.Max(Math.Abs(f0), Math.Max(Math.Abs(fp), Math.Abs(fm))));
    }

    private static double Central(Func<double[], double> f, double[] x, int i, double h)
    {
        var p = (double[])x.Clone();
        var m = (double[])x.Clone();
        p[i] += h;
        m[i] -= h;
        return (f(p) - f(m)) / (2 * h);
    }

    private static double[] GradientDifference(Func<double[], double[], double> gradient, double[] x, double[] v, double h)
    {
        var p = x.Select((xi, i) => xi + h * v[i]).ToArray();
        var m = x.Select((xi, i) => xi - h * v[i]).ToArray();
        var gp = Enumerable.Repeat(double.NaN, x.Length).ToArray();
        var gm = Enumerable.Repeat(double.NaN, x.Length).ToArray();
        gradient(p, gp);
        gradient(m, gm);
        return gp.Select((a, i) => (a - gm[i]) / (2 * h)).ToArray();
    }

    private static string Source(int index) => RandomObjective.Write("F" + index, new Random(FirstSeed + index));

    private static int EnvironmentInt(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int value) ? value : fallback;

    private static Assembly Compile()
    {
        var source = new StringBuilder();
        source.Append("using System;\nusing AutoDiffLbfgs;\n\nnamespace Fuzz;\n\npublic static partial class Objectives\n{\n");
        source.Append(RandomObjective.Helpers);
        for (int k = 0; k < ObjectiveCount; k++) source.Append(Source(k)).Append('\n');
        source.Append("}\n\npublic static class Calls\n{\n");
        for (int k = 0; k < ObjectiveCount; k++)
        {
            source.Append($"    public static double Value{k}(double[] x) => Objectives.F{k}(x);\n");
            source.Append($"    public static double Gradient{k}(double[] x, double[] g) => Objectives.F{k}Gradient(x, g);\n");
            source.Append($"    public static void Hvp{k}(double[] x, double[] v, double[] r) => Objectives.F{k}HessianVectorProduct(x, v, r);\n");
        }
        source.Append("}\n");

        var run = GeneratorHarness.Run(source.ToString());
        Assert.True(run.GeneratorDiagnostics.IsEmpty, GeneratorRun.Describe(run.GeneratorDiagnostics));

        using var stream = new MemoryStream();
        var emitted = run.Output.WithOptions(run.Output.Options.WithOptimizationLevel(OptimizationLevel.Release)).Emit(stream);
        Assert.True(emitted.Success, GeneratorRun.Describe(emitted.Diagnostics));
        // A user who builds with warnings as errors must not see any warning from generated code either.
        var generated = run.Output.SyntaxTrees.Except(run.Input.SyntaxTrees).ToHashSet();
        var warnings = emitted.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Location.SourceTree is { } tree && generated.Contains(tree)).ToList();
        Assert.True(warnings.Count == 0, GeneratorRun.Describe(warnings));
        stream.Position = 0;
        return new AssemblyLoadContext("fuzz", isCollectible: false).LoadFromStream(stream);
    }
}
