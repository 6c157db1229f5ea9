using System.Numerics;
using AutoDiffLbfgs.Numerics;
using AutoDiffLbfgs.Sharding;

namespace AutoDiffLbfgs.Stochastic;

/// <summary>
/// The whole finite sum F(w) = (1/N)·Σᵢ fᵢ(w) as an ordinary objective, so the same term struct can be minimised by
/// the classic solver (<c>Lbfgs.Minimize</c>) or used wherever an <see cref="ITwiceDifferentiableObjective{T}"/> is
/// expected. Terms are summed on all cores with a fixed partition and reduction order, then divided by N: the
/// result is bit-identical for any number of threads.
/// </summary>
/// <remarks>
/// <para>The terms 0 … N − 1 are cut into at most 64 consecutive blocks of at least 64 terms (fewer blocks when n is
/// above 65,536); each block is summed in index order into its own partial sum, and the partial sums are added in
/// block order. The cut depends only on N and n. Sums of at least <see cref="DefaultParallelThreshold"/> terms are
/// split across the process-wide helper threads, the caller included; smaller ones run on the caller.</para>
/// <para>The constructor allocates the workspace (one partial sum of length n per block, one scratch vector per
/// thread, copies of x and v); evaluations allocate nothing. The term methods are called from several threads at
/// once, so they must only read shared data, as generated <c>…Terms</c> do. Not safe for concurrent use: copies of
/// the struct share the workspace.</para>
/// </remarks>
/// <typeparam name="T"><see cref="double"/> or <see cref="float"/>.</typeparam>
/// <typeparam name="TTerms">The finite-sum objective.</typeparam>
public readonly struct FullSumObjective<T, TTerms> : ITwiceDifferentiableObjective<T>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TTerms : struct, IFiniteSumObjective<T>
{
    /// <summary>The smallest number of terms summed on more than one thread: 2048, as <see cref="StochasticLbfgsOptions.ParallelBatchThreshold"/>.</summary>
    public const int DefaultParallelThreshold = 2048;

    private readonly TermSumEvaluator<T, TTerms> _sums;

    /// <summary>Wraps <paramref name="terms"/> for points of dimension <paramref name="dimension"/>, summing on up to <see cref="Environment.ProcessorCount"/> threads.</summary>
    /// <param name="terms">The finite sum.</param>
    /// <param name="dimension">n, the length of every w; at least 1.</param>
    public FullSumObjective(TTerms terms, int dimension)
        : this(terms, dimension, Environment.ProcessorCount)
    {
    }

    /// <summary>Wraps <paramref name="terms"/> for points of dimension <paramref name="dimension"/>, summing on up to <paramref name="maxDegreeOfParallelism"/> threads.</summary>
    /// <param name="terms">The finite sum.</param>
    /// <param name="dimension">n, the length of every w; at least 1.</param>
    /// <param name="maxDegreeOfParallelism">Threads per evaluation, the caller's included; at least 1 (1 never uses a helper thread). The result does not depend on it.</param>
    /// <param name="parallelThreshold">The smallest N summed on more than one thread; at least 1. Default <see cref="DefaultParallelThreshold"/>.</param>
    public FullSumObjective(TTerms terms, int dimension, int maxDegreeOfParallelism, int parallelThreshold = DefaultParallelThreshold)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDegreeOfParallelism, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelThreshold, 1);
        if (terms.TermCount < 1) throw new ArgumentOutOfRangeException(nameof(terms), terms.TermCount, "The objective's TermCount must be at least 1.");
        _sums = new TermSumEvaluator<T, TTerms>(terms, dimension, terms.TermCount, maxDegreeOfParallelism, parallelThreshold);
    }

    /// <summary>The wrapped terms.</summary>
    public TTerms Terms => _sums.Terms;

    /// <inheritdoc/>
    public T Value(ReadOnlySpan<T> x)
    {
        int count = Terms.TermCount;
        return T.CreateTruncating(_sums.Sum(ShardOperation.Value, null, 0, count, x, default, default) / count);
    }

    /// <inheritdoc/>
    public T ValueAndGradient(ReadOnlySpan<T> x, Span<T> gradient)
    {
        int count = Terms.TermCount;
        double sum = _sums.Sum(ShardOperation.ValueAndGradient, null, 0, count, x, default, gradient);
        VectorMath.Scale(T.One / T.CreateTruncating(count), gradient);
        return T.CreateTruncating(sum / count);
    }

    /// <inheritdoc/>
    public void HessianVectorProduct(ReadOnlySpan<T> x, ReadOnlySpan<T> v, Span<T> result)
    {
        int count = Terms.TermCount;
        _sums.Sum(ShardOperation.HessianVectorProduct, null, 0, count, x, v, result);
        VectorMath.Scale(T.One / T.CreateTruncating(count), result);
    }
}
