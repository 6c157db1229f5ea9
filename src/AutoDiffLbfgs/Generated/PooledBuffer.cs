using System.Buffers;
using System.ComponentModel;

namespace AutoDiffLbfgs.Generated;

/// <summary>
/// A zeroed scratch array rented from <see cref="ArrayPool{T}.Shared"/> for the adjoint and tangent copies of a
/// user's local array in generated code, so a derivative call allocates no more than the user's own method does.
/// Generated code declares it with <c>using var</c>, which returns the array when the scope ends.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public ref struct PooledBuffer<T>
{
    private T[]? _array;
    private readonly int _length;

    /// <summary>Rents an array of at least <paramref name="length"/> elements and zeroes the first <paramref name="length"/>.</summary>
    public PooledBuffer(int length)
    {
        _length = length;
        _array = ArrayPool<T>.Shared.Rent(length);
        Array.Clear(_array, 0, length);
    }

    /// <summary>The <c>length</c> zeroed elements.</summary>
    public readonly Span<T> Span => _array.AsSpan(0, _length);

    /// <summary>Returns the array to the pool.</summary>
    public void Dispose()
    {
        if (_array is not null) ArrayPool<T>.Shared.Return(_array);
        _array = null;
    }
}
