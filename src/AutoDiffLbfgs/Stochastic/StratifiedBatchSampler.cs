using AutoDiffLbfgs.Sharding;

namespace AutoDiffLbfgs.Stochastic;

/// <summary>
/// Draws batches stratified over the shards of a layout: a batch of b terms takes b_s from shard s, b_s the share
/// b·r_s / N of its rows r_s rounded by largest remainders (Hamilton's method: every shard gets ⌊b·r_s / N⌋, the
/// terms left over go to the largest fractional parts, ties to the lower shard), so Σ b_s = b and b_s ≤ r_s. Within
/// a shard the b_s rows are drawn without replacement by <see cref="BatchSampler"/> from a stream of
/// (seed, shard), indexed by (purpose, index) as in the uniform sampler; the batch lists shard 0's terms first.
/// </summary>
/// <remarks>
/// Stratification keeps every shard in every batch in proportion, which lowers the variance of the batch mean when
/// shards differ (Cochran, Sampling Techniques, §5.5, proportional allocation) and lets each shard receive its rows
/// in one message. The shares depend only on b and the layout, so they are computed once per batch size.
/// </remarks>
internal sealed class StratifiedBatchSampler : IBatchDrawer
{
    /// <summary>Stream tag that derives the per-shard seeds.</summary>
    private const ulong ShardSeeds = 3;

    private readonly ShardLayout _layout;
    private readonly BatchSampler?[] _shardSamplers;
    private readonly ulong[] _shardSeeds;
    private readonly List<(int Size, int[] Shares)> _shares = [];

    /// <summary>A sampler over <paramref name="layout"/> from <paramref name="seed"/>.</summary>
    public StratifiedBatchSampler(ulong seed, ShardLayout layout)
    {
        _layout = layout;
        _shardSamplers = new BatchSampler?[layout.ShardCount];
        _shardSeeds = new ulong[layout.ShardCount];
        for (int s = 0; s < layout.ShardCount; s++) _shardSeeds[s] = SplitMix64.ForStream(seed, ShardSeeds, (ulong)s).Next();
    }

    /// <inheritdoc/>
    public void Draw(ulong purpose, long index, Span<int> batch)
    {
        int[] shares = Shares(batch.Length);
        int k = 0;
        for (int s = 0; s < shares.Length; s++)
        {
            int share = shares[s];
            if (share == 0) continue;
            Span<int> rows = batch.Slice(k, share);
            Sampler(s, share).Draw(purpose, index, rows);
            int first = _layout.FirstTerm(s);
            for (int j = 0; j < share; j++) rows[j] += first;
            k += share;
        }
    }

    /// <summary>b_s for a batch of <paramref name="size"/> terms; computed on first use of a size (the solver uses two).</summary>
    public int[] Shares(int size)
    {
        foreach (var (known, shares) in _shares)
        {
            if (known == size) return shares;
        }
        int count = _layout.ShardCount;
        long total = _layout.TermCount;
        var result = new int[count];
        var remainders = new long[count];
        int given = 0;
        for (int s = 0; s < count; s++)
        {
            long product = (long)size * _layout.RowCount(s);
            result[s] = (int)(product / total);
            remainders[s] = product % total;
            given += result[s];
        }
        var order = Enumerable.Range(0, count).OrderByDescending(s => remainders[s]).ThenBy(s => s).ToArray();
        for (int j = 0; given < size; j++, given++) result[order[j]]++;
        _shares.Add((size, result));
        return result;
    }

    private BatchSampler Sampler(int shard, int share)
    {
        // One sampler per shard, its hash set sized for the largest share seen (the solver's shares are fixed, so
        // this allocates only on the first draws).
        if (_shardSamplers[shard] is not { } sampler || sampler.MaxBatch < share)
        {
            int largest = 0;
            foreach (var (_, shares) in _shares) largest = Math.Max(largest, shares[shard]);
            sampler = _shardSamplers[shard] = new BatchSampler(_shardSeeds[shard], _layout.RowCount(shard), Math.Max(largest, share));
        }
        return sampler;
    }
}
