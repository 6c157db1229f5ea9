using AutoDiffLbfgs.Sharding;
using AutoDiffLbfgs.Stochastic;
using AutoDiffLbfgs.Tests.Infrastructure;
using AutoDiffLbfgs.Tests.Stochastic;
using static AutoDiffLbfgs.Tests.Stochastic.SqnTestSupport;

namespace AutoDiffLbfgs.Tests.Sharding;

/// <summary>
/// A sharded sum in this process: the mean of all terms, bit-identical to <see cref="FullSumObjective{T, TTerms}"/>
/// with one shard, independent of the shards' thread counts, free of allocation, and solvable by the classic solver.
/// </summary>
public class InProcessShardedSumTests
{
    private static readonly ShardedLogisticData Data = new(termCount: 5000, features: 9, seed: 31);
    private static readonly int[] Layout = [1200, 700, 1500, 1600];

    [Fact]
    public void ShardedMeanMatchesTheMeanOfAllTermsAndItsDerivatives()
    {
        var objective = new ShardedObjective<double>(Data.Sum(Layout));
        double[] w = Point(1, 0.3), v = Point(2, 1);
        var g = new double[Data.Dimension];
        var hv = new double[Data.Dimension];
        double value = objective.ValueAndGradient(w, g);
        objective.HessianVectorProduct(w, v, hv);

        // Reference: all terms summed one by one in index order; the orders differ, so agreement is to rounding
        // (5000 terms of size ~1: a relative 1e-13 leaves room for about 500 ulps of accumulated difference).
        var terms = Data.Terms();
        double reference = 0;
        for (int i = 0; i < terms.TermCount; i++) reference += terms.TermValue(i, w);
        Assert.Equal(reference / terms.TermCount, value, 1e-13);
        Assert.Equal(value, objective.Value(w));
        AssertClose(BatchGradient(terms, Enumerable.Range(0, terms.TermCount).ToArray(), w), g, 1e-13);
        var full = new FullSumObjective<double, GeneratedLogisticRegression.LossTerms>(terms, Data.Dimension);
        var hvFull = new double[Data.Dimension];
        full.HessianVectorProduct(w, v, hvFull);
        AssertClose(hvFull, hv, 1e-13);
    }

    [Fact]
    public void OneShardGivesTheBitsOfFullSumObjective()
    {
        var sharded = new ShardedObjective<double>(Data.Sum([Data.TermCount], threads: 3));
        var full = new FullSumObjective<double, GeneratedLogisticRegression.LossTerms>(Data.Terms(), Data.Dimension, 1);
        double[] w = Point(3, 0.3), v = Point(4, 1);
        double[] g1 = new double[Data.Dimension], g2 = new double[Data.Dimension], h1 = new double[Data.Dimension], h2 = new double[Data.Dimension];
        Assert.Equal(full.ValueAndGradient(w, g1), sharded.ValueAndGradient(w, g2));
        full.HessianVectorProduct(w, v, h1);
        sharded.HessianVectorProduct(w, v, h2);
        AssertBitwiseEqual(g1, g2);
        AssertBitwiseEqual(h1, h2);
    }

    [Fact]
    public void ShardThreadCountsDoNotChangeABit()
    {
        double[] w = Point(5, 0.3);
        double[] Gradient(int threads)
        {
            var g = new double[Data.Dimension];
            new ShardedObjective<double>(Data.Sum(Layout, threads)).ValueAndGradient(w, g);
            return g;
        }
        double[] one = Gradient(1);
        AssertBitwiseEqual(one, Gradient(2));
        AssertBitwiseEqual(one, Gradient(3));
        AssertBitwiseEqual(one, Gradient(7));
    }

    [Fact]
    public void ClassicSolverOverShardsReachesTheFullSumOptimum()
    {
        var options = new LbfgsOptions { RelativeGradientTolerance = 1e-9 };
        var x = new double[Data.Dimension];
        var result = Lbfgs.Minimize<double, ShardedObjective<double>>(new ShardedObjective<double>(Data.Sum(Layout)), x, options);
        Assert.True(result.Converged, result.ToString());
        var reference = new double[Data.Dimension];
        Lbfgs.Minimize<double, FullSumObjective<double, GeneratedLogisticRegression.LossTerms>>(new(Data.Terms(), Data.Dimension), reference, options);
        AssertClose(reference, x, 1e-7);
    }

    [Fact]
    public void EvaluationsAllocateNothing()
    {
        var sum = Data.Sum(Layout);
        var objective = new ShardedObjective<double>(sum);
        double[] w = Point(6, 0.3), v = Point(7, 1);
        var g = new double[Data.Dimension];
        var batch = new ShardBatch(sum.Layout, 300);
        int[] terms = IndexTable(1, 300, Data.TermCount, seed: 3);
        void Evaluate(int times)
        {
            for (int k = 0; k < times; k++)
            {
                objective.ValueAndGradient(w, g);
                objective.HessianVectorProduct(w, v, g);
                objective.Value(w);
                batch.Assign(terms);
                sum.SumBatch(ShardOperation.ValueAndGradient, batch, w, default, g);
            }
        }
        Evaluate(3);
        Assert.Equal(0, Allocations.Minimum(() => Evaluate(10)));
    }

    [Fact]
    public void ShardsOfDifferentDimensionsAreRejectedNamingTheShard()
    {
        var a = new ShardTerms<double, GeneratedLogisticRegression.LossTerms>(Data.Terms(0, 10), Data.Dimension);
        var b = new ShardTerms<double, GeneratedLogisticRegression.LossTerms>(Data.Terms(10, 10), Data.Dimension + 1);
        var e = Assert.Throws<ArgumentException>(() => new InProcessShardedSum<double>([a, b]));
        Assert.Contains("Shard 1", e.Message);
        var rows = Assert.Throws<ArgumentOutOfRangeException>(() => a.SumRows(ShardOperation.Value, [10], Point(1, 1), default, default));
        Assert.Contains("[0, 10)", rows.Message);
    }

    internal static double[] Point(int seed, double scale)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, Data.Dimension).Select(_ => (random.NextDouble() * 2 - 1) * scale).ToArray();
    }
}
