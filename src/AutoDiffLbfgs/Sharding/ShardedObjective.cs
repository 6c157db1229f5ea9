using System.Numerics;
using AutoDiffLbfgs.Numerics;

namespace AutoDiffLbfgs.Sharding;

/// <summary>
/// The mean F(w) = (1/N)·Σᵢ fᵢ(w) of a sharded finite sum as an ordinary objective, so the classic solver
/// (<c>Lbfgs.Minimize</c>, bounds and L1 included) and any other solver of an
/// <see cref="ITwiceDifferentiableObjective{T}"/> run over shards in this process or on a cluster unchanged. For the
/// same layout it gives the same bits in-process and on a cluster.
/// </summary>
/// <typeparam name="T"><see cref="double"/> or <see cref="float"/>.</typeparam>
public readonly struct ShardedObjective<T> : ITwiceDifferentiableObjective<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly IShardedFiniteSum<T> _sum;

    /// <summary>Wraps <paramref name="sum"/>.</summary>
    public ShardedObjective(IShardedFiniteSum<T> sum)
    {
        ArgumentNullException.ThrowIfNull(sum);
        _sum = sum;
    }

    /// <summary>The wrapped sum.</summary>
    public IShardedFiniteSum<T> Sum => _sum;

    /// <inheritdoc/>
    public T Value(ReadOnlySpan<T> x) => T.CreateTruncating(_sum.Sum(ShardOperation.Value, x, default, default) / _sum.Layout.TermCount);

    /// <inheritdoc/>
    public T ValueAndGradient(ReadOnlySpan<T> x, Span<T> gradient)
    {
        int count = _sum.Layout.TermCount;
        double sum = _sum.Sum(ShardOperation.ValueAndGradient, x, default, gradient);
        VectorMath.Scale(T.One / T.CreateTruncating(count), gradient);
        return T.CreateTruncating(sum / count);
    }

    /// <inheritdoc/>
    public void HessianVectorProduct(ReadOnlySpan<T> x, ReadOnlySpan<T> v, Span<T> result)
    {
        _sum.Sum(ShardOperation.HessianVectorProduct, x, v, result);
        VectorMath.Scale(T.One / T.CreateTruncating(_sum.Layout.TermCount), result);
    }
}
