using AutoDiffLbfgs.Tests.Infrastructure;
using AutoDiffLbfgs.Stochastic;
using static AutoDiffLbfgs.Tests.Stochastic.SqnTestSupport;

namespace AutoDiffLbfgs.Tests.Stochastic;

/// <summary>Parallel batch sums give the same bits as sequential ones, and iterations allocate nothing.</summary>
public class DeterminismAndAllocationTests
{
    private static readonly LogisticRegressionTerms<double> Large = SyntheticLogistic(termCount: 6000, features: 12, seed: 17);

    [Fact]
    public void ParallelBatchSumsAreBitIdenticalToSequentialOnes()
    {
        double[] Solve(int threads)
        {
            var options = Options(12, 2500, 3000, 3, 0.5);
            options.MaxDegreeOfParallelism = threads;
            options.ParallelBatchThreshold = 1000;
            var w = new double[13];
            StochasticLbfgs.Minimize(Large, w.AsSpan(), options);
            return w;
        }
        double[] sequential = Solve(1);
        AssertBitwiseEqual(sequential, Solve(2));
        AssertBitwiseEqual(sequential, Solve(3));
        AssertBitwiseEqual(sequential, Solve(5));
    }

    [Fact]
    public void SequentialIterationsAllocateNothing()
    {
        var f = BreastCancerData.Objective();
        long Allocated(int iterations)
        {
            var options = Options(iterations, 10, 100, 10, 0.02);
            var w = new double[31];
            long before = GC.GetAllocatedBytesForCurrentThread();
            StochasticLbfgs.Minimize(f, w.AsSpan(), options);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
        Allocated(200);
        Assert.Equal(Allocations.Minimum(() => Allocated(20)), Allocations.Minimum(() => Allocated(400)));
    }

    [Fact]
    public void ParallelIterationsAllocateNothingOnTheCallingThread()
    {
        long Allocated(int iterations)
        {
            var options = Options(iterations, 1200, 1200, 2, 0.5);
            options.MaxDegreeOfParallelism = 2;
            options.ParallelBatchThreshold = 500;
            var w = new double[13];
            long before = GC.GetAllocatedBytesForCurrentThread();
            StochasticLbfgs.Minimize(Large, w.AsSpan(), options);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
        Allocated(20);
        Assert.Equal(Allocations.Minimum(() => Allocated(4)), Allocations.Minimum(() => Allocated(40)));
    }

    [Fact]
    public void ExceptionInATermOnAWorkerThreadReachesTheCaller()
    {
        var options = Options(2, 2000, 2000, 10, 0.1);
        options.MaxDegreeOfParallelism = 2;
        options.ParallelBatchThreshold = 100;
        var terms = new ThrowingTerms(4000, Environment.CurrentManagedThreadId);
        var e = Assert.Throws<InvalidOperationException>(() => StochasticLbfgs.Minimize(terms, new double[2].AsSpan(), options));
        Assert.Equal("term failed on a helper thread", e.Message);
    }

    [Fact]
    public void CancellationStopsBeforeTheNextIteration()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var w = new double[31];
        var result = StochasticLbfgs.Minimize(BreastCancerData.Objective(), w.AsSpan(), Options(10, 10, 100, 10, 0.02), null, cts.Token);
        Assert.Equal(StochasticLbfgsTermination.Cancelled, result.Termination);
        Assert.Equal(0, result.Iterations);
        Assert.All(w, v => Assert.Equal(0.0, v));
    }

    [Fact]
    public void NonFiniteGradientStopsWithoutStepping()
    {
        var options = Options(10, 5, 5, 10, 1e300);
        var w = new double[] { 1e300, 1e300, 1e300 };
        var result = StochasticLbfgs.Minimize(LeastSquaresTerms.Random(10, 3, 1), w.AsSpan(), options);
        Assert.Equal(StochasticLbfgsTermination.NonFiniteGradient, result.Termination);
    }

    internal static LogisticRegressionTerms<double> SyntheticLogistic(int termCount, int features, int seed)
    {
        var random = new Random(seed);
        var x = new double[termCount * features];
        var y = new double[termCount];
        double[] truth = Enumerable.Range(0, features).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        for (int i = 0; i < termCount; i++)
        {
            double z = 0;
            for (int j = 0; j < features; j++) z += truth[j] * (x[i * features + j] = random.NextDouble() * 2 - 1);
            y[i] = random.NextDouble() < 1 / (1 + Math.Exp(-3 * z)) ? 1 : 0;
        }
        return new LogisticRegressionTerms<double>(x, y, 0.01);
    }

    /// <summary>Terms that throw on any thread but the caller's; on the caller they are slow, so a helper surely takes a chunk.</summary>
    private readonly struct ThrowingTerms(int count, int callerThread) : IFiniteSumObjective<double>
    {
        public int TermCount => count;
        public double TermValue(int term, ReadOnlySpan<double> w) => 0;
        public double TermValueAndGradient(int term, ReadOnlySpan<double> w, Span<double> gradient)
        {
            if (Environment.CurrentManagedThreadId != callerThread) throw new InvalidOperationException("term failed on a helper thread");
            Thread.Sleep(1);
            gradient.Clear();
            return 0;
        }
        public void TermHessianVectorProduct(int term, ReadOnlySpan<double> w, ReadOnlySpan<double> v, Span<double> result) => result.Clear();
    }
}
