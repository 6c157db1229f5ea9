using AutoDiffLbfgs.Sharding;
using AutoDiffLbfgs.Stochastic;
using AutoDiffLbfgs.Tests.Stochastic;
using static AutoDiffLbfgs.Tests.Stochastic.SqnTestSupport;

namespace AutoDiffLbfgs.Tests.Sharding;

/// <summary>SQN over shards: stratified batches, replay from recorded tables, warm restart, and agreement with the in-memory solver.</summary>
public class ShardedSqnTests
{
    private static readonly ShardedLogisticData Data = new(termCount: 3000, features: 6, seed: 41);
    private static readonly int[] Layout = [900, 1300, 800];

    [Fact]
    public void StratifiedBatchesTakeEachShardsShareByLargestRemainders()
    {
        var layout = new ShardLayout(Layout);
        var batch = new int[2 * 10];
        StochasticSampler.FillStratifiedBatchIndices(5, layout, 10, 0, batch);
        // Shares of 10: 3.0, 4.33, 2.67 → 3, 4, 3 (the largest remainder, 0.67, takes the last term).
        foreach (int row in new[] { 0, 1 })
        {
            int[] terms = batch.AsSpan(row * 10, 10).ToArray();
            Assert.Equal(3, terms.Count(t => layout.ShardOf(t) == 0));
            Assert.Equal(4, terms.Count(t => layout.ShardOf(t) == 1));
            Assert.Equal(3, terms.Count(t => layout.ShardOf(t) == 2));
            Assert.Equal(10, terms.Distinct().Count());
            Assert.Equal(terms.OrderBy(t => layout.ShardOf(t)).ToArray(), terms);   // shard 0's terms first
        }
        Assert.NotEqual(batch.AsSpan(0, 10).ToArray(), batch.AsSpan(10, 10).ToArray());
    }

    [Fact]
    public void RecordedStratifiedTablesReplayTheSeededRunBitForBit()
    {
        var sum = Data.Sum(Layout);
        var seeded = Options(60, 30, 300, 10, 0.1);
        seeded.Seed = 99;
        var w1 = new double[Data.Dimension];
        StochasticLbfgs.Minimize(sum, w1.AsSpan(), seeded);

        var batches = new int[60 * 30];
        var pairs = new int[6 * 300];
        StochasticSampler.FillStratifiedBatchIndices(99, sum.Layout, 30, 0, batches);
        StochasticSampler.FillStratifiedCorrectionPairIndices(99, sum.Layout, 300, 0, pairs);
        var replay = Options(60, 30, 300, 10, 0.1);
        replay.BatchIndices = batches;
        replay.CorrectionPairIndices = pairs;
        var w2 = new double[Data.Dimension];
        StochasticLbfgs.Minimize(Data.Sum(Layout), w2.AsSpan(), replay);
        AssertBitwiseEqual(w1, w2);
    }

    [Fact]
    public void TwoCallsEqualOneCallBitForBit()
    {
        var options = Options(50, 30, 300, 10, 0.1);
        var once = new double[Data.Dimension];
        StochasticLbfgs.Minimize(Data.Sum(Layout), once.AsSpan(), Options(100, 30, 300, 10, 0.1));
        var twice = new double[Data.Dimension];
        var sum = Data.Sum(Layout);
        var first = StochasticLbfgs.Minimize(sum, twice.AsSpan(), options);
        StochasticLbfgs.Minimize(sum, twice.AsSpan(), options, first.State);
        AssertBitwiseEqual(once, twice);
    }

    [Fact]
    public void OneShardWithGivenTablesGivesTheBitsOfTheInMemorySolver()
    {
        // With one shard the batch keeps its order and is summed with the same block plan as in memory.
        var options = Options(40, 200, 2500, 4, 0.2);
        options.BatchIndices = IndexTable(40, 200, Data.TermCount, seed: 1);
        options.CorrectionPairIndices = IndexTable(10, 2500, Data.TermCount, seed: 2);
        options.ParallelBatchThreshold = 100;
        var inMemory = new double[Data.Dimension];
        var expected = StochasticLbfgs.Minimize(Data.Terms(), inMemory.AsSpan(), options);
        var sharded = new double[Data.Dimension];
        var actual = StochasticLbfgs.Minimize(Data.Sum([Data.TermCount], threads: 3), sharded.AsSpan(), options);
        AssertBitwiseEqual(inMemory, sharded);
        Assert.Equal(expected.StoredPairs, actual.StoredPairs);
        Assert.True(actual.StoredPairs > 0);
    }

    [Fact]
    public void ShardedSqnApproachesTheOptimum()
    {
        var reference = new double[Data.Dimension];
        var full = new FullSumObjective<double, GeneratedLogisticRegression.LossTerms>(Data.Terms(), Data.Dimension);
        Lbfgs.Minimize<double, FullSumObjective<double, GeneratedLogisticRegression.LossTerms>>(full, reference, new LbfgsOptions { RelativeGradientTolerance = 1e-10 });
        var w = new double[Data.Dimension];
        var options = Options(400, 200, 1000, 10, 0.2);
        options.StepLengthSequence = Enumerable.Range(0, 400).Select(k => 1.0 / (1 + k / 50.0)).ToArray();
        var result = StochasticLbfgs.Minimize(Data.Sum(Layout), w.AsSpan(), options);
        Assert.Equal(StochasticLbfgsTermination.MaxIterations, result.Termination);
        // Decreasing steps αₖ = 1/(1 + k/50) let SQN average out its batch noise; a gap of 1e-3 in the loss (about 0.4
        // here) is the bar the in-memory tests on breast-cancer data use, too.
        Assert.InRange(full.Value(w) - full.Value(reference), 0, 1e-3);
    }

    [Fact]
    public void WrongDimensionIsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => StochasticLbfgs.Minimize(Data.Sum(Layout), new double[3].AsSpan(), Options(1, 10, 10, 10, 0.1)));
        Assert.Equal("w", e.ParamName);
    }
}
