using System.Numerics;
using System.Runtime.CompilerServices;

namespace AutoDiffLbfgs.Numerics;

/// <summary>
/// One vector accumulator per inner product of a fused sweep (at most four), in double precision for both element
/// types. A sweep adds its terms with <see cref="Add{T}(ref Vector{double}, ref Vector{double}, Vector{T}, Vector{T})"/>,
/// which reproduces the accumulator layout of <see cref="VectorMath.DotDouble{T}"/>.
/// </summary>
internal struct DotLanes
{
    public Vector<double> D0, D1, D2, D3;

    /// <summary>
    /// Adds xᵀy of one vector: for <see cref="double"/> into <paramref name="low"/> (the driver picks the accumulator
    /// of the block); for <see cref="float"/> widened, the lower half into <paramref name="low"/> and the upper half into
    /// <paramref name="high"/>, as <see cref="VectorMath.DotDouble{T}"/> does.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Add<T>(ref Vector<double> low, ref Vector<double> high, Vector<T> x, Vector<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double))
        {
            low += x.As<T, double>() * y.As<T, double>();
        }
        else
        {
            Vector.Widen(x.As<T, float>(), out var xLow, out var xHigh);
            Vector.Widen(y.As<T, float>(), out var yLow, out var yHigh);
            low += xLow * yLow;
            high += xHigh * yHigh;
        }
    }

    /// <summary>Adds one scalar term xᵢ·yᵢ, formed in double (the tail of <see cref="VectorMath.DotDouble{T}"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Add<T>(ref double sum, T x, T y)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        sum += double.CreateTruncating(x) * double.CreateTruncating(y);
}
