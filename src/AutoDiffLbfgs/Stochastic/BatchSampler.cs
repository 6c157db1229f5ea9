using System.Numerics;

namespace AutoDiffLbfgs.Stochastic;

/// <summary>
/// Draws batches of distinct term indices (sampling without replacement within a batch, as oneDAL's sampler does).
/// Each draw is a function of (seed, purpose, index) alone, so the batch of global iteration k is the same whether
/// the run is made in one call or continued by warm restarts.
/// </summary>
/// <remarks>
/// A draw uses Floyd's algorithm (Bentley &amp; Floyd, "A sample of brilliance", CACM 30(9), 1987): for j = N − b, …,
/// N − 1 pick t uniformly in [0, j] and take t, or j if t is already taken. Every b-subset is equally likely. The
/// "already taken" test is an open-addressing hash set sized for b, cleared after each draw, so a draw costs O(b)
/// time and the sampler O(b) memory, independent of N. A batch of all N terms is not sampled: it is 0, 1, …, N − 1 in
/// order (oneDAL's full-batch rule).
/// </remarks>
internal sealed class BatchSampler : IBatchDrawer
{
    /// <summary>Stream tag of the gradient batches (indexed by the global iteration k).</summary>
    public const ulong GradientBatches = 1;

    /// <summary>Stream tag of the Hessian batches (indexed by the global block number t).</summary>
    public const ulong CurvatureBatches = 2;

    private readonly int _termCount;
    private readonly ulong _seed;

    /// <summary>Hash set of taken terms, stored as term + 1 (0 = empty); capacity a power of two ≥ 2·maxBatch, so probes stay short.</summary>
    private readonly int[] _taken;

    /// <summary>32 − log₂(capacity): Fibonacci hashing keeps the top bits of term·2³²/φ.</summary>
    private readonly int _hashShift;

    /// <summary>Creates a sampler over <paramref name="termCount"/> terms drawing batches of at most <paramref name="maxBatch"/>.</summary>
    public BatchSampler(ulong seed, int termCount, int maxBatch)
    {
        _seed = seed;
        _termCount = termCount;
        MaxBatch = maxBatch;
        _taken = new int[(int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(2 * maxBatch, 2))];
        _hashShift = 32 - BitOperations.Log2((uint)_taken.Length);
    }

    /// <summary>The largest batch this sampler draws.</summary>
    public int MaxBatch { get; }

    /// <summary>Fills <paramref name="batch"/> with distinct terms drawn for (<paramref name="purpose"/>, <paramref name="index"/>).</summary>
    public void Draw(ulong purpose, long index, Span<int> batch)
    {
        int n = _termCount, b = batch.Length;
        if (b == n)
        {
            for (int i = 0; i < n; i++) batch[i] = i;
            return;
        }
        var random = SplitMix64.ForStream(_seed, purpose, (ulong)index);
        for (int k = 0, j = n - b; j < n; j++, k++)
        {
            int t = random.NextBelow(j + 1);
            batch[k] = TryTake(t) ? t : Take(j);
        }
        Array.Clear(_taken);
    }

    /// <summary>Adds <paramref name="term"/> to the taken set; false if it was already there.</summary>
    private bool TryTake(int term)
    {
        int mask = _taken.Length - 1;
        for (int slot = (int)(((uint)term * 0x9E3779B9u) >> _hashShift); ; slot = (slot + 1) & mask)
        {
            if (_taken[slot] == 0)
            {
                _taken[slot] = term + 1;
                return true;
            }
            if (_taken[slot] == term + 1) return false;
        }
    }

    /// <summary>Adds a term known not to be taken yet (j is larger than every earlier candidate) and returns it.</summary>
    private int Take(int term)
    {
        TryTake(term);
        return term;
    }
}
