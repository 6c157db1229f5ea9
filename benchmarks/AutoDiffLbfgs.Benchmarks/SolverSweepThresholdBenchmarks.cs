using AutoDiffLbfgs.Numerics;
using BenchmarkDotNet.Attributes;

namespace AutoDiffLbfgs.Benchmarks;

/// <summary>
/// Where two threads start to pay for the solver's two-loop (m = 10, double): the fused, chunked recursion on one
/// thread and, with the threshold lowered to zero, on two, at sizes around <see cref="LbfgsSweeps{T}.ParallelThreshold"/>.
/// Each of the 2m + 1 sweeps hands its chunks to the helper thread and waits for it, so below some n the hand-off costs
/// more than the halved sweep saves.
/// </summary>
public class SolverSweepThresholdBenchmarks
{
    private const int Memory = 10;
    private LbfgsHistory<double> _history = null!;
    private LbfgsSweeps<double> _sweeps = null!;
    private double[] _gradient = null!, _direction = null!;

    /// <summary>Number of variables.</summary>
    [Params(16_384, 32_768, 65_536, 131_072, 262_144, 524_288)]
    public int N { get; set; }

    /// <summary>Threads of the sweeps.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _history = BenchmarkHistory.Filled<double>(N, Memory, random);
        _gradient = BenchmarkHistory.RandomVector<double>(N, random);
        _direction = new double[N];
        _sweeps = new LbfgsSweeps<double>(N, Threads, parallelThreshold: 0);
    }

    [GlobalCleanup]
    public void Cleanup() => _sweeps.Dispose();

    /// <summary>d = −H·g over 10 pairs.</summary>
    [Benchmark]
    public double TwoLoop() => _history.ApplyNegatedInverseHessian(_gradient, _direction, 0.5, _sweeps);
}
