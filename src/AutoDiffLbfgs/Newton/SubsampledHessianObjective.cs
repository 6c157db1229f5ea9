using System.Numerics;
using AutoDiffLbfgs.Numerics;
using AutoDiffLbfgs.Sharding;
using AutoDiffLbfgs.Stochastic;

namespace AutoDiffLbfgs.Newton;

/// <summary>
/// A finite sum F(w) = (1/N)·Σᵢ fᵢ(w) whose value and gradient are the full sums but whose Hessian-vector product is
/// the mean over a sample S of the terms, (1/|S|)·Σ<sub>i∈S</sub> ∇²fᵢ(w)·v: the sub-sampled Hessian Newton–CG of Byrd,
/// Chin, Neveitt &amp; Nocedal, "On the use of stochastic Hessian information in optimization methods for machine
/// learning", SIAM J. Optim. 21(3), 2011. Pass it to <see cref="NewtonCg.Minimize{T, TObjective}"/>; each CG then
/// costs |S| term products instead of N, while the gradient test, the trust-region ratio and the line search still
/// see the exact F.
/// </summary>
/// <remarks>
/// <para>A new sample is drawn at the first Hessian-vector product after an evaluation of f (so once per Newton
/// iteration, and the whole CG of that iteration uses one sample, keeping its operator symmetric). Sample k is a
/// function of (seed, k) alone: |S| distinct terms drawn with the stochastic mode's sampler (Floyd's algorithm, seeded
/// SplitMix64 streams). |S| = N takes every term in order, so the solve is then the full Newton–CG's, bit for
/// bit.</para>
/// <para>Sums use <see cref="FullSumObjective{T, TTerms}"/>'s machinery: a fixed partition into blocks summed in
/// order and added in block order, on the process-wide helper threads; the result is bit-identical for any number of
/// threads. The constructor allocates the workspace; evaluations allocate nothing. Not safe for concurrent use:
/// copies of the struct share the workspace and the sample counter.</para>
/// </remarks>
/// <typeparam name="T"><see cref="double"/> or <see cref="float"/>.</typeparam>
/// <typeparam name="TTerms">The finite-sum objective (a generated <c>…Terms</c>).</typeparam>
public readonly struct SubsampledHessianObjective<T, TTerms> : ITwiceDifferentiableObjective<T>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TTerms : struct, IFiniteSumObjective<T>
{
    private readonly SampleState _state;

    /// <summary>Wraps <paramref name="terms"/>, summing on up to <see cref="Environment.ProcessorCount"/> threads.</summary>
    /// <param name="terms">The finite sum.</param>
    /// <param name="dimension">n, the length of every w; at least 1.</param>
    /// <param name="hessianSampleSize">|S|, the number of terms in each Hessian sample; in [1, N]. Byrd et al. use 1–10 % of N.</param>
    /// <param name="seed">Fixes the samples: the same seed gives the same solve.</param>
    public SubsampledHessianObjective(TTerms terms, int dimension, int hessianSampleSize, ulong seed)
        : this(terms, dimension, hessianSampleSize, seed, Environment.ProcessorCount)
    {
    }

    /// <summary>Wraps <paramref name="terms"/>, summing on up to <paramref name="maxDegreeOfParallelism"/> threads.</summary>
    /// <param name="terms">The finite sum.</param>
    /// <param name="dimension">n, the length of every w; at least 1.</param>
    /// <param name="hessianSampleSize">|S|, the number of terms in each Hessian sample; in [1, N].</param>
    /// <param name="seed">Fixes the samples: the same seed gives the same solve.</param>
    /// <param name="maxDegreeOfParallelism">Threads per sum, the caller's included; at least 1. The result does not depend on it.</param>
    /// <param name="parallelThreshold">The smallest sum handed to more than one thread; at least 1. Default <see cref="FullSumObjective{T, TTerms}.DefaultParallelThreshold"/>.</param>
    public SubsampledHessianObjective(TTerms terms, int dimension, int hessianSampleSize, ulong seed, int maxDegreeOfParallelism,
        int parallelThreshold = FullSumObjective<T, TTerms>.DefaultParallelThreshold)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDegreeOfParallelism, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelThreshold, 1);
        int count = terms.TermCount;
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(terms), count, "The objective's TermCount must be at least 1.");
        if (hessianSampleSize < 1 || hessianSampleSize > count)
            throw new ArgumentOutOfRangeException(nameof(hessianSampleSize), hessianSampleSize, $"hessianSampleSize must lie in [1, TermCount = {count}].");
        _state = new SampleState(new TermSumEvaluator<T, TTerms>(terms, dimension, count, maxDegreeOfParallelism, parallelThreshold),
            new BatchSampler(seed, count, hessianSampleSize), new int[hessianSampleSize]);
    }

    /// <summary>The wrapped terms.</summary>
    public TTerms Terms => _state.Sums.Terms;

    /// <summary>|S|, the number of terms in each Hessian sample.</summary>
    public int HessianSampleSize => _state.Sample.Length;

    /// <summary>The number of Hessian samples drawn so far (one per Newton iteration).</summary>
    public long SamplesDrawn => _state.Drawn;

    /// <inheritdoc/>
    public T Value(ReadOnlySpan<T> x)
    {
        _state.Stale = true;
        int count = Terms.TermCount;
        return T.CreateTruncating(_state.Sums.Sum(ShardOperation.Value, null, 0, count, x, default, default) / count);
    }

    /// <inheritdoc/>
    public T ValueAndGradient(ReadOnlySpan<T> x, Span<T> gradient)
    {
        _state.Stale = true;
        int count = Terms.TermCount;
        double sum = _state.Sums.Sum(ShardOperation.ValueAndGradient, null, 0, count, x, default, gradient);
        VectorMath.Scale(T.One / T.CreateTruncating(count), gradient);
        return T.CreateTruncating(sum / count);
    }

    /// <inheritdoc/>
    public void HessianVectorProduct(ReadOnlySpan<T> x, ReadOnlySpan<T> v, Span<T> result)
    {
        SampleState state = _state;
        if (state.Stale)
        {
            state.Sampler.Draw(BatchSampler.CurvatureBatches, state.Drawn++, state.Sample);
            state.Stale = false;
        }
        state.Sums.Sum(ShardOperation.HessianVectorProduct, state.Sample, 0, state.Sample.Length, x, v, result);
        VectorMath.Scale(T.One / T.CreateTruncating(state.Sample.Length), result);
    }

    /// <summary>The shared mutable part: the evaluator, the sampler, the current sample and its counter.</summary>
    private sealed class SampleState(TermSumEvaluator<T, TTerms> sums, BatchSampler sampler, int[] sample)
    {
        public TermSumEvaluator<T, TTerms> Sums { get; } = sums;

        public BatchSampler Sampler { get; } = sampler;

        public int[] Sample { get; } = sample;

        public long Drawn { get; set; }

        /// <summary>True once f has been evaluated since the last draw (and before the first): the next product draws.</summary>
        public bool Stale { get; set; } = true;
    }
}
