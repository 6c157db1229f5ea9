using System.Numerics;
using AutoDiffLbfgs.Newton;
using AutoDiffLbfgs.Numerics;
using AutoDiffLbfgs.Stochastic;

namespace AutoDiffLbfgs.Sharding;

/// <summary>
/// The sub-sampled Hessian of <see cref="SubsampledHessianObjective{T, TTerms}"/> (Byrd, Chin, Neveitt &amp; Nocedal
/// 2011) over a sharded finite sum: value and gradient are the full mean F(w) = (1/N)·Σᵢ fᵢ(w) of every shard, the
/// Hessian-vector product is the mean over a sample S of the terms, each shard summing its rows of S. Pass it to
/// <see cref="NewtonCg.Minimize{T, TObjective}"/>; on a cluster each CG step then costs |S| term products spread over
/// the shards instead of N.
/// </summary>
/// <remarks>
/// <para>Samples are those of <see cref="SubsampledHessianObjective{T, TTerms}"/> for the same N, |S| and seed: sample k
/// (drawn at the first product after an evaluation of f, so once per Newton iteration) is a function of (seed, k)
/// alone. The sums follow the layout's reduction plan, so for a given layout the solve has the same bits in this
/// process (<see cref="InProcessShardedSum{T}"/>) and on a cluster; |S| = N gives the full sharded Newton–CG's solve
/// bit for bit. The bits differ from the unsharded objective's, whose sums run in another order.</para>
/// <para>The constructor allocates the sample and its per-shard grouping; evaluations allocate nothing beyond what the
/// sum does. Not safe for concurrent use: copies of the struct share the sample and its counter.</para>
/// </remarks>
/// <typeparam name="T"><see cref="double"/> or <see cref="float"/>.</typeparam>
public readonly struct ShardedSubsampledHessianObjective<T> : ITwiceDifferentiableObjective<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly SampleState _state;

    /// <summary>Wraps <paramref name="sum"/>.</summary>
    /// <param name="sum">The sharded finite sum (in this process or on a cluster).</param>
    /// <param name="hessianSampleSize">|S|, the number of terms in each Hessian sample; in [1, N]. Byrd et al. use 1–10 % of N.</param>
    /// <param name="seed">Fixes the samples: the same seed gives the same solve.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="hessianSampleSize"/> is outside [1, N].</exception>
    public ShardedSubsampledHessianObjective(IShardedFiniteSum<T> sum, int hessianSampleSize, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(sum);
        int count = sum.Layout.TermCount;
        if (hessianSampleSize < 1 || hessianSampleSize > count)
            throw new ArgumentOutOfRangeException(nameof(hessianSampleSize), hessianSampleSize, $"hessianSampleSize must lie in [1, N = {count}].");
        _state = new SampleState(sum, new BatchSampler(seed, count, hessianSampleSize), new int[hessianSampleSize], new ShardBatch(sum.Layout, hessianSampleSize));
    }

    /// <summary>The wrapped sum.</summary>
    public IShardedFiniteSum<T> Sum => _state.Sum;

    /// <summary>|S|, the number of terms in each Hessian sample.</summary>
    public int HessianSampleSize => _state.Sample.Length;

    /// <summary>The number of Hessian samples drawn so far (one per Newton iteration).</summary>
    public long SamplesDrawn => _state.Drawn;

    /// <inheritdoc/>
    public T Value(ReadOnlySpan<T> x)
    {
        _state.Stale = true;
        return new ShardedObjective<T>(_state.Sum).Value(x);
    }

    /// <inheritdoc/>
    public T ValueAndGradient(ReadOnlySpan<T> x, Span<T> gradient)
    {
        _state.Stale = true;
        return new ShardedObjective<T>(_state.Sum).ValueAndGradient(x, gradient);
    }

    /// <inheritdoc/>
    public void HessianVectorProduct(ReadOnlySpan<T> x, ReadOnlySpan<T> v, Span<T> result)
    {
        SampleState state = _state;
        if (state.Stale)
        {
            // One sample per Newton iteration, so the whole CG of the iteration sees one symmetric operator.
            state.Sampler.Draw(BatchSampler.CurvatureBatches, state.Drawn++, state.Sample);
            state.Batch.Assign(state.Sample);
            state.Stale = false;
        }
        state.Sum.SumBatch(ShardOperation.HessianVectorProduct, state.Batch, x, v, result);
        VectorMath.Scale(T.One / T.CreateTruncating(state.Sample.Length), result);
    }

    /// <summary>The shared mutable part: the sum, the sampler, the current sample grouped by shard, and the counter.</summary>
    private sealed class SampleState(IShardedFiniteSum<T> sum, BatchSampler sampler, int[] sample, ShardBatch batch)
    {
        public IShardedFiniteSum<T> Sum { get; } = sum;

        public BatchSampler Sampler { get; } = sampler;

        public int[] Sample { get; } = sample;

        public ShardBatch Batch { get; } = batch;

        public long Drawn { get; set; }

        /// <summary>True once f has been evaluated since the last draw (and before the first): the next product draws.</summary>
        public bool Stale { get; set; } = true;
    }
}
