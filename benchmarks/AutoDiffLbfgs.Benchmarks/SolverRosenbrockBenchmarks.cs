using AutoDiffLbfgs.Tests.Mgh.Problems;
using BenchmarkDotNet.Attributes;

namespace AutoDiffLbfgs.Benchmarks;

/// <summary>Whole solves of extended Rosenbrock from the standard start: ours against Math.NET's L-BFGS.</summary>
[MemoryDiagnoser]
public class SolverRosenbrockBenchmarks
{
    /// <summary>Number of variables.</summary>
    [Params(1_000, 100_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Report()
    {
        var ours = SolverComparison.Ours(new ExtendedRosenbrock(N));
        var theirs = SolverComparison.MathNet(new ExtendedRosenbrock(N));
        Console.WriteLine($"// extended Rosenbrock n={N}: ours f={ours.Value:G6} evals={ours.Evaluations} iters={ours.Iterations}; Math.NET f={theirs.Value:G6} evals={theirs.Evaluations} iters={theirs.Iterations}");
    }

    [Benchmark]
    public double Ours() => SolverComparison.Ours(new ExtendedRosenbrock(N)).Value;

    [Benchmark(Baseline = true)]
    public double MathNet() => SolverComparison.MathNet(new ExtendedRosenbrock(N)).Value;
}
