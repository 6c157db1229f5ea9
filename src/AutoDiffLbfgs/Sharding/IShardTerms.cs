using System.Numerics;

namespace AutoDiffLbfgs.Sharding;

/// <summary>
/// The terms of one shard: partial sums of value, gradient or Hessian-vector product over all its rows or over some
/// of them. <see cref="ShardTerms{T, TTerms}"/> implements it over a generated <c>…Terms</c> struct built from the
/// shard's own data; a cluster node holds one per shard and only points (and row lists) travel.
/// </summary>
/// <typeparam name="T"><see cref="double"/> or <see cref="float"/>.</typeparam>
public interface IShardTerms<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The number of rows (terms) the shard holds.</summary>
    int RowCount { get; }

    /// <summary>n, the length of w, v and the result.</summary>
    int Dimension { get; }

    /// <summary>
    /// Returns Σ fᵢ(w) over all rows (0 for <see cref="ShardOperation.HessianVectorProduct"/>) and overwrites
    /// <paramref name="result"/> with Σ ∇fᵢ(w) or Σ ∇²fᵢ(w)·v (untouched for <see cref="ShardOperation.Value"/>).
    /// Not divided by anything. The bits must depend only on the rows, w and v (a fixed reduction order).
    /// </summary>
    /// <param name="operation">What to sum.</param>
    /// <param name="w">The point, length n.</param>
    /// <param name="v">The direction for <see cref="ShardOperation.HessianVectorProduct"/>, length n; otherwise ignored (may be empty).</param>
    /// <param name="result">Length n; may be empty for <see cref="ShardOperation.Value"/>.</param>
    double Sum(ShardOperation operation, ReadOnlySpan<T> w, ReadOnlySpan<T> v, Span<T> result);

    /// <summary>
    /// As <see cref="Sum"/>, over the local rows <paramref name="rows"/> (each in [0, RowCount), repeats allowed) in
    /// their order. An empty list gives 0 and clears the result.
    /// </summary>
    double SumRows(ShardOperation operation, ReadOnlySpan<int> rows, ReadOnlySpan<T> w, ReadOnlySpan<T> v, Span<T> result);
}
