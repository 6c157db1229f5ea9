using System.Numerics;
using AutoDiffLbfgs.Numerics;
using AutoDiffLbfgs.Stochastic;

namespace AutoDiffLbfgs;

/// <summary>
/// The classic solver's vector work, as fused sweeps over a fixed partition of the n elements: the two-loop
/// recursion (2m + 1 sweeps, the negation of the direction and the slope φ′(0) in the last one) or the blocked
/// direction (<see cref="HistoryDots"/> and <see cref="Combine"/>), the trial point with the step s and ‖x‖² (one sweep
/// per trial), and y, φ′(α), sᵀy, yᵀy, ‖∇f‖² (one sweep per trial gradient).
/// </summary>
/// <remarks>
/// <para>Fixed order: the elements are cut into chunks of <see cref="ChunkLength"/>; each chunk's inner products are
/// accumulated in the order of <see cref="VectorMath.DotDouble{T}"/> applied to that chunk, and the chunk sums are
/// added in chunk order. For n ≤ <see cref="ChunkLength"/> this is exactly the order of the separate kernels; the
/// partition never depends on the number of threads, so results are bit-identical for any thread count.</para>
/// <para>With more than one thread and n ≥ <see cref="ParallelThreshold"/>, contiguous groups of chunks run on a
/// threads of the process-wide <see cref="ChunkWorkerPool"/> (the caller is one of them). A sweep allocates nothing.</para>
/// </remarks>
/// <typeparam name="T"><see cref="double"/> or <see cref="float"/>.</typeparam>
internal sealed class LbfgsSweeps<T> : IChunkWork, IDisposable
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Elements per chunk of the fixed partition (128 KB of doubles); a multiple of every <see cref="Vector{T}"/> block.</summary>
    public const int ChunkLength = 16384;

    /// <summary>Smallest n at which sweeps are spread over threads (below it the hand-off costs more than it saves; docs/benchmarks.md).</summary>
    public const int ParallelThreshold = 131072;

    private readonly int _n;
    private readonly int _chunkCount;
    private readonly int _jobCount;
    private readonly DotSums[] _partials;
    private readonly int _threads;

    private Kind _kind;
    private T[] _z = [], _y = [], _w = [];
    private T _a, _h;

    private T[] _origin = [], _direction = [], _trial = [], _trialGradient = [], _gradient = [], _s = [], _pairY = [];

    private readonly int _maxVectors;
    private readonly double[] _multiPartials;
    private T[][] _vectors = [];
    private T[] _coefficients = [];
    private int _vectorCount, _partnerCount;

    /// <summary>Makes the partition of n elements and, when <paramref name="threads"/> &gt; 1 and n ≥ <paramref name="parallelThreshold"/>, the worker threads.</summary>
    /// <param name="n">Number of elements of every vector.</param>
    /// <param name="threads">Largest number of threads, the caller's included.</param>
    /// <param name="parallelThreshold">Smallest n run on several threads; benchmarks lower it to measure <see cref="ParallelThreshold"/>.</param>
    /// <param name="memory">Pairs of the history whose blocked direction (<see cref="HistoryDots"/>, <see cref="Combine"/>) these sweeps run; 0 for none.</param>
    public LbfgsSweeps(int n, int threads, int parallelThreshold = ParallelThreshold, int memory = 0)
    {
        _n = n;
        _chunkCount = Math.Max(1, (n + ChunkLength - 1) / ChunkLength);
        _partials = new DotSums[_chunkCount];
        _maxVectors = 2 * memory;
        _multiPartials = new double[_chunkCount * _maxVectors * 2];
        int usable = Math.Min(threads, _chunkCount);
        if (usable > 1 && n >= parallelThreshold)
        {
            _threads = usable;
            _jobCount = usable;
        }
        else
        {
            _threads = 1;
            _jobCount = 1;
        }
    }

    /// <summary>Number of threads the sweeps run on (1 when n is below <see cref="ParallelThreshold"/>).</summary>
    public int ThreadCount => _threads;

    /// <summary>‖trial‖² of the last <see cref="TrialPoint"/>.</summary>
    public double TrialSquaredNorm { get; private set; }

    /// <summary>sᵀy, yᵀy and ‖∇f(trial)‖² of the last <see cref="SlopeAndPair"/>.</summary>
    public (double Sy, double Yy, double GradientSquaredNorm) Pair { get; private set; }

    private enum Kind { Copy, NegatedCopy, Axpy, AxpyScale, NegatedAxpy, TrialPoint, SlopeAndPair, HistoryDots, Combination }

    /// <summary>d ← −g; returns gᵀd (the steepest-descent direction and its slope).</summary>
    public double NegatedCopy(T[] g, T[] d) => TwoLoop(Kind.NegatedCopy, d, T.Zero, g, T.One, g);

    /// <summary>Binds the vectors of one line search (the solver calls it before each search).</summary>
    public void BindSearch(T[] origin, T[] direction, T[] trial, T[] trialGradient, T[] gradient, T[] s, T[] y)
    {
        (_origin, _direction, _trial, _trialGradient, _gradient, _s, _pairY) = (origin, direction, trial, trialGradient, gradient, s, y);
    }

    /// <summary>trial ← origin + step·d and s ← trial − origin; keeps ‖trial‖² in <see cref="TrialSquaredNorm"/>.</summary>
    public void TrialPoint(T step)
    {
        _kind = Kind.TrialPoint;
        _a = step;
        TrialSquaredNorm = Run().S0;
    }

    /// <summary>y ← ∇f(trial) − g; returns ∇f(trial)ᵀd and keeps sᵀy, yᵀy and ‖∇f(trial)‖² in <see cref="Pair"/>.</summary>
    public double SlopeAndPair()
    {
        _kind = Kind.SlopeAndPair;
        DotSums sums = Run();
        Pair = (sums.S1, sums.S2, sums.S3);
        return sums.S0;
    }

    /// <summary>
    /// The inner products of each of the first <paramref name="count"/> vectors vⱼ with one or two partners, in one
    /// sweep that reads every vⱼ once: result[j·P + p] = vⱼᵀpartnerₚ, P = 2 when <paramref name="p1"/> is given,
    /// else 1. Each product has the fixed order of the other sweeps (chunks of <see cref="ChunkLength"/>, chunk sums
    /// in chunk order), so for one chunk it equals <see cref="VectorMath.DotDouble{T}"/>.
    /// </summary>
    /// <exception cref="ArgumentException">More vectors than the constructor's memory allows.</exception>
    public void HistoryDots(T[][] vectors, int count, T[] p0, T[]? p1, Span<double> result)
    {
        if (count > _maxVectors) throw new ArgumentException($"At most {_maxVectors} vectors (2·memory).", nameof(count));
        int partners = p1 is null ? 1 : 2;
        (_kind, _vectors, _vectorCount, _partnerCount, _z, _y) = (Kind.HistoryDots, vectors, count, partners, p0, p1 ?? []);
        Run();
        int stride = _maxVectors * 2;
        for (int k = 0; k < count * partners; k++)
        {
            int at = (k / partners) * 2 + k % partners;
            double sum = _multiPartials[at];
            for (int c = 1; c < _chunkCount; c++) sum += _multiPartials[c * stride + at];
            result[k] = sum;
        }
    }

    /// <summary>
    /// d ← c·g + Σⱼ aⱼ·vⱼ over the first <paramref name="count"/> vectors (each element summed in that order, see
    /// <see cref="CombinationSweep{T}"/>); returns gᵀd.
    /// </summary>
    public double Combine(T[] g, T c, T[][] vectors, T[] coefficients, int count, T[] d)
    {
        (_kind, _z, _a, _y, _vectors, _coefficients, _vectorCount) = (Kind.Combination, d, c, g, vectors, coefficients, count);
        return Run().S0;
    }

    /// <summary>The two-loop passes over z = d starting from q = g, the last one forming d = −H·g and returning gᵀd.</summary>
    public Passes TwoLoopPasses(T[] g, T[] d) => new(this, g, d);

    /// <inheritdoc/>
    public void RunChunk(int chunk, int worker)
    {
        int first = (int)((long)chunk * _chunkCount / _jobCount), end = (int)((long)(chunk + 1) * _chunkCount / _jobCount);
        for (int c = first; c < end; c++)
        {
            int start = c * ChunkLength;
            if (_kind == Kind.HistoryDots) HistoryDotsRange(c, start, Math.Min(_n, start + ChunkLength));
            else _partials[c] = RunRange(start, Math.Min(_n, start + ChunkLength));
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        // The threads belong to the process-wide pool (ChunkWorkerPool.Shared): nothing to release.
    }

    private double TwoLoop(Kind kind, T[] z, T a, T[] y, T h, T[] w)
    {
        (_kind, _z, _a, _y, _h, _w) = (kind, z, a, y, h, w);
        return Run().S0;
    }

    private DotSums Run()
    {
        if (_threads == 1) RunChunk(0, 0);
        else ChunkWorkerPool.Shared.Run(this, _jobCount, _threads);
        if (_kind == Kind.HistoryDots) return default;
        DotSums total = _partials[0];
        for (int c = 1; c < _chunkCount; c++) total.Add(_partials[c]);
        return total;
    }

    private DotSums RunRange(int start, int end) => _kind switch
    {
        Kind.Copy => Sweep<CopyUpdate>(start, end),
        Kind.NegatedCopy => Sweep<NegatedCopyUpdate>(start, end),
        Kind.Axpy => Sweep<AxpyUpdate>(start, end),
        Kind.AxpyScale => Sweep<AxpyScaleUpdate>(start, end),
        Kind.NegatedAxpy => Sweep<NegatedAxpyUpdate>(start, end),
        Kind.TrialPoint => TrialPointRange(start, end),
        Kind.Combination => CombinationRange(start, end),
        _ => SlopeAndPairRange(start, end),
    };

    /// <summary>Chunk <paramref name="chunk"/> of <see cref="HistoryDots"/>: every vector's chunk is streamed once while the partners' chunks stay in cache.</summary>
    private void HistoryDotsRange(int chunk, int start, int end)
    {
        Span<double> partials = _multiPartials.AsSpan(chunk * _maxVectors * 2, _vectorCount * 2);
        for (int j = 0; j < _vectorCount; j++)
        {
            DotSums sums = _partnerCount == 1 ? MultiDot<OnePartner>(_vectors[j], start, end) : MultiDot<TwoPartners>(_vectors[j], start, end);
            partials[2 * j] = sums.S0;
            partials[2 * j + 1] = sums.S1;
        }
    }

    private DotSums MultiDot<TPartners>(T[] v, int start, int end)
        where TPartners : struct, IPartnerCount
    {
        var sweep = new MultiDotSweep<T, TPartners>(v, _z, _y);
        return FusedSweep.Run<T, MultiDotSweep<T, TPartners>>(ref sweep, start, end);
    }

    private DotSums CombinationRange(int start, int end)
    {
        var sweep = new CombinationSweep<T>(_y, _a, _vectors.AsSpan(0, _vectorCount), _coefficients.AsSpan(0, _vectorCount), _z);
        return FusedSweep.Run<T, CombinationSweep<T>>(ref sweep, start, end);
    }

    private DotSums Sweep<TUpdate>(int start, int end)
        where TUpdate : struct, ITwoLoopUpdate
    {
        var sweep = new TwoLoopSweep<T, TUpdate>(_z, _a, _y, _h, _w);
        return FusedSweep.Run<T, TwoLoopSweep<T, TUpdate>>(ref sweep, start, end);
    }

    private DotSums TrialPointRange(int start, int end)
    {
        var sweep = new TrialPointSweep<T>(_origin, _a, _direction, _trial, _s);
        return FusedSweep.Run<T, TrialPointSweep<T>>(ref sweep, start, end);
    }

    private DotSums SlopeAndPairRange(int start, int end)
    {
        var sweep = new SlopeAndPairSweep<T>(_trialGradient, _gradient, _direction, _s, _pairY);
        return FusedSweep.Run<T, SlopeAndPairSweep<T>>(ref sweep, start, end);
    }

    /// <summary>The two-loop sweeps of the solver: z = d, q = g; <see cref="Finish"/> forms d = −(z + a·s) and returns gᵀd.</summary>
    internal readonly struct Passes(LbfgsSweeps<T> sweeps, T[] g, T[] d) : ITwoLoopPasses<T>
    {
        public double CopyDot(T[] w) => sweeps.TwoLoop(Kind.Copy, d, T.Zero, g, T.One, w);

        public double AxpyDot(T a, T[] y, T[] w) => sweeps.TwoLoop(Kind.Axpy, d, a, y, T.One, w);

        public double AxpyScaleDot(T a, T[] y, T h, T[] w) => sweeps.TwoLoop(Kind.AxpyScale, d, a, y, h, w);

        public double Finish(T a, T[] s) => sweeps.TwoLoop(Kind.NegatedAxpy, d, a, s, T.One, g);
    }
}
