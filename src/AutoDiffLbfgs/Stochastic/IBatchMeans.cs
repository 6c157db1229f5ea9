using System.Numerics;

namespace AutoDiffLbfgs.Stochastic;

/// <summary>
/// Batch means for the stochastic solver: over the terms of one objective in memory
/// (<see cref="BatchEvaluator{T, TObjective}"/>) or over a sharded sum.
/// </summary>
/// <typeparam name="T"><see cref="double"/> or <see cref="float"/>.</typeparam>
internal interface IBatchMeans<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>mean ← (1/count)·Σ ∇fᵢ(w) over indices[offset .. offset + count); returns (1/count)·Σ fᵢ(w).</summary>
    double Gradient(int[] indices, int offset, int count, T[] w, Span<T> mean);

    /// <summary>mean ← (1/count)·Σ ∇²fᵢ(w)·v over indices[offset .. offset + count).</summary>
    void HessianVectorProduct(int[] indices, int offset, int count, T[] w, T[] v, Span<T> mean);
}
