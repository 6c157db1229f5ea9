using AutoDiffLbfgs.Tests.Infrastructure;
using AutoDiffLbfgs.Stochastic;
using static AutoDiffLbfgs.Tests.Stochastic.SqnTestSupport;

namespace AutoDiffLbfgs.Tests.Stochastic;

/// <summary>
/// <see cref="FullSumObjective{T, TTerms}"/> sums on all cores with a fixed partition: the same bits for any thread
/// count, the bits of the documented plan (blocks of max(64, ⌈N/64⌉) terms summed in order, then added in block
/// order), and no allocation per evaluation.
/// </summary>
public class FullSumParallelTests
{
    private const int Terms = 6000;
    private const int Dimension = 13;
    private static readonly LogisticRegressionTerms<double> Large = DeterminismAndAllocationTests.SyntheticLogistic(Terms, Dimension - 1, seed: 23);

    private static FullSumObjective<double, LogisticRegressionTerms<double>> Full(int threads) =>
        new(Large, Dimension, threads, parallelThreshold: 100);

    [Fact]
    public void EvaluationsAreBitIdenticalForOneTwoThreeAndSevenThreads()
    {
        double[] w = RandomPoint(1), v = RandomPoint(2);
        (double Value, double[] Gradient, double[] Hv) Evaluate(int threads)
        {
            var full = Full(threads);
            var g = new double[Dimension];
            var hv = new double[Dimension];
            double value = full.ValueAndGradient(w, g);
            Assert.Equal(value, full.Value(w));
            full.HessianVectorProduct(w, v, hv);
            return (value, g, hv);
        }
        var one = Evaluate(1);
        foreach (int threads in new[] { 2, 3, 7 })
        {
            var many = Evaluate(threads);
            Assert.Equal(BitConverter.DoubleToInt64Bits(one.Value), BitConverter.DoubleToInt64Bits(many.Value));
            AssertBitwiseEqual(one.Gradient, many.Gradient);
            AssertBitwiseEqual(one.Hv, many.Hv);
        }
    }

    [Fact]
    public void ClassicSolvesAreBitIdenticalForOneTwoThreeAndSevenThreads()
    {
        double[] Solve(int threads)
        {
            var x = new double[Dimension];
            var result = Lbfgs.Minimize<double, FullSumObjective<double, LogisticRegressionTerms<double>>>(Full(threads), x, new LbfgsOptions { RelativeGradientTolerance = 1e-8 });
            Assert.True(result.Converged, result.ToString());
            return x;
        }
        double[] one = Solve(1);
        AssertBitwiseEqual(one, Solve(2));
        AssertBitwiseEqual(one, Solve(3));
        AssertBitwiseEqual(one, Solve(7));
    }

    [Fact]
    public void GradientFollowsTheDocumentedBlockPlan()
    {
        // 6000 terms, n = 13: blocks of max(64, ⌈6000/64⌉) = 94 terms (64 blocks, the last one 78), each summed in
        // index order from zero, the block sums added left to right, then scaled by 1/N.
        double[] w = RandomPoint(3);
        const int blockLength = 94;
        var expected = new double[Dimension];
        var block = new double[Dimension];
        var term = new double[Dimension];
        for (int start = 0; start < Terms; start += blockLength)
        {
            Array.Clear(block);
            for (int i = start; i < Math.Min(start + blockLength, Terms); i++)
            {
                Large.TermValueAndGradient(i, w, term);
                for (int j = 0; j < Dimension; j++) block[j] += term[j];
            }
            for (int j = 0; j < Dimension; j++) expected[j] = start == 0 ? block[j] : expected[j] + block[j];
        }
        for (int j = 0; j < Dimension; j++) expected[j] *= 1.0 / Terms;

        var g = new double[Dimension];
        Full(3).ValueAndGradient(w, g);
        AssertBitwiseEqual(expected, g);
    }

    [Fact]
    public void ParallelEvaluationsAllocateNothingOnTheCallingThread()
    {
        var full = Full(2);
        double[] w = RandomPoint(4), v = RandomPoint(5);
        var g = new double[Dimension];
        var hv = new double[Dimension];
        void Evaluate(int times)
        {
            for (int k = 0; k < times; k++)
            {
                full.ValueAndGradient(w, g);
                full.HessianVectorProduct(w, v, hv);
                full.Value(w);
            }
        }
        Evaluate(5);
        Assert.Equal(0, Allocations.Minimum(() => Evaluate(20)));
    }

    internal static double[] RandomPoint(int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, Dimension).Select(_ => random.NextDouble() - 0.5).ToArray();
    }
}
