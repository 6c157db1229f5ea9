using System.Numerics;

namespace AutoDiffLbfgs;

/// <summary>A hand-written objective: returns f(x) and overwrites <paramref name="gradient"/> with ∇f(x).</summary>
/// <typeparam name="T"><see cref="double"/> or <see cref="float"/>.</typeparam>
/// <param name="x">The point; do not keep the span.</param>
/// <param name="gradient">Receives ∇f(x); same length as <paramref name="x"/>.</param>
public delegate T GradientFunction<T>(ReadOnlySpan<T> x, Span<T> gradient)
    where T : unmanaged, IFloatingPointIeee754<T>;
