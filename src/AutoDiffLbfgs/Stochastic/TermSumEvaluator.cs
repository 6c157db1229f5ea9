using System.Numerics;
using AutoDiffLbfgs.Numerics;
using AutoDiffLbfgs.Sharding;

namespace AutoDiffLbfgs.Stochastic;

/// <summary>
/// Sums term values, gradients or Hessian-vector products over all terms or over a list of terms, on all cores, with
/// the reduction order of <see cref="TermBlocks"/>: each block summed sequentially in list order into its own slot,
/// the slots then added in block order on the calling thread. The bits depend on the terms, the list and the
/// dimension only, never on the number of threads or their timing.
/// </summary>
/// <remarks>
/// <para>All buffers (one partial sum per block, one scratch vector per thread, private copies of w and v that the
/// helper threads read) are allocated in the constructor; a sum allocates nothing. The terms are called concurrently
/// from several threads, so their methods must only read shared data, as generated <c>…Terms</c> do. One instance
/// evaluates one sum at a time (it is not safe for concurrent use).</para>
/// <para>The sums are not divided by the count: the callers divide (the mean over N, over a batch, or over a whole
/// sharded sum).</para>
/// </remarks>
/// <typeparam name="T"><see cref="double"/> or <see cref="float"/>.</typeparam>
/// <typeparam name="TTerms">The finite-sum objective (a struct, so calls are direct).</typeparam>
internal sealed class TermSumEvaluator<T, TTerms> : IChunkWork
    where T : unmanaged, IFloatingPointIeee754<T>
    where TTerms : struct, IFiniteSumObjective<T>
{
    private TTerms _terms;
    private readonly int _dimension;
    private readonly int _degree;
    private readonly int _parallelThreshold;
    private readonly T[] _partials;
    private readonly double[] _partialValues;
    private readonly T[] _scratch;
    private readonly T[] _point;
    private readonly T[] _direction;

    // The sum being evaluated; set by Sum, read by RunChunk on every thread.
    private int[]? _list;
    private int _offset;
    private int _count;
    private int _blockLength;
    private ShardOperation _kind;

    /// <summary>Allocates the buffers for sums of up to <paramref name="maxCount"/> terms in dimension <paramref name="dimension"/>.</summary>
    /// <param name="terms">The terms (copied).</param>
    /// <param name="dimension">n.</param>
    /// <param name="maxCount">The largest number of terms one sum will add.</param>
    /// <param name="maxDegreeOfParallelism">Threads per sum, the caller's included; 1 sums on the caller.</param>
    /// <param name="parallelThreshold">The smallest sum handed to helper threads.</param>
    public TermSumEvaluator(TTerms terms, int dimension, int maxCount, int maxDegreeOfParallelism, int parallelThreshold)
    {
        _terms = terms;
        _dimension = dimension;
        int blocks = TermBlocks.BlockCount(maxCount, dimension);
        _degree = Math.Max(1, Math.Min(maxDegreeOfParallelism, blocks));
        _parallelThreshold = parallelThreshold;
        _partials = new T[Math.Max(blocks, 1) * dimension];
        _partialValues = new double[Math.Max(blocks, 1)];
        _scratch = new T[_degree * dimension];
        _point = new T[dimension];
        _direction = new T[dimension];
    }

    /// <summary>The terms.</summary>
    public TTerms Terms => _terms;

    /// <summary>n.</summary>
    public int Dimension => _dimension;

    /// <summary>
    /// Returns Σ fᵢ(w) (in double; 0 for <see cref="ShardOperation.HessianVectorProduct"/>) over
    /// <paramref name="list"/>[offset .. offset + count), or over terms offset .. offset + count − 1 when
    /// <paramref name="list"/> is null, and overwrites <paramref name="result"/> with Σ ∇fᵢ(w) or Σ ∇²fᵢ(w)·v
    /// (untouched for <see cref="ShardOperation.Value"/>). An empty sum is 0.
    /// </summary>
    public double Sum(ShardOperation kind, int[]? list, int offset, int count, ReadOnlySpan<T> w, ReadOnlySpan<T> v, Span<T> result)
    {
        int n = _dimension;
        w.CopyTo(_point);
        if (kind == ShardOperation.HessianVectorProduct) v.CopyTo(_direction);
        (_kind, _list, _offset, _count) = (kind, list, offset, count);
        _blockLength = TermBlocks.BlockLength(count, n);
        int blocks = TermBlocks.BlockCount(count, n);
        try
        {
            if (count >= _parallelThreshold) ChunkWorkerPool.Shared.Run(this, blocks, _degree);
            else for (int c = 0; c < blocks; c++) RunChunk(c, 0);
        }
        finally
        {
            _list = null;
        }

        // Combine the block sums in block order: this fixed order is what makes the result independent of threads.
        bool vector = kind != ShardOperation.Value;
        if (blocks == 0)
        {
            if (vector) result.Clear();
            return 0;
        }
        if (vector) _partials.AsSpan(0, n).CopyTo(result);
        double value = _partialValues[0];
        for (int c = 1; c < blocks; c++)
        {
            if (vector) VectorMath.Axpy(T.One, _partials.AsSpan(c * n, n), result);
            value += _partialValues[c];
        }
        return value;
    }

    /// <inheritdoc/>
    public void RunChunk(int chunk, int worker)
    {
        int n = _dimension;
        Span<T> partial = _partials.AsSpan(chunk * n, n);
        Span<T> term = _scratch.AsSpan(worker * n, n);
        int start = _offset + chunk * _blockLength;
        int end = Math.Min(start + _blockLength, _offset + _count);
        int[]? list = _list;
        double value = 0;
        switch (_kind)
        {
            case ShardOperation.Value:
                for (int k = start; k < end; k++) value += double.CreateTruncating(_terms.TermValue(list is null ? k : list[k], _point));
                break;
            case ShardOperation.ValueAndGradient:
                partial.Clear();
                for (int k = start; k < end; k++)
                {
                    value += double.CreateTruncating(_terms.TermValueAndGradient(list is null ? k : list[k], _point, term));
                    VectorMath.Axpy(T.One, term, partial);
                }
                break;
            default:
                partial.Clear();
                for (int k = start; k < end; k++)
                {
                    _terms.TermHessianVectorProduct(list is null ? k : list[k], _point, _direction, term);
                    VectorMath.Axpy(T.One, term, partial);
                }
                break;
        }
        _partialValues[chunk] = value;
    }
}
