namespace AutoDiffLbfgs;

/// <summary>
/// Supplies the derivative of a helper method instead of letting the generator read its body: a call to the
/// marked method inside an <see cref="ObjectiveAttribute">[Objective]</see> body (or a helper it calls) is kept as a
/// call, and its partial derivatives are the methods named here.
/// </summary>
/// <remarks>
/// <para>Use it for a helper the generator cannot see into or should not differentiate line by line: a library or
/// P/Invoke call, a numerically careful implementation (scaling, series with a stopping test), or a function whose
/// derivative has a simpler closed form than its body.</para>
/// <para>Name one method per <c>double</c>/<c>float</c> parameter of the marked method, in order (integer parameters
/// get none): each is declared in the same type, takes the same parameters and returns ∂f/∂(that parameter). A
/// partial-derivative method must itself be differentiable for the Hessian-vector product: a single-expression
/// method (<c>=&gt; …</c>) in the differentiable subset, or a method with a <c>[Derivative]</c> of its own. It may call
/// the marked method again, as in <c>HypotDx(x, y) =&gt; x / Hypot(x, y)</c>.</para>
/// <para>A helper over a span, <c>T F(ReadOnlySpan&lt;T&gt; u, data…)</c>, names instead a gradient and a Hessian-vector
/// product written with the conventions of a generated objective (<see cref="Gradient"/>,
/// <see cref="HessianVectorProduct"/>); a call passes the objective's variables as <c>u</c>.</para>
/// </remarks>
/// <example>
/// <code>
/// [Derivative(nameof(LogCoshDerivative))]
/// static double LogCosh(double z) => Math.Abs(z) + Math.Log(1 + Math.Exp(-2 * Math.Abs(z))) - Math.Log(2);
/// static double LogCoshDerivative(double z) => Math.Tanh(z);
///
/// [Derivative(Gradient = nameof(NormGradient), HessianVectorProduct = nameof(NormHessianVectorProduct))]
/// static double Norm(ReadOnlySpan&lt;double&gt; u) => Blas.Nrm2(u);
/// static double NormGradient(ReadOnlySpan&lt;double&gt; u, Span&lt;double&gt; gradient) { … return norm; }
/// static void NormHessianVectorProduct(ReadOnlySpan&lt;double&gt; u, ReadOnlySpan&lt;double&gt; v, Span&lt;double&gt; result) { … }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class DerivativeAttribute : Attribute
{
    /// <summary>Names the partial-derivative methods, one per floating-point parameter, in order.</summary>
    /// <param name="partials">The names of the methods (use <c>nameof</c>).</param>
    public DerivativeAttribute(params string[] partials) => Partials = partials;

    /// <summary>The names of the partial-derivative methods, one per floating-point parameter, in order.</summary>
    public IReadOnlyList<string> Partials { get; }

    /// <summary>
    /// For a helper over a span, <c>T F(ReadOnlySpan&lt;T&gt; u, data…)</c>: the name of a method
    /// <c>T G(ReadOnlySpan&lt;T&gt; u, Span&lt;T&gt; gradient, data…)</c> in the same type that returns F(u) and
    /// overwrites <c>gradient</c> with ∇F(u) — the signature of a generated <c>…Gradient</c> method.
    /// </summary>
    public string? Gradient { get; set; }

    /// <summary>
    /// For a helper over a span: the name of a method <c>void H(ReadOnlySpan&lt;T&gt; u, ReadOnlySpan&lt;T&gt; v,
    /// Span&lt;T&gt; result, data…)</c> in the same type that overwrites <c>result</c> with ∇²F(u)·v — the signature of
    /// a generated <c>…HessianVectorProduct</c> method.
    /// </summary>
    public string? HessianVectorProduct { get; set; }
}
