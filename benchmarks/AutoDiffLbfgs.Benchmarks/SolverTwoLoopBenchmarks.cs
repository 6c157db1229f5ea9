using AutoDiffLbfgs.Numerics;
using BenchmarkDotNet.Attributes;

namespace AutoDiffLbfgs.Benchmarks;

/// <summary>
/// The L-BFGS direction (two-loop recursion, m = 10) against a plain <see cref="System.Numerics.Vector{T}"/> dot product
/// in the same run. Bandwidth: the two-loop reads every sᵢ and yᵢ twice, 4·m·n·8 bytes of history; <see cref="Dot"/>
/// reads 2·n·8 bytes; <see cref="HistoryDot"/> reads the whole history once (2·m·n·8 bytes) with plain dot products, the
/// bandwidth reference for data of the same size (and so the same cache level) as the two-loop's.
/// </summary>
[MemoryDiagnoser]
public class SolverTwoLoopBenchmarks
{
    private const int Memory = 10;
    private LbfgsHistory<double> _history = null!;
    private double[] _q = null!, _result = null!;

    /// <summary>Number of variables.</summary>
    [Params(1_000, 10_000, 100_000, 1_000_000, 10_000_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _history = BenchmarkHistory.Filled<double>(N, Memory, random);
        _q = BenchmarkHistory.RandomVector<double>(N, random);
        _result = new double[N];
    }

    /// <summary>result = H·q over 10 pairs.</summary>
    [Benchmark]
    public void TwoLoop() => _history.ApplyInverseHessian(_q, _result, 0.5);

    /// <summary>result = H·q over 10 pairs by the experimental internal compact representation (two blocked sweeps).</summary>
    [Benchmark]
    public void Compact() => _history.ApplyInverseHessianCompact(_q, _result, 0.5);

    /// <summary>qᵀresult: plain dot bandwidth on two vectors of length n.</summary>
    [Benchmark(Baseline = true)]
    public double Dot() => VectorMath.Dot<double>(_q, _result);

    /// <summary>Σᵢ sᵢᵀyᵢ over the stored pairs: plain dot bandwidth over the history itself.</summary>
    [Benchmark]
    public double HistoryDot()
    {
        double sum = 0;
        for (int age = 0; age < Memory; age++) sum += VectorMath.Dot(_history.S(age), _history.Y(age));
        return sum;
    }
}
