using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AutoDiffLbfgs.Numerics;

/// <summary>
/// The line search's trial point and the step of the candidate correction pair in one pass:
/// trial ← x + a·d, s ← trial − x, and trialᵀtrial (for the relative gradient test at the trial point). The elements
/// equal <see cref="VectorMath.AddScaled{T}"/> and <see cref="VectorMath.Subtract{T}"/>, the sum
/// <see cref="VectorMath.DotDouble{T}"/>(trial, trial).
/// </summary>
/// <typeparam name="T"><see cref="double"/> or <see cref="float"/>.</typeparam>
internal ref struct TrialPointSweep<T> : IFusedSweep<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ref T _x;
    private readonly ref T _d;
    private readonly ref T _trial;
    private readonly ref T _s;
    private readonly T _a;

    /// <summary>Describes the sweep.</summary>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public TrialPointSweep(ReadOnlySpan<T> x, T a, ReadOnlySpan<T> d, Span<T> trial, Span<T> s)
    {
        if (d.Length != x.Length || trial.Length != x.Length || s.Length != x.Length) throw new ArgumentException("The spans must have the same length.", nameof(x));
        _x = ref MemoryMarshal.GetReference(x);
        _d = ref MemoryMarshal.GetReference(d);
        _trial = ref MemoryMarshal.GetReference(trial);
        _s = ref MemoryMarshal.GetReference(s);
        _a = a;
    }

    /// <inheritdoc/>
    public static int DotCount => 1;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Vector(nuint i, ref DotLanes low, ref DotLanes high)
    {
        Vector<T> x = System.Numerics.Vector.LoadUnsafe(ref _x, i);
        Vector<T> trial = x + new Vector<T>(_a) * System.Numerics.Vector.LoadUnsafe(ref _d, i);
        trial.StoreUnsafe(ref _trial, i);
        (trial - x).StoreUnsafe(ref _s, i);
        DotLanes.Add(ref low.D0, ref high.D0, trial, trial);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Scalar(nuint i, ref DotSums sums)
    {
        T x = Unsafe.Add(ref _x, i);
        T trial = x + _a * Unsafe.Add(ref _d, i);
        Unsafe.Add(ref _trial, i) = trial;
        Unsafe.Add(ref _s, i) = trial - x;
        DotLanes.Add(ref sums.S0, trial, trial);
    }
}
