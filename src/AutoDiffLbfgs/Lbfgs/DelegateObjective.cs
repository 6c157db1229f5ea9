using System.Numerics;

namespace AutoDiffLbfgs;

/// <summary>Adapts a <see cref="GradientFunction{T}"/> to <see cref="IDifferentiableObjective{T}"/>; <see cref="Value"/> uses a scratch gradient allocated once.</summary>
internal readonly struct DelegateObjective<T> : IDifferentiableObjective<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly GradientFunction<T> _function;
    private readonly T[] _scratch;

    public DelegateObjective(GradientFunction<T> function, int dimension)
    {
        _function = function;
        _scratch = new T[dimension];
    }

    public T Value(ReadOnlySpan<T> x) => _function(x, _scratch.AsSpan(0, x.Length));

    public T ValueAndGradient(ReadOnlySpan<T> x, Span<T> gradient) => _function(x, gradient);
}
