using AutoDiffLbfgs.LineSearch;
using AutoDiffLbfgs.Tests.Mgh.Problems;
using BenchmarkDotNet.Attributes;

namespace AutoDiffLbfgs.Benchmarks;

/// <summary>
/// L-BFGS-B against the unconstrained solver on extended Rosenbrock (issue 15). Each solve makes exactly
/// <see cref="Iterations"/> iterations (tolerances 0), so time ÷ iterations compares the cost of one iteration:
/// unconstrained; bounded with bounds that never become active (xᵢ ≥ −100: the Cauchy search, the compact matrix and the
/// subspace step all run, nothing is held); and bounded with x₂ᵢ ≥ 1.2 (half the variables active, the reference problem
/// of docs/lbfgsb.md). The objective costs one pass over x, the same in all three.
/// </summary>
[MemoryDiagnoser]
public class BoundedSolverBenchmarks
{
    /// <summary>Iterations per solve.</summary>
    public const int Iterations = 20;

    private double[] _start = [], _point = [], _gradient = [];
    private LbfgsOptions _unconstrained = new(), _inactive = new(), _active = new();

    /// <summary>Number of variables: 10⁴ and 10⁶, or the comma-separated list in the environment variable ADL_BENCH_N.</summary>
    [ParamsSource(nameof(Sizes))]
    public int N { get; set; }

    /// <summary>The values of <see cref="N"/>.</summary>
    public static IEnumerable<int> Sizes() =>
        Environment.GetEnvironmentVariable("ADL_BENCH_N") is { Length: > 0 } list ? list.Split(',').Select(int.Parse) : [10_000, 1_000_000];

    [GlobalSetup]
    public void Setup()
    {
        var problem = new ExtendedRosenbrock(N);
        _start = problem.StartingPoint();
        _point = (double[])_start.Clone();
        _gradient = new double[N];
        _unconstrained = Options(null);
        _inactive = Options(Enumerable.Repeat(-100.0, N).ToArray());
        _active = Options(Enumerable.Range(0, N).Select(i => i % 2 == 1 ? 1.2 : double.NegativeInfinity).ToArray());
        foreach (var (name, options) in new[] { ("unconstrained", _unconstrained), ("inactive bounds", _inactive), ("half active", _active) })
        {
            double[] x = (double[])_start.Clone();
            var result = Lbfgs.Minimize(problem, x.AsSpan(), options);
            Console.WriteLine($"// n={N} {name}: {result.Iterations} iterations, {result.Evaluations} evaluations, f={result.Value:G6} ({result.Termination})");
        }
    }

    private static LbfgsOptions Options(double[]? lower) => new()
    {
        LowerBounds = lower,
        RelativeGradientTolerance = 0,
        MaxIterations = Iterations,
        LineSearch = new MoreThuenteLineSearch(),
    };

    [Benchmark(Baseline = true)]
    public double Unconstrained() => Solve(_unconstrained);

    [Benchmark]
    public double BoundedInactive() => Solve(_inactive);

    [Benchmark]
    public double BoundedHalfActive() => Solve(_active);

    /// <summary>One evaluation of f and ∇f: solver-only time per iteration = (solve − evaluations × this) ÷ iterations, with the counts Setup prints.</summary>
    [Benchmark]
    public double Evaluation() => new ExtendedRosenbrock(N).ValueAndGradient(_point, _gradient);

    private double Solve(LbfgsOptions options)
    {
        double[] x = (double[])_start.Clone();
        return Lbfgs.Minimize(new ExtendedRosenbrock(N), x.AsSpan(), options).Value;
    }
}
