using AutoDiffLbfgs.Stochastic;
using static AutoDiffLbfgs.Tests.Stochastic.SqnTestSupport;

namespace AutoDiffLbfgs.Tests.Stochastic;

/// <summary>oneDAL-style warm restart: a run split into calls gives the same iterates, bit for bit, as one call.</summary>
public class WarmRestartTests
{
    private static readonly LogisticRegressionTerms<double> Problem = BreastCancerData.Objective();
    private static int N => Problem.TermCount;

    [Fact]
    public void TwoCallsOfFiftyIterationsEqualOneCallOfHundredBitForBitWithFixedIndices()
    {
        int[] batches = IndexTable(100, 10, N, seed: 21);
        int[] pairs = IndexTable(10, 100, N, seed: 22);

        var once = Options(100, 10, 100, 10, 0.02);
        once.BatchIndices = batches;
        once.CorrectionPairIndices = pairs;
        var wOnce = new double[31];
        var full = StochasticLbfgs.Minimize(Problem, wOnce.AsSpan(), once);

        var first = Options(50, 10, 100, 10, 0.02);
        first.BatchIndices = Rows(batches, 10, 0, 50);
        first.CorrectionPairIndices = Rows(pairs, 100, 0, 5);
        var second = Options(50, 10, 100, 10, 0.02);
        second.BatchIndices = Rows(batches, 10, 50, 50);
        second.CorrectionPairIndices = Rows(pairs, 100, 5, 5);
        var wTwice = new double[31];
        var half = StochasticLbfgs.Minimize(Problem, wTwice.AsSpan(), first);
        var rest = StochasticLbfgs.Minimize(Problem, wTwice.AsSpan(), second, half.State);

        Assert.True(full.State.StoredPairCount > 5, "the run must exercise the quasi-Newton phase");
        AssertBitwiseEqual(wOnce, wTwice);
        AssertSameState(full.State, rest.State);
        Assert.Equal(full.StoredPairs, half.StoredPairs + rest.StoredPairs);
    }

    [Fact]
    public void RestartInsideABlockWithSampledBatchesContinuesExactly()
    {
        var wOnce = new double[31];
        var full = StochasticLbfgs.Minimize(Problem, wOnce.AsSpan(), Options(100, 10, 100, 10, 0.02));

        var wSplit = new double[31];
        var a = StochasticLbfgs.Minimize(Problem, wSplit.AsSpan(), Options(37, 10, 100, 10, 0.02));
        var b = StochasticLbfgs.Minimize(Problem, wSplit.AsSpan(), Options(26, 10, 100, 10, 0.02), a.State);
        var c = StochasticLbfgs.Minimize(Problem, wSplit.AsSpan(), Options(37, 10, 100, 10, 0.02), b.State);

        Assert.Equal(37, a.State.LastIteration);
        Assert.NotEqual(0.0, a.State.CurrentBlockSum[0]);
        AssertBitwiseEqual(wOnce, wSplit);
        AssertSameState(full.State, c.State);
    }

    [Fact]
    public void RestartWithDifferentMIsRejectedNamingM()
    {
        var w = new double[31];
        var first = StochasticLbfgs.Minimize(Problem, w.AsSpan(), Options(30, 10, 100, 10, 0.02));
        var e = Assert.ThrowsAny<ArgumentException>(() => StochasticLbfgs.Minimize(Problem, w.AsSpan(), Options(30, 10, 100, 10, 0.02, m: 5), first.State));
        Assert.Equal("M", e.ParamName);
    }

    [Fact]
    public void RestartWithWrongDimensionIsRejectedNamingRestart()
    {
        var state = new StochasticLbfgsState<double>(dimension: 7, m: 10);
        var e = Assert.ThrowsAny<ArgumentException>(() => StochasticLbfgs.Minimize(Problem, new double[31].AsSpan(), null, state));
        Assert.Equal("restart", e.ParamName);
    }

    [Fact]
    public void InconsistentRestartIndicesAreRejected()
    {
        var state = new StochasticLbfgsState<double>(31, 10) { StoredPairCount = 2, NewestPairSlot = -1 };
        var e = Assert.ThrowsAny<ArgumentException>(() => StochasticLbfgs.Minimize(Problem, new double[31].AsSpan(), null, state));
        Assert.Equal("restart", e.ParamName);
        Assert.Contains("NewestPairSlot", e.Message);
    }

    [Fact]
    public void StateRestoredFromItsPlainArraysContinuesTheRun()
    {
        var w = new double[31];
        var first = StochasticLbfgs.Minimize(Problem, w.AsSpan(), Options(45, 10, 100, 10, 0.02));

        // What a user would persist: the two tables, the two indices, and w.
        var copy = new StochasticLbfgsState<double>(31, 10)
        {
            NewestPairSlot = first.State.NewestPairSlot,
            StoredPairCount = first.State.StoredPairCount,
            LastIteration = first.State.LastIteration,
        };
        first.State.CorrectionPairs.CopyTo(copy.CorrectionPairs, 0);
        first.State.AverageArgumentLIterations.CopyTo(copy.AverageArgumentLIterations, 0);
        double[] w2 = (double[])w.Clone();

        StochasticLbfgs.Minimize(Problem, w.AsSpan(), Options(30, 10, 100, 10, 0.02), first.State);
        StochasticLbfgs.Minimize(Problem, w2.AsSpan(), Options(30, 10, 100, 10, 0.02), copy);
        AssertBitwiseEqual(w, w2);
    }

    private static void AssertSameState(StochasticLbfgsState<double> expected, StochasticLbfgsState<double> actual)
    {
        Assert.Equal(expected.LastIteration, actual.LastIteration);
        Assert.Equal(expected.NewestPairSlot, actual.NewestPairSlot);
        Assert.Equal(expected.StoredPairCount, actual.StoredPairCount);
        AssertBitwiseEqual(expected.CorrectionPairs, actual.CorrectionPairs);
        AssertBitwiseEqual(expected.AverageArgumentLIterations, actual.AverageArgumentLIterations);
    }
}
