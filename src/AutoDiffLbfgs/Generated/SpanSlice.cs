using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace AutoDiffLbfgs.Generated;

/// <summary>
/// The bounds check of a slice taken in an objective body. Generated code does not build the slice: it reads the
/// slice's base at shifted indices. So it checks the start and length here, once where the slice is taken, as
/// <see cref="Span{T}.Slice(int, int)"/> would, and a slice out of range throws in the gradient and the
/// Hessian-vector product as it does in the method itself.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SpanSlice
{
    /// <summary>
    /// Returns <paramref name="start"/> when <c>[start, start + length)</c> lies within a base of
    /// <paramref name="baseLength"/> elements; otherwise throws <see cref="ArgumentOutOfRangeException"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Start(int start, int length, int baseLength)
    {
        if ((ulong)(uint)start + (uint)length > (uint)baseLength) Throw(start, length, baseLength);
        return start;
    }

    private static void Throw(int start, int length, int baseLength) =>
        throw new ArgumentOutOfRangeException(nameof(start),
            $"The slice starting at {start} with {length} elements does not fit in a span of {baseLength} elements.");
}
