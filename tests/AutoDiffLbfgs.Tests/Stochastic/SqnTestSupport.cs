using AutoDiffLbfgs.Stochastic;

namespace AutoDiffLbfgs.Tests.Stochastic;

/// <summary>Helpers shared by the stochastic-mode tests: index tables, chained solves, and bitwise comparisons.</summary>
internal static class SqnTestSupport
{
    /// <summary>A rows × width table of term indices in [0, termCount), from a fixed seed (repeats allowed).</summary>
    public static int[] IndexTable(int rows, int width, int termCount, int seed)
    {
        var random = new Random(seed);
        var table = new int[rows * width];
        for (int i = 0; i < table.Length; i++) table[i] = random.Next(termCount);
        return table;
    }

    /// <summary>Rows [first, first + count) of a row-major table.</summary>
    public static int[] Rows(int[] table, int width, int first, int count) => table.AsSpan(first * width, count * width).ToArray();

    /// <summary>Options with the given sizes, a constant step and no early stop (accuracy threshold 0).</summary>
    public static StochasticLbfgsOptions Options(int iterations, int batchSize, int pairBatchSize, int l, double step, int m = 10) => new()
    {
        NIterations = iterations,
        BatchSize = batchSize,
        CorrectionPairBatchSize = pairBatchSize,
        L = l,
        M = m,
        StepLengthSequence = [step],
        AccuracyThreshold = 0,
    };

    /// <summary>Mean of the term gradients over a batch, summed in batch order.</summary>
    public static double[] BatchGradient<TObjective>(TObjective f, ReadOnlySpan<int> batch, double[] w)
        where TObjective : struct, IFiniteSumObjective<double>
    {
        var sum = new double[w.Length];
        var term = new double[w.Length];
        foreach (int i in batch)
        {
            f.TermValueAndGradient(i, w, term);
            for (int j = 0; j < w.Length; j++) sum[j] += term[j];
        }
        for (int j = 0; j < w.Length; j++) sum[j] *= 1.0 / batch.Length;
        return sum;
    }

    /// <summary>
    /// Runs <paramref name="iterations"/> single-iteration solves chained by warm restart and returns the iterate before
    /// each step (index k = wᵏ) plus the final point; with fixed tables this is the solver's own iterate sequence.
    /// </summary>
    public static (List<double[]> Iterates, StochasticLbfgsState<double> State) IterateOneByOne<TObjective>(
        TObjective f, double[] w, int iterations, int[] batchTable, int[] pairTable, int batchSize, int pairBatchSize, int l, double step)
        where TObjective : struct, IFiniteSumObjective<double>
    {
        var iterates = new List<double[]>();
        StochasticLbfgsState<double>? state = null;
        int pairRow = 0;
        for (int k = 0; k < iterations; k++)
        {
            iterates.Add((double[])w.Clone());
            var options = Options(1, batchSize, pairBatchSize, l, step);
            options.BatchIndices = Rows(batchTable, batchSize, k, 1);
            bool blockEnd = (k + 1) % l == 0;
            options.CorrectionPairIndices = blockEnd ? Rows(pairTable, pairBatchSize, pairRow++, 1) : [];
            state = StochasticLbfgs.Minimize(f, w.AsSpan(), options, state).State;
        }
        iterates.Add((double[])w.Clone());
        return (iterates, state!);
    }

    /// <summary>Asserts two arrays are equal bit for bit.</summary>
    public static void AssertBitwiseEqual<T>(T[] expected, T[] actual)
        where T : unmanaged
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            if (!expected[i].Equals(actual[i])) Assert.Fail($"Element {i} differs: {expected[i]} vs {actual[i]}.");
        }
    }

    /// <summary>Asserts |expected − actual| ≤ tolerance·max(1, |expected|) elementwise.</summary>
    public static void AssertClose(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double error = Math.Abs(expected[i] - actual[i]);
            if (!(error <= tolerance * Math.Max(1, Math.Abs(expected[i])))) Assert.Fail($"Element {i}: expected {expected[i]:R}, got {actual[i]:R}.");
        }
    }
}
