using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AutoDiffLbfgs.Numerics;

/// <summary>
/// Dense vector kernels over <see cref="Vector{T}"/> with a scalar tail and a scalar fallback, for
/// <see cref="double"/> and <see cref="float"/>.
/// </summary>
/// <remarks>
/// Reductions use a fixed order: four vector accumulators over blocks of four vectors, one more pass of whole
/// vectors into the first accumulator, the accumulators combined as (a0 + a1) + (a2 + a3), the lanes summed, then
/// the scalar tail added left to right (<see cref="DotDouble{T}"/> on <see cref="float"/> widens each vector into two
/// double accumulators instead). The order depends only on the length and on <see cref="Vector{T}.Count"/>,
/// so a run is bit-reproducible on one machine. Reductions are never realigned to the address of the data, because
/// that would make the result depend on where the allocator placed the array. Spans passed to one call must either
/// be the same memory or not overlap at all.
/// </remarks>
public static class VectorMath
{
    /// <summary>Returns xᵀy, accumulated in <typeparamref name="T"/>. Both spans must have the same length.</summary>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static T Dot<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x.Length != y.Length) ThrowLengthMismatch(nameof(y));
        return DotCore(ref MemoryMarshal.GetReference(x), ref MemoryMarshal.GetReference(y), x.Length);
    }

    /// <summary>
    /// Returns xᵀy as a <see cref="double"/>. For <see cref="float"/> inputs every product and the sum are formed
    /// in double precision (the inputs are widened first), which is how the solvers keep ρ, αᵢ and norms in
    /// double; for <see cref="double"/> it equals <see cref="Dot{T}"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static double DotDouble<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x.Length != y.Length) ThrowLengthMismatch(nameof(y));
        if (typeof(T) == typeof(double))
        {
            return DotCore(
                ref Unsafe.As<T, double>(ref MemoryMarshal.GetReference(x)),
                ref Unsafe.As<T, double>(ref MemoryMarshal.GetReference(y)),
                x.Length);
        }
        if (typeof(T) == typeof(float))
        {
            return DotWidened(
                ref Unsafe.As<T, float>(ref MemoryMarshal.GetReference(x)),
                ref Unsafe.As<T, float>(ref MemoryMarshal.GetReference(y)),
                x.Length);
        }
        double sum = 0;
        for (int i = 0; i < x.Length; i++) sum += double.CreateTruncating(x[i]) * double.CreateTruncating(y[i]);
        return sum;
    }

    /// <summary>y ← y + a·x. Both spans must have the same length; they may be the same memory.</summary>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static void Axpy<T>(T a, ReadOnlySpan<T> x, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x.Length != y.Length) ThrowLengthMismatch(nameof(y));
        ref T xr = ref MemoryMarshal.GetReference(x);
        ref T yr = ref MemoryMarshal.GetReference(y);
        int n = x.Length, i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<T>.Count)
        {
            var va = new Vector<T>(a);
            for (; i <= n - Vector<T>.Count; i += Vector<T>.Count)
            {
                (Vector.LoadUnsafe(ref yr, (nuint)i) + va * Vector.LoadUnsafe(ref xr, (nuint)i)).StoreUnsafe(ref yr, (nuint)i);
            }
        }
        for (; i < n; i++) Unsafe.Add(ref yr, i) += a * Unsafe.Add(ref xr, i);
    }

    /// <summary>
    /// destination ← x + a·y (element by element, the same rounding as <see cref="Axpy{T}"/>). All spans must have
    /// the same length; <paramref name="destination"/> may be the same memory as <paramref name="x"/> or
    /// <paramref name="y"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static void AddScaled<T>(ReadOnlySpan<T> x, T a, ReadOnlySpan<T> y, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x.Length != y.Length) ThrowLengthMismatch(nameof(y));
        if (x.Length != destination.Length) ThrowLengthMismatch(nameof(destination));
        ref T xr = ref MemoryMarshal.GetReference(x);
        ref T yr = ref MemoryMarshal.GetReference(y);
        ref T dr = ref MemoryMarshal.GetReference(destination);
        int n = x.Length, i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<T>.Count)
        {
            var va = new Vector<T>(a);
            for (; i <= n - Vector<T>.Count; i += Vector<T>.Count)
            {
                (Vector.LoadUnsafe(ref xr, (nuint)i) + va * Vector.LoadUnsafe(ref yr, (nuint)i)).StoreUnsafe(ref dr, (nuint)i);
            }
        }
        for (; i < n; i++) Unsafe.Add(ref dr, i) = Unsafe.Add(ref xr, i) + a * Unsafe.Add(ref yr, i);
    }

    /// <summary>destination ← x − y. All spans must have the same length.</summary>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static void Subtract<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x.Length != y.Length) ThrowLengthMismatch(nameof(y));
        if (x.Length != destination.Length) ThrowLengthMismatch(nameof(destination));
        ref T xr = ref MemoryMarshal.GetReference(x);
        ref T yr = ref MemoryMarshal.GetReference(y);
        ref T dr = ref MemoryMarshal.GetReference(destination);
        int n = x.Length, i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<T>.Count)
        {
            for (; i <= n - Vector<T>.Count; i += Vector<T>.Count)
            {
                (Vector.LoadUnsafe(ref xr, (nuint)i) - Vector.LoadUnsafe(ref yr, (nuint)i)).StoreUnsafe(ref dr, (nuint)i);
            }
        }
        for (; i < n; i++) Unsafe.Add(ref dr, i) = Unsafe.Add(ref xr, i) - Unsafe.Add(ref yr, i);
    }

    /// <summary>destination ← x ⊙ y (elementwise product). All spans must have the same length.</summary>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static void Multiply<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x.Length != y.Length) ThrowLengthMismatch(nameof(y));
        if (x.Length != destination.Length) ThrowLengthMismatch(nameof(destination));
        ref T xr = ref MemoryMarshal.GetReference(x);
        ref T yr = ref MemoryMarshal.GetReference(y);
        ref T dr = ref MemoryMarshal.GetReference(destination);
        int n = x.Length, i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<T>.Count)
        {
            for (; i <= n - Vector<T>.Count; i += Vector<T>.Count)
            {
                (Vector.LoadUnsafe(ref xr, (nuint)i) * Vector.LoadUnsafe(ref yr, (nuint)i)).StoreUnsafe(ref dr, (nuint)i);
            }
        }
        for (; i < n; i++) Unsafe.Add(ref dr, i) = Unsafe.Add(ref xr, i) * Unsafe.Add(ref yr, i);
    }

    /// <summary>x ← a·x.</summary>
    public static void Scale<T>(T a, Span<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T xr = ref MemoryMarshal.GetReference(x);
        int n = x.Length, i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<T>.Count)
        {
            var va = new Vector<T>(a);
            for (; i <= n - Vector<T>.Count; i += Vector<T>.Count)
            {
                (va * Vector.LoadUnsafe(ref xr, (nuint)i)).StoreUnsafe(ref xr, (nuint)i);
            }
        }
        for (; i < n; i++) Unsafe.Add(ref xr, i) *= a;
    }

    /// <summary>Returns the Euclidean norm ‖x‖₂ computed as √(xᵀx) in <typeparamref name="T"/> (may overflow or underflow for extreme entries; see <see cref="Norm2Double{T}(ReadOnlySpan{T})"/>).</summary>
    public static T Norm2<T>(ReadOnlySpan<T> x)
        where T : unmanaged, IFloatingPointIeee754<T> => T.Sqrt(Dot(x, x));

    /// <summary>
    /// Returns ‖x‖₂ in double precision without spurious overflow or underflow: when √(xᵀx) is not a normal
    /// positive number the sum is recomputed with every entry divided by ‖x‖∞. NaN if any entry is NaN, +∞ if any
    /// entry is infinite.
    /// </summary>
    public static double Norm2Double<T>(ReadOnlySpan<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        return Norm2Double(x, DotDouble(x, x));
    }

    /// <summary>
    /// <see cref="Norm2Double{T}(ReadOnlySpan{T})"/> when xᵀx is already known (formed by a fused sweep in the same
    /// order as <see cref="DotDouble{T}"/>): √(xᵀx) when that is a normal number, otherwise the scaled recomputation.
    /// </summary>
    internal static double Norm2Double<T>(ReadOnlySpan<T> x, double sumOfSquares)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (double.IsNormal(sumOfSquares) && double.IsFinite(sumOfSquares)) return Math.Sqrt(sumOfSquares);
        double largest = double.CreateTruncating(NormInf(x));
        if (largest == 0 || !double.IsFinite(largest)) return largest;
        double inverse = 1 / largest, scaled = 0;
        foreach (T v in x)
        {
            double t = double.CreateTruncating(v) * inverse;
            scaled += t * t;
        }
        return largest * Math.Sqrt(scaled);
    }

    /// <summary>Returns the maximum norm ‖x‖∞ = maxᵢ |xᵢ|; zero for an empty span; NaN if any entry is NaN.</summary>
    public static T NormInf<T>(ReadOnlySpan<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T xr = ref MemoryMarshal.GetReference(x);
        int n = x.Length, i = 0;
        T max = T.Zero;
        bool nan = false;
        if (Vector.IsHardwareAccelerated && n >= Vector<T>.Count)
        {
            var vmax = Vector<T>.Zero;
            var notNumber = Vector<T>.Zero;
            for (; i <= n - Vector<T>.Count; i += Vector<T>.Count)
            {
                var v = Vector.LoadUnsafe(ref xr, (nuint)i);
                vmax = Vector.Max(vmax, Vector.Abs(v));
                // A NaN lane fails v == v; the mask bits are collected apart so Max's NaN rule does not matter.
                notNumber |= ~Vector.Equals(v, v);
            }
            nan = notNumber != Vector<T>.Zero;
            for (int lane = 0; lane < Vector<T>.Count; lane++) max = T.Max(max, vmax[lane]);
        }
        for (; i < n; i++)
        {
            T a = T.Abs(Unsafe.Add(ref xr, i));
            if (T.IsNaN(a)) nan = true;
            else if (a > max) max = a;
        }
        return nan ? T.NaN : max;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T DotCore<T>(ref T xr, ref T yr, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        T sum = T.Zero;
        if (Vector.IsHardwareAccelerated && n >= Vector<T>.Count)
        {
            int w = Vector<T>.Count;
            Vector<T> a0 = Vector<T>.Zero, a1 = Vector<T>.Zero, a2 = Vector<T>.Zero, a3 = Vector<T>.Zero;
            for (; i <= n - 4 * w; i += 4 * w)
            {
                a0 += Vector.LoadUnsafe(ref xr, (nuint)i) * Vector.LoadUnsafe(ref yr, (nuint)i);
                a1 += Vector.LoadUnsafe(ref xr, (nuint)(i + w)) * Vector.LoadUnsafe(ref yr, (nuint)(i + w));
                a2 += Vector.LoadUnsafe(ref xr, (nuint)(i + 2 * w)) * Vector.LoadUnsafe(ref yr, (nuint)(i + 2 * w));
                a3 += Vector.LoadUnsafe(ref xr, (nuint)(i + 3 * w)) * Vector.LoadUnsafe(ref yr, (nuint)(i + 3 * w));
            }
            for (; i <= n - w; i += w)
            {
                a0 += Vector.LoadUnsafe(ref xr, (nuint)i) * Vector.LoadUnsafe(ref yr, (nuint)i);
            }
            sum = Vector.Sum((a0 + a1) + (a2 + a3));
        }
        for (; i < n; i++) sum += Unsafe.Add(ref xr, i) * Unsafe.Add(ref yr, i);
        return sum;
    }

    private static double DotWidened(ref float xr, ref float yr, int n)
    {
        int i = 0;
        double sum = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<float>.Count)
        {
            int w = Vector<float>.Count;
            Vector<double> a0 = Vector<double>.Zero, a1 = Vector<double>.Zero;
            for (; i <= n - w; i += w)
            {
                Vector.Widen(Vector.LoadUnsafe(ref xr, (nuint)i), out var xLow, out var xHigh);
                Vector.Widen(Vector.LoadUnsafe(ref yr, (nuint)i), out var yLow, out var yHigh);
                a0 += xLow * yLow;
                a1 += xHigh * yHigh;
            }
            sum = Vector.Sum(a0 + a1);
        }
        for (; i < n; i++) sum += (double)Unsafe.Add(ref xr, i) * Unsafe.Add(ref yr, i);
        return sum;
    }

    private static void ThrowLengthMismatch(string name) =>
        throw new ArgumentException("The spans must have the same length.", name);
}
