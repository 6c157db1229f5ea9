using System.Numerics;
using AutoDiffLbfgs.Numerics;

namespace AutoDiffLbfgs.Stochastic;

/// <summary>
/// Evaluates batch means of term gradients, (1/b)·Σ_{i∈S} ∇fᵢ(w), and of term Hessian-vector products,
/// (1/b_H)·Σ_{i∈S_H} ∇²fᵢ(w)·v, with a reduction order that is fixed by the batch alone.
/// </summary>
/// <remarks>
/// <para>The batch is cut into chunks of <see cref="ChunkSize"/> consecutive entries — a constant, never derived from
/// the number of cores. Each chunk is summed sequentially, in batch order, into its own slot; the caller then adds
/// the slots in chunk order and scales by 1/b. The floating-point result is therefore the same whether the chunks run
/// on one thread or many, in any interleaving, on any machine with the same vector width.</para>
/// <para>All buffers (one partial sum per chunk, one scratch vector per thread) are allocated in the constructor,
/// once per solve. The objective is called concurrently from several threads when a <see cref="ChunkWorkerGroup"/> is
/// given, so its term methods must only read shared data, as generated objectives do.</para>
/// </remarks>
/// <typeparam name="T"><see cref="double"/> or <see cref="float"/>.</typeparam>
/// <typeparam name="TObjective">The finite-sum objective (a struct, so calls are direct).</typeparam>
internal sealed class BatchEvaluator<T, TObjective> : IChunkWork
    where T : unmanaged, IFloatingPointIeee754<T>
    where TObjective : struct, IFiniteSumObjective<T>
{
    /// <summary>Terms per chunk. Large enough that a chunk outweighs the cost of handing it to a thread, small enough to balance two to sixteen threads on batches of a few thousand.</summary>
    public const int ChunkSize = 64;

    private TObjective _objective;
    private readonly int _dimension;
    private readonly T[] _partials;
    private readonly double[] _partialValues;
    private readonly T[] _scratch;
    private readonly ChunkWorkerGroup? _workers;
    private readonly int _parallelThreshold;

    // The job being evaluated; set by Gradient/HessianVectorProduct, read by RunChunk.
    private int[] _indices = [];
    private int _offset;
    private int _count;
    private T[] _point = [];
    private T[] _direction = [];
    private bool _hessian;

    /// <summary>Allocates the buffers for batches of up to <paramref name="maxBatch"/> terms in dimension <paramref name="dimension"/>.</summary>
    /// <param name="objective">The objective (copied).</param>
    /// <param name="dimension">n.</param>
    /// <param name="maxBatch">The largest batch that will be evaluated.</param>
    /// <param name="workers">Threads for batches of at least <paramref name="parallelThreshold"/> terms; null to run everything on the caller.</param>
    /// <param name="parallelThreshold">The smallest batch handed to <paramref name="workers"/>.</param>
    public BatchEvaluator(TObjective objective, int dimension, int maxBatch, ChunkWorkerGroup? workers, int parallelThreshold)
    {
        _objective = objective;
        _dimension = dimension;
        int chunks = (maxBatch + ChunkSize - 1) / ChunkSize;
        _partials = new T[chunks * dimension];
        _partialValues = new double[chunks];
        _scratch = new T[(workers?.ThreadCount ?? 1) * dimension];
        _workers = workers;
        _parallelThreshold = parallelThreshold;
    }

    /// <summary>mean ← (1/count)·Σ ∇fᵢ(w) over indices[offset .. offset + count); returns (1/count)·Σ fᵢ(w).</summary>
    public double Gradient(int[] indices, int offset, int count, T[] w, Span<T> mean)
    {
        SetJob(indices, offset, count, w, [], hessian: false);
        return Evaluate(mean);
    }

    /// <summary>mean ← (1/count)·Σ ∇²fᵢ(w)·v over indices[offset .. offset + count).</summary>
    public void HessianVectorProduct(int[] indices, int offset, int count, T[] w, T[] v, Span<T> mean)
    {
        SetJob(indices, offset, count, w, v, hessian: true);
        Evaluate(mean);
    }

    /// <inheritdoc/>
    public void RunChunk(int chunk, int worker)
    {
        int n = _dimension;
        Span<T> partial = _partials.AsSpan(chunk * n, n);
        Span<T> term = _scratch.AsSpan(worker * n, n);
        partial.Clear();
        int start = _offset + chunk * ChunkSize;
        int end = Math.Min(start + ChunkSize, _offset + _count);
        double value = 0;
        for (int k = start; k < end; k++)
        {
            int i = _indices[k];
            if (_hessian)
            {
                _objective.TermHessianVectorProduct(i, _point, _direction, term);
            }
            else
            {
                value += double.CreateTruncating(_objective.TermValueAndGradient(i, _point, term));
            }
            VectorMath.Axpy(T.One, term, partial);
        }
        _partialValues[chunk] = value;
    }

    private void SetJob(int[] indices, int offset, int count, T[] point, T[] direction, bool hessian)
    {
        _indices = indices;
        _offset = offset;
        _count = count;
        _point = point;
        _direction = direction;
        _hessian = hessian;
    }

    private double Evaluate(Span<T> mean)
    {
        int n = _dimension;
        int chunks = (_count + ChunkSize - 1) / ChunkSize;
        if (_workers is not null && _count >= _parallelThreshold)
        {
            _workers.Run(this, chunks);
        }
        else
        {
            for (int c = 0; c < chunks; c++) RunChunk(c, 0);
        }

        // Combine the chunk sums in chunk order: this fixed order is what makes the result independent of threads.
        _partials.AsSpan(0, n).CopyTo(mean);
        double value = _partialValues[0];
        for (int c = 1; c < chunks; c++)
        {
            VectorMath.Axpy(T.One, _partials.AsSpan(c * n, n), mean);
            value += _partialValues[c];
        }
        VectorMath.Scale(T.One / T.CreateTruncating(_count), mean);
        _point = _direction = [];
        return value / _count;
    }
}
