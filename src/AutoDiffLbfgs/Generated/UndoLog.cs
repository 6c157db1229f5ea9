using System.Buffers;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace AutoDiffLbfgs.Generated;

/// <summary>
/// The undo log generated gradient code keeps for a local array whose elements are overwritten (<c>r[i] += …</c>, a
/// recurrence, a refill per pass): before every write it records the element's index and old value, so the reverse
/// sweep can put the array back as it was at any earlier point (<see cref="Undo"/> to a <see cref="Count"/> taken
/// then). Entries live in arrays rented from <see cref="ArrayPool{T}.Shared"/>, so a call allocates nothing in steady
/// state. Generated code owns one per overwritten array per call and disposes it in a <c>finally</c>.
/// </summary>
/// <typeparam name="T">The element type of the array.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public struct UndoLog<T>
{
    private T[]? _values;
    private int[]? _indices;
    private int _count;

    /// <summary>The number of writes recorded and not undone: a mark for <see cref="Undo"/>.</summary>
    public readonly int Count => _count;

    /// <summary>Records <c>array[index]</c> before a write changes it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Record(Span<T> array, int index)
    {
        if (_values is null || _count == _values.Length) Grow();
        _values![_count] = array[index];
        _indices![_count] = index;
        _count++;
    }

    /// <summary>Undoes, last first, every write recorded after the log held <paramref name="mark"/> entries.</summary>
    public void Undo(Span<T> array, int mark)
    {
        while (_count > mark)
        {
            _count--;
            array[_indices![_count]] = _values![_count];
        }
    }

    /// <summary>Returns the rented arrays to the pool.</summary>
    public void Dispose()
    {
        if (_values is not null) ArrayPool<T>.Shared.Return(_values);
        if (_indices is not null) ArrayPool<int>.Shared.Return(_indices);
        _values = null;
        _indices = null;
        _count = 0;
    }

    private void Grow()
    {
        int size = Math.Max(256, _count * 2);
        var values = ArrayPool<T>.Shared.Rent(size);
        var indices = ArrayPool<int>.Shared.Rent(size);
        if (_values is not null)
        {
            Array.Copy(_values, values, _count);
            Array.Copy(_indices!, indices, _count);
            ArrayPool<T>.Shared.Return(_values);
            ArrayPool<int>.Shared.Return(_indices!);
        }
        _values = values;
        _indices = indices;
    }
}
