using AutoDiffLbfgs.Stochastic;
using BenchmarkDotNet.Attributes;

namespace AutoDiffLbfgs.Benchmarks;

/// <summary>
/// Time per SQN iteration against the batch size b (b_H = b, so the curvature pair every L = 10 iterations costs
/// about one more batch of Hessian-vector products) and against the number of threads summing a batch. The data set
/// is synthetic logistic regression, N = 100,000 rows, 50 features (n = 51), generated gradients and HVPs. One
/// benchmark invocation is a solve of 50 iterations from zero; the reported time is divided by 50, so it includes
/// the per-solve setup (workspace, helper-thread start) spread over the iterations.
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class StochasticIterationBenchmarks
{
    private const int Iterations = 50;
    private StochasticLogisticModel.LossTerms _terms;
    private StochasticLbfgsOptions _options = new();
    private readonly double[] _w = new double[51];

    /// <summary>b = b_H.</summary>
    [Params(10, 100, 1_000, 10_000)]
    public int BatchSize { get; set; }

    /// <summary>Threads per batch (MaxDegreeOfParallelism); batches of at least 128 terms are split.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _terms = StochasticLogisticModel.Synthetic(100_000, 50, seed: 1);
        _options = new StochasticLbfgsOptions
        {
            NIterations = Iterations,
            BatchSize = BatchSize,
            CorrectionPairBatchSize = BatchSize,
            StepLengthSequence = [0.05],
            AccuracyThreshold = 0,
            MaxDegreeOfParallelism = Threads,
            ParallelBatchThreshold = 128,
        };
    }

    /// <summary>One solve; BenchmarkDotNet reports the time per iteration.</summary>
    [Benchmark(OperationsPerInvoke = Iterations)]
    public double Iteration()
    {
        Array.Clear(_w);
        return StochasticLbfgs.Minimize(_terms, _w.AsSpan(), _options).GradientNorm;
    }
}
