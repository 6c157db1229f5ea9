using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AutoDiffLbfgs.Numerics;

/// <summary>
/// Fused passes for the two-loop recursion in double precision: an axpy (optionally followed by a scale) and the dot
/// product of the updated vector with another, in one sweep over memory. Each result is bit-identical to the separate
/// <see cref="VectorMath.Axpy{T}"/>, <see cref="VectorMath.Scale{T}"/> and <see cref="VectorMath.Dot{T}"/> calls:
/// every element is rounded the same way and the dot uses the same accumulator layout (four vector accumulators over
/// blocks of four vectors, one more pass of whole vectors into the first, (a0 + a1) + (a2 + a3), lanes, scalar tail).
/// Fusing saves one read of the updated vector per pass, which is what bounds the recursion for large n.
/// </summary>
internal static class FusedKernels
{
    /// <summary>z ← z + a·y; returns wᵀz with the new z.</summary>
    public static double AxpyDot(double a, ReadOnlySpan<double> y, Span<double> z, ReadOnlySpan<double> w) =>
        Core(a, y, z, w, scale: 1, applyScale: false);

    /// <summary>z ← h·(z + a·y); returns wᵀz with the new z.</summary>
    public static double AxpyScaleDot(double a, ReadOnlySpan<double> y, double h, Span<double> z, ReadOnlySpan<double> w) =>
        Core(a, y, z, w, h, applyScale: true);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Core(double a, ReadOnlySpan<double> y, Span<double> z, ReadOnlySpan<double> w, double scale, bool applyScale)
    {
        if (y.Length != z.Length || w.Length != z.Length) throw new ArgumentException("The spans must have the same length.", nameof(z));
        ref double yr = ref MemoryMarshal.GetReference(y);
        ref double zr = ref MemoryMarshal.GetReference(z);
        ref double wr = ref MemoryMarshal.GetReference(w);
        int n = z.Length, i = 0;
        double sum = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            int width = Vector<double>.Count;
            var va = new Vector<double>(a);
            var vh = new Vector<double>(scale);
            Vector<double> a0 = Vector<double>.Zero, a1 = Vector<double>.Zero, a2 = Vector<double>.Zero, a3 = Vector<double>.Zero;
            for (; i <= n - 4 * width; i += 4 * width)
            {
                a0 += Vector.LoadUnsafe(ref wr, (nuint)i) * Update(ref yr, ref zr, i, va, vh, applyScale);
                a1 += Vector.LoadUnsafe(ref wr, (nuint)(i + width)) * Update(ref yr, ref zr, i + width, va, vh, applyScale);
                a2 += Vector.LoadUnsafe(ref wr, (nuint)(i + 2 * width)) * Update(ref yr, ref zr, i + 2 * width, va, vh, applyScale);
                a3 += Vector.LoadUnsafe(ref wr, (nuint)(i + 3 * width)) * Update(ref yr, ref zr, i + 3 * width, va, vh, applyScale);
            }
            for (; i <= n - width; i += width)
            {
                a0 += Vector.LoadUnsafe(ref wr, (nuint)i) * Update(ref yr, ref zr, i, va, vh, applyScale);
            }
            sum = Vector.Sum((a0 + a1) + (a2 + a3));
        }
        for (; i < n; i++)
        {
            double updated = Unsafe.Add(ref zr, i) + a * Unsafe.Add(ref yr, i);
            if (applyScale) updated = scale * updated;
            Unsafe.Add(ref zr, i) = updated;
            sum += Unsafe.Add(ref wr, i) * updated;
        }
        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> Update(ref double yr, ref double zr, int i, Vector<double> va, Vector<double> vh, bool applyScale)
    {
        var updated = Vector.LoadUnsafe(ref zr, (nuint)i) + va * Vector.LoadUnsafe(ref yr, (nuint)i);
        if (applyScale) updated = vh * updated;
        updated.StoreUnsafe(ref zr, (nuint)i);
        return updated;
    }
}
