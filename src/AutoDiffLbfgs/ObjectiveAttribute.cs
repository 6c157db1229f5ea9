namespace AutoDiffLbfgs;

/// <summary>
/// Marks a method as a scalar objective <c>f(x)</c>. At compile time the AutoDiffLbfgs source generator reads
/// the method body and adds to the same (partial) type, for a method named <c>F</c>:
/// <list type="bullet">
/// <item><description><c>FGradient(ReadOnlySpan&lt;T&gt; x, Span&lt;T&gt; gradient, …data)</c>: returns f(x) and
/// overwrites <c>gradient</c> with ∇f(x);</description></item>
/// <item><description><c>FObjective</c>: a struct implementing <see cref="IDifferentiableObjective{T}"/> that the solvers
/// call without delegates or boxing.</description></item>
/// </list>
/// </summary>
/// <remarks>
/// The first parameter holds the variables (<c>ReadOnlySpan&lt;T&gt;</c>, <c>Span&lt;T&gt;</c> or <c>T[]</c>,
/// with <c>T</c> = <see cref="double"/> or <see cref="float"/>) and the return type is <c>T</c>. Every later
/// parameter is data: a constant for differentiation, passed through unchanged. The body must stay inside the
/// differentiable subset described in <c>docs/differentiation.md</c>; anything else is a compile-time error
/// diagnostic (<c>ADL####</c>, see <c>docs/diagnostics.md</c>).
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class ObjectiveAttribute : Attribute
{
}
