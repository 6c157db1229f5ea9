using System.Numerics;
using AutoDiffLbfgs.Numerics;
using AutoDiffLbfgs.Sharding;

namespace AutoDiffLbfgs.Stochastic;

/// <summary>
/// Evaluates batch means of term gradients, (1/b)·Σ_{i∈S} ∇fᵢ(w), and of term Hessian-vector products,
/// (1/b_H)·Σ_{i∈S_H} ∇²fᵢ(w)·v, for the stochastic solver: the sums of <see cref="TermSumEvaluator{T, TTerms}"/>
/// (whose reduction order is fixed by the batch alone) scaled by the reciprocal of the batch size.
/// </summary>
/// <typeparam name="T"><see cref="double"/> or <see cref="float"/>.</typeparam>
/// <typeparam name="TObjective">The finite-sum objective (a struct, so calls are direct).</typeparam>
internal sealed class BatchEvaluator<T, TObjective> : IBatchMeans<T>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TObjective : struct, IFiniteSumObjective<T>
{
    private readonly TermSumEvaluator<T, TObjective> _sums;

    /// <summary>Allocates the buffers for batches of up to <paramref name="maxBatch"/> terms in dimension <paramref name="dimension"/>.</summary>
    /// <param name="objective">The objective (copied).</param>
    /// <param name="dimension">n.</param>
    /// <param name="maxBatch">The largest batch that will be evaluated.</param>
    /// <param name="maxDegreeOfParallelism">Threads per batch, the caller's included.</param>
    /// <param name="parallelThreshold">The smallest batch summed in parallel.</param>
    public BatchEvaluator(TObjective objective, int dimension, int maxBatch, int maxDegreeOfParallelism, int parallelThreshold) =>
        _sums = new TermSumEvaluator<T, TObjective>(objective, dimension, maxBatch, maxDegreeOfParallelism, parallelThreshold);

    /// <inheritdoc/>
    public double Gradient(int[] indices, int offset, int count, T[] w, Span<T> mean)
    {
        double value = _sums.Sum(ShardOperation.ValueAndGradient, indices, offset, count, w, default, mean);
        VectorMath.Scale(T.One / T.CreateTruncating(count), mean);
        return value / count;
    }

    /// <inheritdoc/>
    public void HessianVectorProduct(int[] indices, int offset, int count, T[] w, T[] v, Span<T> mean)
    {
        _sums.Sum(ShardOperation.HessianVectorProduct, indices, offset, count, w, v, mean);
        VectorMath.Scale(T.One / T.CreateTruncating(count), mean);
    }
}
