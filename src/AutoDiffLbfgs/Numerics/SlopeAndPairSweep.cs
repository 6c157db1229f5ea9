using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AutoDiffLbfgs.Numerics;

/// <summary>
/// Everything the solver needs from a trial gradient g⁺, in one pass: y ← g⁺ − g (the candidate pair's gradient
/// change) and the four inner products S0 = g⁺ᵀd (the line search's slope φ′(α)), S1 = sᵀy, S2 = yᵀy and
/// S3 = g⁺ᵀg⁺ (for ‖∇f‖). Each equals the separate <see cref="VectorMath.Subtract{T}"/> and
/// <see cref="VectorMath.DotDouble{T}"/>.
/// </summary>
/// <typeparam name="T"><see cref="double"/> or <see cref="float"/>.</typeparam>
internal ref struct SlopeAndPairSweep<T> : IFusedSweep<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ref T _trialGradient;
    private readonly ref T _gradient;
    private readonly ref T _d;
    private readonly ref T _s;
    private readonly ref T _y;

    /// <summary>Describes the sweep.</summary>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public SlopeAndPairSweep(ReadOnlySpan<T> trialGradient, ReadOnlySpan<T> gradient, ReadOnlySpan<T> d, ReadOnlySpan<T> s, Span<T> y)
    {
        int n = trialGradient.Length;
        if (gradient.Length != n || d.Length != n || s.Length != n || y.Length != n) throw new ArgumentException("The spans must have the same length.", nameof(trialGradient));
        _trialGradient = ref MemoryMarshal.GetReference(trialGradient);
        _gradient = ref MemoryMarshal.GetReference(gradient);
        _d = ref MemoryMarshal.GetReference(d);
        _s = ref MemoryMarshal.GetReference(s);
        _y = ref MemoryMarshal.GetReference(y);
    }

    /// <inheritdoc/>
    public static int DotCount => 4;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Vector(nuint i, ref DotLanes low, ref DotLanes high)
    {
        Vector<T> g = System.Numerics.Vector.LoadUnsafe(ref _trialGradient, i);
        Vector<T> y = g - System.Numerics.Vector.LoadUnsafe(ref _gradient, i);
        y.StoreUnsafe(ref _y, i);
        DotLanes.Add(ref low.D0, ref high.D0, g, System.Numerics.Vector.LoadUnsafe(ref _d, i));
        DotLanes.Add(ref low.D1, ref high.D1, System.Numerics.Vector.LoadUnsafe(ref _s, i), y);
        DotLanes.Add(ref low.D2, ref high.D2, y, y);
        DotLanes.Add(ref low.D3, ref high.D3, g, g);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Scalar(nuint i, ref DotSums sums)
    {
        T g = Unsafe.Add(ref _trialGradient, i);
        T y = g - Unsafe.Add(ref _gradient, i);
        Unsafe.Add(ref _y, i) = y;
        DotLanes.Add(ref sums.S0, g, Unsafe.Add(ref _d, i));
        DotLanes.Add(ref sums.S1, Unsafe.Add(ref _s, i), y);
        DotLanes.Add(ref sums.S2, y, y);
        DotLanes.Add(ref sums.S3, g, g);
    }
}
