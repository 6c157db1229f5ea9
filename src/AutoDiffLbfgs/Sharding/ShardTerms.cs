using System.Numerics;
using AutoDiffLbfgs.Stochastic;

namespace AutoDiffLbfgs.Sharding;

/// <summary>
/// One shard's terms as a generated <c>…Terms</c> struct (or a hand-written <see cref="IFiniteSumObjective{T}"/>)
/// over the shard's own rows, with partial sums on all cores in the fixed reduction order of
/// <see cref="FullSumObjective{T, TTerms}"/>: blocks of max(64, ⌈c / 64⌉) rows summed in order, then added in block
/// order. The bits do not depend on the number of threads.
/// </summary>
/// <remarks>
/// The constructor allocates the workspace (one partial sum per block, one scratch vector per thread, copies of w,
/// v and the row list); sums allocate nothing (the row buffer grows only for a list longer than any before). The term
/// methods are called from several threads at once, so they must only read shared data. One instance evaluates one
/// sum at a time.
/// </remarks>
/// <typeparam name="T"><see cref="double"/> or <see cref="float"/>.</typeparam>
/// <typeparam name="TTerms">The shard's terms; its <see cref="IFiniteSumObjective{T}.TermCount"/> is the shard's row count.</typeparam>
public sealed class ShardTerms<T, TTerms> : IShardTerms<T>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TTerms : struct, IFiniteSumObjective<T>
{
    private readonly TermSumEvaluator<T, TTerms> _sums;
    private readonly int _maxDegree;
    private readonly int _parallelThreshold;
    private TermSumEvaluator<T, TTerms>? _longRowSums;
    private int[] _rows;

    /// <summary>The shard's terms for points of dimension <paramref name="dimension"/>, summed on up to <see cref="Environment.ProcessorCount"/> threads.</summary>
    /// <param name="terms">The shard's terms (rows 0 … TermCount − 1 of the shard; TermCount ≥ 0).</param>
    /// <param name="dimension">n; at least 1.</param>
    public ShardTerms(TTerms terms, int dimension)
        : this(terms, dimension, Environment.ProcessorCount)
    {
    }

    /// <summary>The shard's terms for points of dimension <paramref name="dimension"/>.</summary>
    /// <param name="terms">The shard's terms (rows 0 … TermCount − 1 of the shard; TermCount ≥ 0).</param>
    /// <param name="dimension">n; at least 1.</param>
    /// <param name="maxDegreeOfParallelism">Threads per sum, the caller's included; at least 1. The result does not depend on it.</param>
    /// <param name="parallelThreshold">The smallest sum split across threads; at least 1. Default 2048.</param>
    public ShardTerms(TTerms terms, int dimension, int maxDegreeOfParallelism, int parallelThreshold = FullSumObjective<T, TTerms>.DefaultParallelThreshold)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDegreeOfParallelism, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelThreshold, 1);
        if (terms.TermCount < 0) throw new ArgumentOutOfRangeException(nameof(terms), terms.TermCount, "The terms' TermCount must not be negative.");
        _maxDegree = maxDegreeOfParallelism;
        _parallelThreshold = parallelThreshold;
        _sums = new TermSumEvaluator<T, TTerms>(terms, dimension, terms.TermCount, maxDegreeOfParallelism, parallelThreshold);
        _rows = new int[terms.TermCount];
    }

    /// <summary>The shard's terms.</summary>
    public TTerms Terms => _sums.Terms;

    /// <inheritdoc/>
    public int RowCount => _sums.Terms.TermCount;

    /// <inheritdoc/>
    public int Dimension => _sums.Dimension;

    /// <inheritdoc/>
    public double Sum(ShardOperation operation, ReadOnlySpan<T> w, ReadOnlySpan<T> v, Span<T> result) =>
        _sums.Sum(operation, null, 0, RowCount, w, v, result);

    /// <inheritdoc/>
    /// <exception cref="ArgumentOutOfRangeException">A row is outside [0, RowCount).</exception>
    public double SumRows(ShardOperation operation, ReadOnlySpan<int> rows, ReadOnlySpan<T> w, ReadOnlySpan<T> v, Span<T> result)
    {
        int count = RowCount;
        foreach (int row in rows)
        {
            if ((uint)row >= (uint)count) throw new ArgumentOutOfRangeException(nameof(rows), row, $"Rows of this shard are in [0, {count}).");
        }
        TermSumEvaluator<T, TTerms> sums = _sums;
        if (rows.Length > _rows.Length)
        {
            // A list with repeats longer than the shard: buffers sized for it, kept for the next such list.
            _rows = new int[rows.Length];
            _longRowSums = new TermSumEvaluator<T, TTerms>(Terms, Dimension, rows.Length, _maxDegree, _parallelThreshold);
        }
        if (rows.Length > count) sums = _longRowSums!;
        rows.CopyTo(_rows);
        return sums.Sum(operation, _rows, 0, rows.Length, w, v, result);
    }
}
