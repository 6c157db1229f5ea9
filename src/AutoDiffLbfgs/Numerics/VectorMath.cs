using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AutoDiffLbfgs.Numerics;

/// <summary>
/// Dense vector kernels over <see cref="Vector{T}"/> with a scalar tail, for <see cref="double"/> and
/// <see cref="float"/>. Reductions keep a fixed order (vector lanes, then lanes summed left to right, then the
/// tail) so a run is bit-reproducible on one machine.
/// </summary>
public static class VectorMath
{
    /// <summary>Returns xᵀy. Both spans must have the same length.</summary>
    public static T Dot<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x.Length != y.Length) ThrowLengthMismatch(nameof(y));
        ref T xr = ref MemoryMarshal.GetReference(x);
        ref T yr = ref MemoryMarshal.GetReference(y);
        int n = x.Length, i = 0;
        T sum = T.Zero;
        if (Vector.IsHardwareAccelerated && n >= Vector<T>.Count)
        {
            var acc = Vector<T>.Zero;
            for (; i <= n - Vector<T>.Count; i += Vector<T>.Count)
            {
                acc += Vector.LoadUnsafe(ref xr, (nuint)i) * Vector.LoadUnsafe(ref yr, (nuint)i);
            }
            sum = Vector.Sum(acc);
        }
        for (; i < n; i++) sum += Unsafe.Add(ref xr, i) * Unsafe.Add(ref yr, i);
        return sum;
    }

    /// <summary>y ← y + a·x.</summary>
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

    /// <summary>Returns the Euclidean norm ‖x‖₂ (computed as √(xᵀx)).</summary>
    public static T Norm2<T>(ReadOnlySpan<T> x)
        where T : unmanaged, IFloatingPointIeee754<T> => T.Sqrt(Dot(x, x));

    /// <summary>Returns the maximum norm ‖x‖∞; NaN if any entry is NaN.</summary>
    public static T NormInf<T>(ReadOnlySpan<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T m = T.Zero;
        foreach (T v in x)
        {
            T a = T.Abs(v);
            if (a > m || T.IsNaN(a)) m = a;
            if (T.IsNaN(m)) return m;
        }
        return m;
    }

    private static void ThrowLengthMismatch(string name) =>
        throw new ArgumentException("The spans must have the same length.", name);
}
