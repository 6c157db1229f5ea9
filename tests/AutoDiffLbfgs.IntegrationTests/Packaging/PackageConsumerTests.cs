using System.Globalization;

namespace AutoDiffLbfgs.IntegrationTests.Packaging;

/// <summary>
/// What a user does: a fresh console project with one PackageReference to AutoDiffLbfgs and no project references,
/// an <c>[Objective]</c> in it, then <c>dotnet run</c>. The generator must run from the package, and its diagnostics
/// must reach the build output.
/// </summary>
[Collection(PackedPackageCollection.Name)]
public sealed class PackageConsumerTests(LocalPackageFeed feed)
{
    /// <summary>
    /// A Rosenbrock valley shifted by a data argument: its minimum is at (a, a²), where the Hessian is
    /// [[2 + 800a², −400a], [−400a, 200]]. The program also prints the generated gradient at the solution and the
    /// generated HVP at the exact minimum along e₀, so the data argument and every generated member are exercised.
    /// </summary>
    private const string SolverProgram = """
        using System.Globalization;
        using AutoDiffLbfgs;

        const double a = 1.5;
        var x = new double[] { -1.2, 1.0 };
        var result = Lbfgs.Minimize(new Valley.ShiftedRosenbrockObjective(a), x.AsSpan());

        var gradient = new double[2];
        Valley.ShiftedRosenbrockGradient(x, gradient, a);
        var hessianColumn = new double[2];
        Valley.ShiftedRosenbrockHessianVectorProduct([a, a * a], [1.0, 0.0], hessianColumn, a);

        Print("termination", $"{result.Termination}");
        Print("minimum", $"{x[0]:R} {x[1]:R}");
        Print("value", $"{result.Value:R}");
        Print("gradient", $"{gradient[0]:R} {gradient[1]:R}");
        Print("hessian-column-0", $"{hessianColumn[0]:R} {hessianColumn[1]:R}");

        static void Print(string key, FormattableString value) => Console.WriteLine($"{key}={value.ToString(CultureInfo.InvariantCulture)}");

        public static partial class Valley
        {
            [Objective]
            public static double ShiftedRosenbrock(ReadOnlySpan<double> x, double a)
            {
                double u = a - x[0], w = x[1] - x[0] * x[0];
                return u * u + 100 * w * w;
            }
        }
        """;

    /// <summary>The same kind of objective in a type that is not partial: the generator cannot add to it (ADL0001).</summary>
    private const string NotPartialProgram = """
        using AutoDiffLbfgs;

        Console.WriteLine(Bowl.Square([3.0]));

        public static class Bowl
        {
            [Objective]
            public static double Square(ReadOnlySpan<double> x) => x[0] * x[0];
        }
        """;

    [Fact]
    public async Task ConsoleProjectReferencingOnlyThePackageMinimisesItsObjective()
    {
        string project = feed.CreateConsumer("Solver", new Dictionary<string, string> { ["Program.cs"] = SolverProgram });

        var run = await DotnetCommand.RunAsync(project, "run", "-c", "Release", "--disable-build-servers");

        Assert.True(run.ExitCode == 0, run.ToString());
        // A fresh project must build clean: e.g. CS8032 would mean an assembly under analyzers/ failed to load.
        Assert.DoesNotContain(": warning ", run.Output, StringComparison.Ordinal);
        var printed = ParseKeyValueLines(run.Output);
        Assert.True(printed.TryGetValue("termination", out var termination) && termination.StartsWith("Converged", StringComparison.Ordinal), run.ToString());
        const double a = 1.5;
        // The default gradient test stops at ‖∇f‖ ≈ 1e-5·‖x‖; the valley's small curvature (≈ 0.2) turns that into ~1e-4 in x.
        AssertPair(printed["minimum"], a, a * a, 1e-3, run);
        Assert.InRange(Number(printed["value"]), 0.0, 1e-8);
        AssertPair(printed["gradient"], 0.0, 0.0, 1e-3, run);
        AssertPair(printed["hessian-column-0"], 2 + 800 * a * a, -400 * a, 1e-9, run);
    }

    [Fact]
    public async Task ObjectiveInANonPartialTypeFailsTheBuildWithAdl0001()
    {
        string project = feed.CreateConsumer("NotPartial", new Dictionary<string, string> { ["Program.cs"] = NotPartialProgram });

        var build = await DotnetCommand.RunAsync(project, "build", "-c", "Release", "--disable-build-servers");

        Assert.True(build.ExitCode != 0, build.ToString());
        Assert.Contains("error ADL0001", build.Output, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> ParseKeyValueLines(string output)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n'))
        {
            int equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0) values[line[..equals].Trim()] = line[(equals + 1)..].Trim();
        }
        return values;
    }

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static void AssertPair(string text, double expected0, double expected1, double tolerance, DotnetCommandResult run)
    {
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(parts.Length == 2, run.ToString());
        Assert.True(Math.Abs(Number(parts[0]) - expected0) <= tolerance, $"{text} vs ({expected0}, {expected1}) ± {tolerance}\n{run}");
        Assert.True(Math.Abs(Number(parts[1]) - expected1) <= tolerance, $"{text} vs ({expected0}, {expected1}) ± {tolerance}\n{run}");
    }
}
