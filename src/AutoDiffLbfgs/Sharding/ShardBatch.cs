namespace AutoDiffLbfgs.Sharding;

/// <summary>
/// A batch of terms grouped by the shard that holds them: for each shard, the local rows it must sum, in the order
/// the terms appear in the batch. Reused from batch to batch, so assigning a batch allocates nothing once the
/// capacity suffices.
/// </summary>
public sealed class ShardBatch
{
    private readonly ShardLayout _layout;
    private readonly int[] _starts;
    private int[] _rows;
    private int[] _shards;

    /// <summary>An empty batch over <paramref name="layout"/> with room for <paramref name="capacity"/> terms (it grows when needed).</summary>
    public ShardBatch(ShardLayout layout, int capacity = 0)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _layout = layout;
        _starts = new int[layout.ShardCount + 1];
        _rows = new int[capacity];
        _shards = new int[capacity];
    }

    /// <summary>The layout the rows refer to.</summary>
    public ShardLayout Layout => _layout;

    /// <summary>The number of terms in the batch (repeats counted).</summary>
    public int Count { get; private set; }

    /// <summary>The local rows shard <paramref name="shard"/> sums for this batch (empty when it holds none of its terms).</summary>
    public ReadOnlySpan<int> Rows(int shard) => _rows.AsSpan(_starts[shard], _starts[shard + 1] - _starts[shard]);

    /// <summary>Replaces the batch with the global terms <paramref name="terms"/> (each in [0, N); repeats allowed), grouped by shard, keeping their order within each shard.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A term is outside [0, N).</exception>
    public void Assign(ReadOnlySpan<int> terms)
    {
        if (_rows.Length < terms.Length)
        {
            _rows = new int[terms.Length];
            _shards = new int[terms.Length];
        }
        int shardCount = _layout.ShardCount;
        Array.Clear(_starts);
        for (int k = 0; k < terms.Length; k++)
        {
            int shard = _layout.ShardOf(terms[k]);
            _shards[k] = shard;
            _starts[shard + 1]++;
        }
        for (int s = 0; s < shardCount; s++) _starts[s + 1] += _starts[s];

        // A stable counting sort: _starts[s] runs from shard s's first slot to its end and is restored afterwards.
        for (int k = 0; k < terms.Length; k++)
        {
            int shard = _shards[k];
            _rows[_starts[shard]++] = terms[k] - _layout.FirstTerm(shard);
        }
        for (int s = shardCount; s > 0; s--) _starts[s] = _starts[s - 1];
        _starts[0] = 0;
        Count = terms.Length;
    }
}
