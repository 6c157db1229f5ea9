using AutoDiffLbfgs.LineSearch;
using AutoDiffLbfgs.Tests.Mgh.Problems;
using BenchmarkDotNet.Attributes;

namespace AutoDiffLbfgs.Benchmarks;

/// <summary>
/// Whole L-BFGS-B solves of extended Rosenbrock with x₂ᵢ ≥ 1.2 with scipy's default settings, to compare with
/// scipy 1.10.1's L-BFGS-B timed by scipy_lbfgsb_timing.py (next to this file) on the same problem (issue 15).
/// </summary>
[MemoryDiagnoser]
public class BoundedWholeSolveBenchmarks
{
    private double[] _start = [];
    private LbfgsOptions _options = new();

    /// <summary>Number of variables.</summary>
    [Params(10_000, 1_000_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _start = new ExtendedRosenbrock(N).StartingPoint();
        _options = new LbfgsOptions
        {
            LowerBounds = Enumerable.Range(0, N).Select(i => i % 2 == 1 ? 1.2 : double.NegativeInfinity).ToArray(),
            AbsoluteGradientTolerance = 1e-5,
            RelativeGradientTolerance = 0,
            Past = 1,
            Delta = 2.220446049250313e-9,
            LineSearch = new MoreThuenteLineSearch { SufficientDecrease = 1e-3, IntervalTolerance = 0.1 },
        };
        double[] x = (double[])_start.Clone();
        var result = Lbfgs.Minimize(new ExtendedRosenbrock(N), x.AsSpan(), _options);
        Console.WriteLine($"// n={N}: {result.Iterations} iterations, {result.Evaluations} evaluations, f={result.Value:R} ({result.Termination})");
    }

    [Benchmark]
    public double ScipyDefaults()
    {
        double[] x = (double[])_start.Clone();
        return Lbfgs.Minimize(new ExtendedRosenbrock(N), x.AsSpan(), _options).Value;
    }
}
