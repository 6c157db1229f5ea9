using AutoDiffLbfgs.Stochastic;
using static AutoDiffLbfgs.Tests.Stochastic.SqnTestSupport;

namespace AutoDiffLbfgs.Tests.Stochastic;

/// <summary>The phases of Byrd et al. (2016) Algorithm 1, checked one at a time on small least-squares problems.</summary>
public class SqnPhaseTests
{
    private const int TermCount = 200, Dimension = 5, Batch = 10, PairBatch = 40, BlockLength = 3;
    private const double Step = 0.05;

    private static readonly LeastSquaresTerms Problem = LeastSquaresTerms.Random(TermCount, Dimension, seed: 11);
    private static readonly int[] BatchTable = IndexTable(40, Batch, TermCount, seed: 1);
    private static readonly int[] PairTable = IndexTable(40 / BlockLength, PairBatch, TermCount, seed: 2);

    private static (List<double[]> Iterates, StochasticLbfgsState<double> State) Iterate(int iterations) =>
        IterateOneByOne(Problem, new double[Dimension], iterations, BatchTable, PairTable, Batch, PairBatch, BlockLength, Step);

    [Fact]
    public void FirstTwoLIterationsArePlainSgdSteps()
    {
        var (iterates, state) = Iterate(2 * BlockLength);
        var w = new double[Dimension];
        for (int k = 0; k < 2 * BlockLength; k++)
        {
            double[] g = BatchGradient(Problem, BatchTable.AsSpan(k * Batch, Batch), w);
            for (int j = 0; j < Dimension; j++) w[j] -= Step * g[j];
            AssertClose(w, iterates[k + 1], 1e-15);
        }
        Assert.Equal(1, state.StoredPairCount);
    }

    [Fact]
    public void IterationAfterTheSgdPhaseUsesTheCurvaturePair()
    {
        var (iterates, state) = Iterate(2 * BlockLength + 1);
        Assert.Equal(1, state.StoredPairCount);
        double[] w = iterates[2 * BlockLength];
        double[] g = BatchGradient(Problem, BatchTable.AsSpan(2 * BlockLength * Batch, Batch), w);
        double[] sgd = w.Select((v, j) => v - Step * g[j]).ToArray();

        // One pair: H = (I − ρsyᵀ)·γI·(I − ρysᵀ) + ρssᵀ with γ = sᵀy/yᵀy (Byrd et al. Algorithm 2 with M = 1).
        double[] s = state.S(0).ToArray(), y = state.Y(0).ToArray();
        double sy = Dot(s, y), rho = 1 / sy, gamma = sy / Dot(y, y);
        double alpha = rho * Dot(s, g);
        double[] q = g.Select((v, j) => v - alpha * y[j]).ToArray();
        double[] r = q.Select(v => gamma * v).ToArray();
        double beta = rho * Dot(y, r);
        double[] hg = r.Select((v, j) => v + (alpha - beta) * s[j]).ToArray();
        double[] expected = w.Select((v, j) => v - Step * hg[j]).ToArray();

        AssertClose(expected, iterates[2 * BlockLength + 1], 1e-13);
        Assert.True(Math.Abs(sgd[0] - iterates[^1][0]) > 1e-6, "the step after 2L iterations must not be a plain SGD step");
    }

    [Fact]
    public void BlockAverageIsTheMeanOfTheLIteratesAndTheRunningSumRestartsAtZero()
    {
        var (iterates, state) = Iterate(BlockLength);
        double[] mean = Mean(iterates, 0, BlockLength);
        AssertClose(mean, state.PreviousAverage, 1e-15);
        Assert.All(state.CurrentBlockSum.ToArray(), v => Assert.Equal(0.0, v));

        (iterates, state) = Iterate(BlockLength + 2);
        double[] sum = iterates[BlockLength].Zip(iterates[BlockLength + 1], (a, b) => a + b).ToArray();
        AssertClose(sum, state.CurrentBlockSum, 1e-15);
        AssertClose(mean, state.PreviousAverage, 1e-15);
    }

    [Fact]
    public void FirstBlockFormsNoPairAndTheSecondFormsTheAverageDifferenceWithSubsampledHessianProduct()
    {
        var (_, afterOne) = Iterate(BlockLength);
        Assert.Equal(0, afterOne.StoredPairCount);
        Assert.Equal(-1, afterOne.NewestPairSlot);

        var (iterates, state) = Iterate(2 * BlockLength);
        double[] previous = Mean(iterates, 0, BlockLength), current = Mean(iterates, BlockLength, BlockLength);
        double[] s = current.Zip(previous, (a, b) => a - b).ToArray();

        // y = (1/b_H)·Σ_{i∈S_H} aᵢaᵢᵀs, S_H = the pair table's row of the second block end (row 1).
        var y = new double[Dimension];
        foreach (int i in PairTable.AsSpan(1 * PairBatch, PairBatch))
        {
            ReadOnlySpan<double> a = Problem.Row(i);
            double As = Dot(a.ToArray(), s);
            for (int j = 0; j < Dimension; j++) y[j] += As * a[j] / PairBatch;
        }

        Assert.Equal(1, state.StoredPairCount);
        Assert.Equal(0, state.NewestPairSlot);
        AssertClose(s, state.S(0), 1e-13);
        AssertClose(y, state.Y(0), 1e-12);
    }

    [Fact]
    public void PairsWithNonPositiveCurvatureAreSkippedCountedAndLeaveSgdSteps()
    {
        const int n = 3, terms = 30, l = 2, iterations = 10;
        var random = new Random(5);
        double[] c = Enumerable.Range(0, terms * n).Select(_ => random.NextDouble() - 0.5).ToArray();
        var f = new NegativeCurvatureTerms(c, n);
        var options = Options(iterations, 5, 10, l, 0.1);
        options.BatchIndices = IndexTable(iterations, 5, terms, seed: 3);
        var w = new double[n];

        var result = StochasticLbfgs.Minimize(f, w.AsSpan(), options);

        // Block ends after iterations 2, 4, …, 10: the first forms no pair, the other four have sᵀy = −‖s‖² < 0.
        Assert.Equal(4, result.SkippedPairs);
        Assert.Equal(0, result.StoredPairs);
        Assert.Equal(0, result.State.StoredPairCount);
        Assert.Equal(4 * 10, result.TermHessianVectorProducts);
        var expected = new double[n];
        for (int k = 0; k < iterations; k++)
        {
            double[] g = BatchGradient(f, options.BatchIndices.AsSpan(k * 5, 5), expected);
            for (int j = 0; j < n; j++) expected[j] -= 0.1 * g[j];
        }
        AssertClose(expected, w, 1e-14);
    }

    [Fact]
    public void HistoryKeepsTheNewestMPairsInOneDalsCyclicSlots()
    {
        const int m = 3, l = 2, iterations = 16;
        var options = Options(iterations, Batch, PairBatch, l, Step, m);
        var w = new double[Dimension];

        var result = StochasticLbfgs.Minimize(Problem, w.AsSpan(), options);

        // Eight block ends form seven pairs, written to slots 0, 1, 2, 0, 1, 2, 0.
        Assert.Equal(7, result.StoredPairs);
        Assert.Equal(m, result.State.StoredPairCount);
        Assert.Equal(0, result.State.NewestPairSlot);
        Assert.Equal(iterations, result.State.LastIteration);

        // The newest pair is the difference of the last two block averages.
        var shorter = StochasticLbfgs.Minimize(Problem, new double[Dimension].AsSpan(), Options(iterations - l, Batch, PairBatch, l, Step, m));
        double[] s = result.State.PreviousAverage.ToArray().Zip(shorter.State.PreviousAverage.ToArray(), (a, b) => a - b).ToArray();
        AssertClose(s, result.State.S(0), 1e-15);
    }

    [Fact]
    public void CountersReportTheWorkDone()
    {
        var result = StochasticLbfgs.Minimize(Problem, new double[Dimension].AsSpan(), Options(12, Batch, PairBatch, BlockLength, Step));
        Assert.Equal(StochasticLbfgsTermination.MaxIterations, result.Termination);
        Assert.Equal(12, result.Iterations);
        Assert.Equal(12 * Batch, result.TermGradients);
        Assert.Equal((4 - 1) * PairBatch, result.TermHessianVectorProducts);
        Assert.Equal((12.0 * Batch + 3 * PairBatch) / TermCount, result.DataPasses(TermCount), 12);
    }

    private static double Dot(double[] a, double[] b) => a.Zip(b, (x, y) => x * y).Sum();

    private static double[] Mean(List<double[]> iterates, int first, int count)
    {
        var mean = new double[iterates[0].Length];
        for (int k = first; k < first + count; k++)
        {
            for (int j = 0; j < mean.Length; j++) mean[j] += iterates[k][j];
        }
        for (int j = 0; j < mean.Length; j++) mean[j] /= count;
        return mean;
    }
}
