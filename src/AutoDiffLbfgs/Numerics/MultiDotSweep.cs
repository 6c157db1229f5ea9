using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AutoDiffLbfgs.Numerics;

/// <summary>How many partner vectors a <see cref="MultiDotSweep{T, TPartners}"/> has (1 or 2); a static count, so each kind compiles without branches.</summary>
internal interface IPartnerCount
{
    /// <summary>The number of partners.</summary>
    static abstract int Count { get; }
}

/// <summary>One partner.</summary>
internal readonly struct OnePartner : IPartnerCount
{
    public static int Count => 1;
}

/// <summary>Two partners.</summary>
internal readonly struct TwoPartners : IPartnerCount
{
    public static int Count => 2;
}

/// <summary>
/// The inner products of one vector v with one or two partner vectors in one pass, Sₚ = vᵀpartnerₚ, each equal to
/// <see cref="VectorMath.DotDouble{T}"/>(v, partnerₚ) over the range. The blocked direction streams every history
/// vector through it once per chunk while the partners' chunks (the gradient and the newest y) stay in cache.
/// </summary>
/// <typeparam name="T"><see cref="double"/> or <see cref="float"/>.</typeparam>
/// <typeparam name="TPartners">How many of the partners are used.</typeparam>
internal ref struct MultiDotSweep<T, TPartners> : IFusedSweep<T>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TPartners : struct, IPartnerCount
{
    private readonly ref T _v;
    private readonly ref T _p0;
    private readonly ref T _p1;

    /// <summary>Describes the sweep; the partners beyond <typeparamref name="TPartners"/>'s count are not read.</summary>
    /// <exception cref="ArgumentException">A used partner's length differs from v's.</exception>
    public MultiDotSweep(ReadOnlySpan<T> v, ReadOnlySpan<T> p0, ReadOnlySpan<T> p1)
    {
        if (p0.Length != v.Length || (TPartners.Count > 1 && p1.Length != v.Length))
        {
            throw new ArgumentException("The spans must have the same length.", nameof(v));
        }
        _v = ref MemoryMarshal.GetReference(v);
        _p0 = ref MemoryMarshal.GetReference(p0);
        _p1 = ref MemoryMarshal.GetReference(p1);
    }

    /// <inheritdoc/>
    public static int DotCount => TPartners.Count;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Vector(nuint i, ref DotLanes low, ref DotLanes high)
    {
        Vector<T> v = System.Numerics.Vector.LoadUnsafe(ref _v, i);
        DotLanes.Add(ref low.D0, ref high.D0, v, System.Numerics.Vector.LoadUnsafe(ref _p0, i));
        if (TPartners.Count > 1) DotLanes.Add(ref low.D1, ref high.D1, v, System.Numerics.Vector.LoadUnsafe(ref _p1, i));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Scalar(nuint i, ref DotSums sums)
    {
        T v = Unsafe.Add(ref _v, i);
        DotLanes.Add(ref sums.S0, v, Unsafe.Add(ref _p0, i));
        if (TPartners.Count > 1) DotLanes.Add(ref sums.S1, v, Unsafe.Add(ref _p1, i));
    }
}
