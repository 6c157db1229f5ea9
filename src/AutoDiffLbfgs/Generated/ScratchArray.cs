using System.Buffers;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace AutoDiffLbfgs.Generated;

/// <summary>
/// The storage generated code reuses for a <i>per-iteration</i> local array: one the user declared outside a loop and
/// rewrites completely at the start of every iteration (a scratch vector of model code), which the generator treats
/// as declared inside the loop, a new array per pass, without allocating one per pass. Every <see cref="Take"/> hands
/// out the same rented array (grown when a longer one is asked for), so only one array taken from it may be in use at
/// a time, which the generator guarantees: a per-iteration array is dead when its iteration ends. Generated code owns
/// one per such array per call and disposes it in a <c>finally</c>.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public struct ScratchArray<T>
{
    private T[]? _array;

    /// <summary>
    /// The first <paramref name="length"/> elements of the rented array, holding whatever the last pass left there
    /// (generated code clears it when it needs zeros; a user's per-iteration array is written before it is read).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<T> Take(int length)
    {
        if (_array is null || _array.Length < length) Grow(length);
        return new Span<T>(_array, 0, length);
    }

    /// <summary>Returns the rented array to the pool.</summary>
    public void Dispose()
    {
        if (_array is not null) ArrayPool<T>.Shared.Return(_array);
        _array = null;
    }

    private void Grow(int length)
    {
        if (_array is not null) ArrayPool<T>.Shared.Return(_array);
        _array = ArrayPool<T>.Shared.Rent(length);
    }
}
