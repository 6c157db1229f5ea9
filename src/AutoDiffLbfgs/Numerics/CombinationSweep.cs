using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AutoDiffLbfgs.Numerics;

/// <summary>
/// A linear combination formed in one pass, d ← c·g + Σⱼ aⱼ·vⱼ, with gᵀd in the same pass. Each element is summed in
/// <typeparamref name="T"/> in a fixed order (c·g first, then the terms in the order of the vectors), so every partial sum
/// stays in a register: each vⱼ and g is read once and d written once; gᵀd has the accumulator layout of
/// <see cref="VectorMath.DotDouble{T}"/>.
/// </summary>
/// <typeparam name="T"><see cref="double"/> or <see cref="float"/>.</typeparam>
internal ref struct CombinationSweep<T> : IFusedSweep<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ref T _g;
    private readonly ref T _d;
    private readonly ref T[] _vectors;
    private readonly ref T _coefficients;
    private readonly T _c;
    private readonly int _count;

    /// <summary>Describes the sweep.</summary>
    /// <param name="g">The first vector.</param>
    /// <param name="c">Its coefficient.</param>
    /// <param name="vectors">The vⱼ, each as long as g.</param>
    /// <param name="coefficients">The aⱼ, one per vector.</param>
    /// <param name="d">Receives the combination; as long as g.</param>
    /// <exception cref="ArgumentException">The lengths do not match.</exception>
    public CombinationSweep(ReadOnlySpan<T> g, T c, ReadOnlySpan<T[]> vectors, ReadOnlySpan<T> coefficients, Span<T> d)
    {
        if (g.Length != d.Length || coefficients.Length != vectors.Length) throw new ArgumentException("The lengths do not match.", nameof(vectors));
        foreach (T[] v in vectors)
        {
            if (v.Length != d.Length) throw new ArgumentException("The vectors must be as long as g.", nameof(vectors));
        }
        _g = ref MemoryMarshal.GetReference(g);
        _d = ref MemoryMarshal.GetReference(d);
        _vectors = ref MemoryMarshal.GetReference(vectors);
        _coefficients = ref MemoryMarshal.GetReference(coefficients);
        _c = c;
        _count = vectors.Length;
    }

    /// <inheritdoc/>
    public static int DotCount => 1;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Vector(nuint i, ref DotLanes low, ref DotLanes high)
    {
        Vector<T> g = System.Numerics.Vector.LoadUnsafe(ref _g, i);
        Vector<T> sum = new Vector<T>(_c) * g;
        for (int j = 0; j < _count; j++)
        {
            ref T v = ref MemoryMarshal.GetArrayDataReference(Unsafe.Add(ref _vectors, j));
            sum += new Vector<T>(Unsafe.Add(ref _coefficients, j)) * System.Numerics.Vector.LoadUnsafe(ref v, i);
        }
        sum.StoreUnsafe(ref _d, i);
        DotLanes.Add(ref low.D0, ref high.D0, g, sum);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Scalar(nuint i, ref DotSums sums)
    {
        T g = Unsafe.Add(ref _g, i);
        T sum = _c * g;
        for (int j = 0; j < _count; j++)
        {
            sum += Unsafe.Add(ref _coefficients, j) * Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Unsafe.Add(ref _vectors, j)), i);
        }
        Unsafe.Add(ref _d, i) = sum;
        DotLanes.Add(ref sums.S0, g, sum);
    }
}
