using System.Buffers;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace AutoDiffLbfgs.Generated;

/// <summary>
/// The stack generated gradient code uses to record the loop-carried state of loops whose reverse sweep cannot
/// recompute it (e.g. <c>p *= …</c>, Horner's <c>y = y * t + c[k]</c>). Values and indices live in two stacks of
/// arrays rented from <see cref="ArrayPool{T}.Shared"/>, so a call allocates nothing in steady state and calls on
/// different threads never share a tape. Generated code owns one per call and disposes it in a <c>finally</c>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public ref struct GradientTape
{
    private double[]? _values;
    private long[]? _indices;
    private int _valueCount;
    private int _indexCount;

    /// <summary>Pushes a floating-point value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void PushValue(double value)
    {
        if (_values is null || _valueCount == _values.Length) Grow(ref _values, _valueCount);
        _values![_valueCount++] = value;
    }

    /// <summary>Pops the most recently pushed floating-point value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double PopValue() => _values![--_valueCount];

    /// <summary>Pushes an integer (loop counters, flags).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void PushIndex(long value)
    {
        if (_indices is null || _indexCount == _indices.Length) Grow(ref _indices, _indexCount);
        _indices![_indexCount++] = value;
    }

    /// <summary>Pops the most recently pushed integer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long PopIndex() => _indices![--_indexCount];

    /// <summary>Returns the rented arrays to the pool.</summary>
    public void Dispose()
    {
        if (_values is not null) ArrayPool<double>.Shared.Return(_values);
        if (_indices is not null) ArrayPool<long>.Shared.Return(_indices);
        _values = null;
        _indices = null;
    }

    private static void Grow<T>(ref T[]? array, int count)
    {
        var larger = ArrayPool<T>.Shared.Rent(Math.Max(256, count * 2));
        if (array is not null)
        {
            Array.Copy(array, larger, count);
            ArrayPool<T>.Shared.Return(array);
        }
        array = larger;
    }
}
