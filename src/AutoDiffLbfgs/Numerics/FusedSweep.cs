using System.Numerics;
using System.Runtime.CompilerServices;

namespace AutoDiffLbfgs.Numerics;

/// <summary>Runs an <see cref="IFusedSweep{T}"/> over a range of elements.</summary>
internal static class FusedSweep
{
    /// <summary>
    /// Runs <paramref name="sweep"/> over [<paramref name="start"/>, <paramref name="end"/>) and returns its inner
    /// products over that range. The accumulation order is the one of <see cref="VectorMath.DotDouble{T}"/> applied to
    /// the range alone: for <see cref="double"/> four accumulators over blocks of four vectors, one more pass of whole
    /// vectors into the first, (a0 + a1) + (a2 + a3), lanes, then the scalar tail; for <see cref="float"/> each vector
    /// widened into a low and a high accumulator, their sum, lanes, then the tail.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DotSums Run<T, TSweep>(ref TSweep sweep, int start, int end)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TSweep : IFusedSweep<T>, allows ref struct
    {
        DotSums sums = default;
        nuint i = (nuint)start, last = (nuint)end;
        nuint width = (nuint)Vector<T>.Count;
        if (Vector.IsHardwareAccelerated && end - start >= Vector<T>.Count)
        {
            if (typeof(T) == typeof(double))
            {
                DotLanes a0 = default, a1 = default, a2 = default, a3 = default, unused = default;
                for (; i + 4 * width <= last; i += 4 * width)
                {
                    sweep.Vector(i, ref a0, ref unused);
                    sweep.Vector(i + width, ref a1, ref unused);
                    sweep.Vector(i + 2 * width, ref a2, ref unused);
                    sweep.Vector(i + 3 * width, ref a3, ref unused);
                }
                for (; i + width <= last; i += width) sweep.Vector(i, ref a0, ref unused);
                sums.S0 = Vector.Sum((a0.D0 + a1.D0) + (a2.D0 + a3.D0));
                if (TSweep.DotCount > 1) sums.S1 = Vector.Sum((a0.D1 + a1.D1) + (a2.D1 + a3.D1));
                if (TSweep.DotCount > 2) sums.S2 = Vector.Sum((a0.D2 + a1.D2) + (a2.D2 + a3.D2));
                if (TSweep.DotCount > 3) sums.S3 = Vector.Sum((a0.D3 + a1.D3) + (a2.D3 + a3.D3));
            }
            else
            {
                DotLanes low = default, high = default;
                for (; i + width <= last; i += width) sweep.Vector(i, ref low, ref high);
                sums.S0 = Vector.Sum(low.D0 + high.D0);
                if (TSweep.DotCount > 1) sums.S1 = Vector.Sum(low.D1 + high.D1);
                if (TSweep.DotCount > 2) sums.S2 = Vector.Sum(low.D2 + high.D2);
                if (TSweep.DotCount > 3) sums.S3 = Vector.Sum(low.D3 + high.D3);
            }
        }
        for (; i < last; i++) sweep.Scalar(i, ref sums);
        return sums;
    }
}
