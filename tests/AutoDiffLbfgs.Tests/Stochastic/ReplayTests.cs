using AutoDiffLbfgs.Stochastic;
using static AutoDiffLbfgs.Tests.Stochastic.SqnTestSupport;

namespace AutoDiffLbfgs.Tests.Stochastic;

/// <summary>oneDAL's batchIndices / correctionPairIndices: given tables replay a run exactly, and the sampler's own tables can be obtained.</summary>
public class ReplayTests
{
    private static readonly LogisticRegressionTerms<double> Problem = BreastCancerData.Objective();
    private static int N => Problem.TermCount;

    [Fact]
    public void SamplerTablesReplayTheSeededRunBitForBit()
    {
        var seeded = Options(60, 10, 100, 10, 0.02);
        seeded.Seed = 12345;
        var w1 = new double[31];
        StochasticLbfgs.Minimize(Problem, w1.AsSpan(), seeded);

        var batches = new int[60 * 10];
        var pairs = new int[6 * 100];
        StochasticSampler.FillBatchIndices(12345, N, 10, firstIteration: 0, batches);
        StochasticSampler.FillCorrectionPairIndices(12345, N, 100, firstBlock: 0, pairs);
        var replay = Options(60, 10, 100, 10, 0.02);
        replay.BatchIndices = batches;
        replay.CorrectionPairIndices = pairs;
        replay.Seed = 1;
        var w2 = new double[31];
        StochasticLbfgs.Minimize(Problem, w2.AsSpan(), replay);

        AssertBitwiseEqual(w1, w2);
    }

    [Fact]
    public void GivenTablesMakeTheSeedIrrelevant()
    {
        double[] Solve(ulong seed)
        {
            var options = Options(40, 10, 100, 10, 0.02);
            options.BatchIndices = IndexTable(40, 10, N, seed: 8);
            options.CorrectionPairIndices = IndexTable(4, 100, N, seed: 9);
            options.Seed = seed;
            var w = new double[31];
            StochasticLbfgs.Minimize(Problem, w.AsSpan(), options);
            return w;
        }
        AssertBitwiseEqual(Solve(1), Solve(2));
    }

    [Fact]
    public void DifferentSeedsDrawDifferentBatches()
    {
        var a = new int[10];
        var b = new int[10];
        StochasticSampler.FillBatchIndices(1, N, 10, 0, a);
        StochasticSampler.FillBatchIndices(2, N, 10, 0, b);
        Assert.NotEqual(a, b);
    }

    [Theory]
    [InlineData(569, 10)]
    [InlineData(569, 568)]
    [InlineData(7, 3)]
    [InlineData(1, 1)]
    public void SampledBatchesHoldDistinctTermsInRange(int termCount, int batchSize)
    {
        var table = new int[50 * batchSize];
        StochasticSampler.FillBatchIndices(777, termCount, batchSize, 0, table);
        for (int r = 0; r < 50; r++)
        {
            int[] row = table.AsSpan(r * batchSize, batchSize).ToArray();
            Assert.All(row, i => Assert.InRange(i, 0, termCount - 1));
            Assert.Equal(batchSize, row.Distinct().Count());
        }
    }

    [Fact]
    public void SamplerIsRoughlyUniform()
    {
        const int terms = 20, rows = 4000, width = 5;
        var table = new int[rows * width];
        StochasticSampler.FillBatchIndices(3, terms, width, 0, table);
        int[] counts = new int[terms];
        foreach (int i in table) counts[i]++;
        double expected = rows * width / (double)terms;
        Assert.All(counts, c => Assert.InRange(c, expected * 0.9, expected * 1.1));
    }

    [Fact]
    public void FullBatchIsEveryTermInIndexOrder()
    {
        var table = new int[3 * 7];
        StochasticSampler.FillBatchIndices(777, 7, 7, 5, table);
        Assert.Equal(Enumerable.Range(0, 7).Concat(Enumerable.Range(0, 7)).Concat(Enumerable.Range(0, 7)), table);
    }

    [Fact]
    public void BatchOfAnIterationDoesNotDependOnWhereTheTableStarts()
    {
        var fromStart = new int[30 * 10];
        var fromTwenty = new int[10 * 10];
        StochasticSampler.FillBatchIndices(99, N, 10, 0, fromStart);
        StochasticSampler.FillBatchIndices(99, N, 10, 20, fromTwenty);
        Assert.Equal(fromStart.AsSpan(200, 100).ToArray(), fromTwenty);
    }
}
