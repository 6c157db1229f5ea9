using BenchmarkDotNet.Attributes;

namespace AutoDiffLbfgs.Benchmarks;

/// <summary>
/// Issue 2's gradient benchmark: the objective alone (the baseline, so the Ratio column reads "× the objective"),
/// the generated value-and-gradient, and a hand-written analytic value-and-gradient. Targets (DESIGN.md §5):
/// generated ≤ 3× the objective, generated ≤ 1.2× hand-written, 0 B allocated.
/// Run: <c>dotnet run -c Release --project benchmarks/AutoDiffLbfgs.Benchmarks -- --filter *GradientBenchmarks*</c>.
/// </summary>
[MemoryDiagnoser]
public class GradientBenchmarks
{
    /// <summary>The problems measured.</summary>
    public enum GradientProblem
    {
        /// <summary>Extended Rosenbrock, n = 1,000.</summary>
        Rosenbrock1K,

        /// <summary>Extended Rosenbrock, n = 100,000 (beyond L2: memory traffic shows).</summary>
        Rosenbrock100K,

        /// <summary>Lennard-Jones cluster of 100 atoms (300 variables, 4,950 pairs).</summary>
        LennardJones100,
    }

    private double[] _x = [];
    private double[] _gradient = [];

    /// <summary>The point of this run (after <see cref="Setup"/>), shared with the HVP benchmark.</summary>
    public double[] Point => _x;

    /// <summary>The problem of this run.</summary>
    [Params(GradientProblem.Rosenbrock1K, GradientProblem.Rosenbrock100K, GradientProblem.LennardJones100)]
    public GradientProblem Problem { get; set; }

    /// <summary>Builds the point and checks that generated and hand-written gradients agree before anything is timed.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _x = Problem switch
        {
            GradientProblem.Rosenbrock1K => Uniform(random, 1_000),
            GradientProblem.Rosenbrock100K => Uniform(random, 100_000),
            _ => Cluster(random, 100),
        };
        _gradient = new double[_x.Length];

        var generated = new double[_x.Length];
        var handWritten = new double[_x.Length];
        double generatedValue = Problem == GradientProblem.LennardJones100
            ? GradientObjectives.LennardJonesGradient(_x, generated)
            : GradientObjectives.ExtendedRosenbrockGradient(_x, generated);
        double handWrittenValue = Problem == GradientProblem.LennardJones100
            ? GradientHandWritten.LennardJones(_x, handWritten)
            : GradientHandWritten.ExtendedRosenbrock(_x, handWritten);
        double scale = Math.Max(1.0, handWritten.Max(Math.Abs));
        if (Math.Abs(generatedValue - handWrittenValue) > 1e-12 * Math.Max(1.0, Math.Abs(handWrittenValue))
            || generated.Zip(handWritten).Any(p => Math.Abs(p.First - p.Second) > 1e-10 * scale))
        {
            throw new InvalidOperationException($"{Problem}: generated and hand-written gradients disagree; the comparison would be meaningless.");
        }
    }

    /// <summary>f(x) alone.</summary>
    [Benchmark(Baseline = true)]
    public double Objective() => Problem == GradientProblem.LennardJones100
        ? GradientObjectives.LennardJones(_x)
        : GradientObjectives.ExtendedRosenbrock(_x);

    /// <summary>The generated value and gradient.</summary>
    [Benchmark]
    public double Generated() => Problem == GradientProblem.LennardJones100
        ? GradientObjectives.LennardJonesGradient(_x, _gradient)
        : GradientObjectives.ExtendedRosenbrockGradient(_x, _gradient);

    /// <summary>The hand-written analytic value and gradient.</summary>
    [Benchmark]
    public double HandWritten() => Problem == GradientProblem.LennardJones100
        ? GradientHandWritten.LennardJones(_x, _gradient)
        : GradientHandWritten.ExtendedRosenbrock(_x, _gradient);

    private static double[] Uniform(Random random, int n) => [.. Enumerable.Range(0, n).Select(_ => -2.0 + 4.0 * random.NextDouble())];

    /// <summary>Atoms on a cubic lattice of spacing 1.12 (near the pair minimum), displaced by up to ±0.08 per axis.</summary>
    private static double[] Cluster(Random random, int atoms)
    {
        int side = (int)Math.Ceiling(Math.Cbrt(atoms));
        var x = new double[3 * atoms];
        for (int a = 0; a < atoms; a++)
        {
            int[] cell = [a % side, a / side % side, a / (side * side)];
            for (int axis = 0; axis < 3; axis++)
            {
                x[3 * a + axis] = 1.12 * cell[axis] + 0.16 * (random.NextDouble() - 0.5);
            }
        }

        return x;
    }
}
