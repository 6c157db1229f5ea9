namespace AutoDiffLbfgs.Stochastic;

/// <summary>
/// Draws batches of distinct term indices (sampling without replacement within a batch, as oneDAL's sampler does).
/// Each draw is a function of (seed, purpose, index) alone, so the batch of global iteration k is the same whether
/// the run is made in one call or continued by warm restarts.
/// </summary>
/// <remarks>
/// A draw is a partial Fisher–Yates shuffle of a permutation of [0, N): b swaps pick the batch, then the swaps are
/// undone in reverse order so the permutation is the identity again before the next draw. A draw therefore costs
/// O(b), not O(N); the permutation (N ints) is allocated once per solve. A batch of all N terms is not sampled: it is
/// 0, 1, …, N − 1 in order (oneDAL's full-batch rule).
/// </remarks>
internal sealed class BatchSampler
{
    /// <summary>Stream tag of the gradient batches (indexed by the global iteration k).</summary>
    public const ulong GradientBatches = 1;

    /// <summary>Stream tag of the Hessian batches (indexed by the global block number t).</summary>
    public const ulong CurvatureBatches = 2;

    private readonly int[] _permutation;
    private readonly int[] _swaps;
    private readonly ulong _seed;

    /// <summary>Creates a sampler over <paramref name="termCount"/> terms drawing batches of at most <paramref name="maxBatch"/>.</summary>
    public BatchSampler(ulong seed, int termCount, int maxBatch)
    {
        _seed = seed;
        _permutation = new int[termCount];
        for (int i = 0; i < termCount; i++) _permutation[i] = i;
        _swaps = new int[maxBatch];
    }

    /// <summary>Fills <paramref name="batch"/> with distinct terms drawn for (<paramref name="purpose"/>, <paramref name="index"/>).</summary>
    public void Draw(ulong purpose, long index, Span<int> batch)
    {
        int n = _permutation.Length, b = batch.Length;
        if (b == n)
        {
            for (int i = 0; i < n; i++) batch[i] = i;
            return;
        }
        var random = SplitMix64.ForStream(_seed, purpose, (ulong)index);
        int[] p = _permutation;
        for (int i = 0; i < b; i++)
        {
            int j = i + random.NextBelow(n - i);
            (p[i], p[j]) = (p[j], p[i]);
            _swaps[i] = j;
            batch[i] = p[i];
        }
        // Undo the swaps, newest first, so the permutation is the identity again (the invariant every draw relies on).
        for (int i = b - 1; i >= 0; i--)
        {
            int j = _swaps[i];
            (p[i], p[j]) = (p[j], p[i]);
        }
    }
}
