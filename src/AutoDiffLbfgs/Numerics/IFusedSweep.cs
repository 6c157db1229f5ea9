using System.Numerics;

namespace AutoDiffLbfgs.Numerics;

/// <summary>
/// One element-wise pass over a few vectors that also forms up to four inner products of the values it reads or
/// writes, so that each quantity is computed in the sweep that already touches its data. <see cref="FusedSweep"/>
/// drives it over a range with the accumulator layout of <see cref="VectorMath.DotDouble{T}"/>, so every element and
/// every inner product is bit-identical to the separate kernels.
/// </summary>
/// <typeparam name="T"><see cref="double"/> or <see cref="float"/>.</typeparam>
internal interface IFusedSweep<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>How many inner products the sweep forms, 1 to 4 (<see cref="DotSums.S0"/> onwards).</summary>
    static abstract int DotCount { get; }

    /// <summary>Processes the <see cref="Vector{T}.Count"/> elements from <paramref name="i"/>, adding each inner product's terms with <see cref="DotLanes.Add{T}(ref Vector{double}, ref Vector{double}, Vector{T}, Vector{T})"/> to the field of its number.</summary>
    void Vector(nuint i, ref DotLanes low, ref DotLanes high);

    /// <summary>Processes element <paramref name="i"/>, adding its terms to <paramref name="sums"/>.</summary>
    void Scalar(nuint i, ref DotSums sums);
}
