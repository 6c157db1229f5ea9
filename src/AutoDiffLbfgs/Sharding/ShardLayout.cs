namespace AutoDiffLbfgs.Sharding;

/// <summary>
/// How the N terms of a finite sum F(w) = (1/N)·Σᵢ fᵢ(w) are split into shards: shard s holds rows
/// 0 … RowCount(s) − 1, which are the global terms FirstTerm(s) … FirstTerm(s) + RowCount(s) − 1. The layout fixes
/// the reduction plan (<see cref="ShardPartialSums{T}"/>), so two evaluations with the same layout give the same bits
/// wherever their shards live.
/// </summary>
public sealed class ShardLayout : IEquatable<ShardLayout>
{
    private readonly int[] _rowCounts;
    private readonly int[] _firstTerms;

    /// <summary>A layout with the given number of rows per shard.</summary>
    /// <param name="rowCounts">Rows of shard 0, 1, …; at least one shard, every count ≥ 0, the total in [1, <see cref="int.MaxValue"/>].</param>
    /// <exception cref="ArgumentException">A count is negative (the message names the shard), there is no shard, or the total is out of range.</exception>
    public ShardLayout(ReadOnlySpan<int> rowCounts)
    {
        if (rowCounts.IsEmpty) throw new ArgumentException("A layout needs at least one shard.", nameof(rowCounts));
        _rowCounts = rowCounts.ToArray();
        _firstTerms = new int[rowCounts.Length];
        long total = 0;
        for (int s = 0; s < rowCounts.Length; s++)
        {
            if (rowCounts[s] < 0) throw new ArgumentOutOfRangeException(nameof(rowCounts), rowCounts[s], $"Shard {s} has a negative row count.");
            _firstTerms[s] = (int)Math.Min(total, int.MaxValue);
            total += rowCounts[s];
        }
        if (total < 1 || total > int.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(rowCounts), total, "The shards must hold between 1 and int.MaxValue rows in all.");
        TermCount = (int)total;
    }

    /// <summary>The number of shards S.</summary>
    public int ShardCount => _rowCounts.Length;

    /// <summary>N, the number of terms of all shards together.</summary>
    public int TermCount { get; }

    /// <summary>The number of rows (terms) of shard <paramref name="shard"/>.</summary>
    public int RowCount(int shard) => _rowCounts[shard];

    /// <summary>The global index of row 0 of shard <paramref name="shard"/>.</summary>
    public int FirstTerm(int shard) => _firstTerms[shard];

    /// <summary>The shard that holds global term <paramref name="term"/> (in [0, N)); its row there is term − FirstTerm(shard).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="term"/> is outside [0, N).</exception>
    public int ShardOf(int term)
    {
        if ((uint)term >= (uint)TermCount) throw new ArgumentOutOfRangeException(nameof(term), term, $"Terms are in [0, {TermCount}).");
        // The last shard whose first term is ≤ term and which is not empty.
        int lo = 0, hi = _firstTerms.Length - 1;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) >> 1;
            if (_firstTerms[mid] <= term) lo = mid;
            else hi = mid - 1;
        }
        while (_rowCounts[lo] == 0) lo--;
        return lo;
    }

    /// <summary>True when both layouts have the same row counts in the same order.</summary>
    public bool Equals(ShardLayout? other) => other is not null && _rowCounts.AsSpan().SequenceEqual(other._rowCounts);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ShardLayout);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (int count in _rowCounts) hash.Add(count);
        return hash.ToHashCode();
    }

    /// <inheritdoc/>
    public override string ToString() => $"{ShardCount} shards, {TermCount} terms";
}
