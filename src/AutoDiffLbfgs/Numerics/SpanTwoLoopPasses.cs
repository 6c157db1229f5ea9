using System.Numerics;

namespace AutoDiffLbfgs.Numerics;

/// <summary>
/// The two-loop sweeps over spans in one range (the order of <see cref="VectorMath.DotDouble{T}"/> over the whole
/// vector): what <see cref="LbfgsHistory{T}.ApplyInverseHessian"/> runs. The last update is a plain axpy.
/// </summary>
internal readonly ref struct SpanTwoLoopPasses<T>(ReadOnlySpan<T> q, Span<T> z) : ITwoLoopPasses<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ReadOnlySpan<T> _q = q;
    private readonly Span<T> _z = z;

    public double CopyDot(T[] w) => Sweep<CopyUpdate>(T.Zero, _q, T.One, w);

    public double AxpyDot(T a, T[] y, T[] w) => Sweep<AxpyUpdate>(a, y, T.One, w);

    public double AxpyScaleDot(T a, T[] y, T h, T[] w) => Sweep<AxpyScaleUpdate>(a, y, h, w);

    public double Finish(T a, T[] s)
    {
        VectorMath.Axpy(a, s, _z);
        return 0;
    }

    private double Sweep<TUpdate>(T a, ReadOnlySpan<T> y, T h, ReadOnlySpan<T> w)
        where TUpdate : struct, ITwoLoopUpdate
    {
        var sweep = new TwoLoopSweep<T, TUpdate>(_z, a, y, h, w);
        return FusedSweep.Run<T, TwoLoopSweep<T, TUpdate>>(ref sweep, 0, _z.Length).S0;
    }
}
