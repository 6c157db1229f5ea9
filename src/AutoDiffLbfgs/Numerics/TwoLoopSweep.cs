using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AutoDiffLbfgs.Numerics;

/// <summary>
/// One sweep of the two-loop recursion: z is updated as <typeparamref name="TUpdate"/> says and wᵀz is formed with
/// the new z in the same pass, so the recursion makes 2m + 1 sweeps over z instead of 4m. Each element is rounded as
/// by the separate <see cref="VectorMath.Axpy{T}"/>, <see cref="VectorMath.Scale{T}"/> and copy, and the inner
/// product equals <see cref="VectorMath.DotDouble{T}"/>(w, z) (negation is exact, so −(…) changes no rounding).
/// </summary>
/// <typeparam name="T"><see cref="double"/> or <see cref="float"/>.</typeparam>
/// <typeparam name="TUpdate">The update kind.</typeparam>
internal ref struct TwoLoopSweep<T, TUpdate> : IFusedSweep<T>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TUpdate : struct, ITwoLoopUpdate
{
    private readonly ref T _z;
    private readonly ref T _y;
    private readonly ref T _w;
    private readonly T _a;
    private readonly T _h;

    /// <summary>Describes the sweep; <paramref name="y"/> is the source for a copy and the axpy operand otherwise.</summary>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public TwoLoopSweep(Span<T> z, T a, ReadOnlySpan<T> y, T h, ReadOnlySpan<T> w)
    {
        if (y.Length != z.Length || w.Length != z.Length) throw new ArgumentException("The spans must have the same length.", nameof(z));
        _z = ref MemoryMarshal.GetReference(z);
        _y = ref MemoryMarshal.GetReference(y);
        _w = ref MemoryMarshal.GetReference(w);
        _a = a;
        _h = h;
    }

    /// <inheritdoc/>
    public static int DotCount => 1;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Vector(nuint i, ref DotLanes low, ref DotLanes high)
    {
        Vector<T> updated = TUpdate.FromSource
            ? System.Numerics.Vector.LoadUnsafe(ref _y, i)
            : System.Numerics.Vector.LoadUnsafe(ref _z, i) + new Vector<T>(_a) * System.Numerics.Vector.LoadUnsafe(ref _y, i);
        if (TUpdate.Scale) updated = new Vector<T>(_h) * updated;
        if (TUpdate.Negate) updated = -updated;
        updated.StoreUnsafe(ref _z, i);
        DotLanes.Add(ref low.D0, ref high.D0, System.Numerics.Vector.LoadUnsafe(ref _w, i), updated);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Scalar(nuint i, ref DotSums sums)
    {
        T updated = TUpdate.FromSource ? Unsafe.Add(ref _y, i) : Unsafe.Add(ref _z, i) + _a * Unsafe.Add(ref _y, i);
        if (TUpdate.Scale) updated = _h * updated;
        if (TUpdate.Negate) updated = -updated;
        Unsafe.Add(ref _z, i) = updated;
        DotLanes.Add(ref sums.S0, Unsafe.Add(ref _w, i), updated);
    }
}
