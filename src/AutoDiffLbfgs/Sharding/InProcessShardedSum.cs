using System.Numerics;

namespace AutoDiffLbfgs.Sharding;

/// <summary>
/// A sharded finite sum whose shards are all in this process: each shard sums its rows on all cores
/// (<see cref="ShardTerms{T, TTerms}"/>), the shards one after the other, and the partial sums are combined along
/// the layout's tree exactly as a cluster combines them, so for the same layout the bits are those of the cluster.
/// </summary>
/// <remarks>The constructor allocates the partial sums (S vectors of length n) and a scratch vector; evaluations
/// allocate nothing beyond what the shards do (<see cref="ShardTerms{T, TTerms}"/>: nothing). One call at a time.</remarks>
/// <typeparam name="T"><see cref="double"/> or <see cref="float"/>.</typeparam>
public sealed class InProcessShardedSum<T> : IShardedFiniteSum<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly IShardTerms<T>[] _shards;
    private readonly ShardPartialSums<T> _partials;
    private readonly T[] _scratch;

    /// <summary>A sum over <paramref name="shards"/>, shard s being element s.</summary>
    /// <param name="shards">At least one shard, all of the same dimension.</param>
    /// <exception cref="ArgumentException">No shard, a null shard, or dimensions that differ (the message names the shard).</exception>
    public InProcessShardedSum(IReadOnlyList<IShardTerms<T>> shards)
    {
        ArgumentNullException.ThrowIfNull(shards);
        if (shards.Count == 0) throw new ArgumentException("A sharded sum needs at least one shard.", nameof(shards));
        _shards = new IShardTerms<T>[shards.Count];
        var rowCounts = new int[shards.Count];
        for (int s = 0; s < shards.Count; s++)
        {
            _shards[s] = shards[s] ?? throw new ArgumentException($"Shard {s} is null.", nameof(shards));
            if (_shards[s].Dimension != _shards[0].Dimension)
                throw new ArgumentException($"Shard {s} has dimension {_shards[s].Dimension}, shard 0 has {_shards[0].Dimension}.", nameof(shards));
            rowCounts[s] = _shards[s].RowCount;
        }
        Layout = new ShardLayout(rowCounts);
        Dimension = _shards[0].Dimension;
        _partials = new ShardPartialSums<T>(shards.Count, Dimension);
        _scratch = new T[Dimension];
    }

    /// <inheritdoc/>
    public ShardLayout Layout { get; }

    /// <inheritdoc/>
    public int Dimension { get; }

    /// <inheritdoc/>
    public double Sum(ShardOperation operation, ReadOnlySpan<T> w, ReadOnlySpan<T> v, Span<T> result)
    {
        _partials.Clear();
        bool vector = operation != ShardOperation.Value;
        for (int s = 0; s < _shards.Length; s++)
        {
            double value = _shards[s].Sum(operation, w, v, _scratch);
            _partials.Add(s, 0, value, vector ? _scratch : default);
        }
        return _partials.Total(vector ? result : default);
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException"><paramref name="batch"/> was made for another layout.</exception>
    public double SumBatch(ShardOperation operation, ShardBatch batch, ReadOnlySpan<T> w, ReadOnlySpan<T> v, Span<T> result)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (!ReferenceEquals(batch.Layout, Layout) && !batch.Layout.Equals(Layout))
            throw new ArgumentException("The batch was made for another layout.", nameof(batch));
        _partials.Clear();
        bool vector = operation != ShardOperation.Value;
        for (int s = 0; s < _shards.Length; s++)
        {
            ReadOnlySpan<int> rows = batch.Rows(s);
            double value = rows.IsEmpty ? 0 : _shards[s].SumRows(operation, rows, w, v, _scratch);
            _partials.Add(s, 0, value, vector && !rows.IsEmpty ? _scratch : default);
        }
        return _partials.Total(vector ? result : default);
    }
}
