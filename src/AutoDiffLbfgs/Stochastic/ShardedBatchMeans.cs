using System.Numerics;
using AutoDiffLbfgs.Numerics;
using AutoDiffLbfgs.Sharding;

namespace AutoDiffLbfgs.Stochastic;

/// <summary>Batch means for the stochastic solver over a sharded sum: the batch grouped by shard, each shard's rows summed where the shard lives, the partial sums combined along the layout's tree, then scaled by 1/b.</summary>
/// <typeparam name="T"><see cref="double"/> or <see cref="float"/>.</typeparam>
internal sealed class ShardedBatchMeans<T> : IBatchMeans<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly IShardedFiniteSum<T> _sum;
    private readonly ShardBatch _batch;

    public ShardedBatchMeans(IShardedFiniteSum<T> sum, int maxBatch)
    {
        _sum = sum;
        _batch = new ShardBatch(sum.Layout, maxBatch);
    }

    /// <inheritdoc/>
    public double Gradient(int[] indices, int offset, int count, T[] w, Span<T> mean)
    {
        _batch.Assign(indices.AsSpan(offset, count));
        double value = _sum.SumBatch(ShardOperation.ValueAndGradient, _batch, w, default, mean);
        VectorMath.Scale(T.One / T.CreateTruncating(count), mean);
        return value / count;
    }

    /// <inheritdoc/>
    public void HessianVectorProduct(int[] indices, int offset, int count, T[] w, T[] v, Span<T> mean)
    {
        _batch.Assign(indices.AsSpan(offset, count));
        _sum.SumBatch(ShardOperation.HessianVectorProduct, _batch, w, v, mean);
        VectorMath.Scale(T.One / T.CreateTruncating(count), mean);
    }
}
