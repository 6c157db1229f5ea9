using System.Numerics;

namespace AutoDiffLbfgs.Sharding;

/// <summary>
/// A finite sum whose terms live in shards — in this process (<see cref="InProcessShardedSum{T}"/>) or on the nodes
/// of a cluster (the <c>AutoDiffLbfgs.Orleans</c> package). It returns sums over all terms or over a batch, each
/// shard's partial sum combined along the layout's fixed tree (<see cref="ShardPartialSums{T}"/>), so every
/// implementation gives the same bits for the same layout, and the solvers run over it unchanged:
/// <see cref="ShardedObjective{T}"/> for the classic solver (and any solver of an
/// <see cref="ITwiceDifferentiableObjective{T}"/>), <c>StochasticLbfgs.Minimize(sum, …)</c> for SQN.
/// </summary>
/// <remarks>Calls are synchronous: an implementation whose shards are remote blocks the calling thread until every
/// partial sum is in, and solvers call it from the thread that runs the solve. One call at a time.</remarks>
/// <typeparam name="T"><see cref="double"/> or <see cref="float"/>.</typeparam>
public interface IShardedFiniteSum<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The shards' row counts; N = Layout.TermCount.</summary>
    ShardLayout Layout { get; }

    /// <summary>n, the length of w, v and the result.</summary>
    int Dimension { get; }

    /// <summary>
    /// Returns Σ fᵢ(w) over all N terms (0 for <see cref="ShardOperation.HessianVectorProduct"/>) and overwrites
    /// <paramref name="result"/> with Σ ∇fᵢ(w) or Σ ∇²fᵢ(w)·v (untouched for <see cref="ShardOperation.Value"/>);
    /// not divided by N.
    /// </summary>
    double Sum(ShardOperation operation, ReadOnlySpan<T> w, ReadOnlySpan<T> v, Span<T> result);

    /// <summary>As <see cref="Sum"/>, over the terms of <paramref name="batch"/> (each shard sums its rows of the batch); not divided by the batch size.</summary>
    double SumBatch(ShardOperation operation, ShardBatch batch, ReadOnlySpan<T> w, ReadOnlySpan<T> v, Span<T> result);
}
