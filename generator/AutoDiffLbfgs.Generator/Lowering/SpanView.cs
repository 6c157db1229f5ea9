using AutoDiffLbfgs.Generator.Model;

namespace AutoDiffLbfgs.Generator.Lowering;

/// <summary>What a <see cref="SpanView"/> is a window onto.</summary>
internal enum ViewBase
{
    /// <summary>The objective's variables (or the span a helper transformed once differentiates).</summary>
    Variables,

    /// <summary>A data array or span, reached by the C# text <see cref="SpanView.Name"/>.</summary>
    Data,

    /// <summary>A local array of the body, by its IR name <see cref="SpanView.Name"/>.</summary>
    Array,
}

/// <summary>
/// A one-dimensional window onto the variables, data or a local array: what a span expression of the user's code
/// denotes (<c>x</c>, <c>x.Slice(a, n)</c>, <c>x[a..b]</c>, <c>t.AsSpan(a)</c>, a span local initialised with one of
/// them, a helper's span parameter). Element <c>k</c> of the view is element <c>Offset + k</c> of its base, so a view
/// never reaches generated code: reads and writes through it become reads and writes of the base at shifted indices,
/// which every later pass already understands.
/// </summary>
/// <param name="Base">What the view is onto.</param>
/// <param name="Name">The data text or the local array's IR name; null for the variables.</param>
/// <param name="Offset">The first element, as an integer expression that does not change while the view is in
/// scope (a literal, or a local the lowering declared for it); null for a view that starts at the base's start.</param>
/// <param name="Length">The number of elements, an integer expression with the same guarantee.</param>
internal sealed record SpanView(ViewBase Base, string? Name, Expr? Offset, Expr Length)
{
    /// <summary>The base's index of the view's element <paramref name="index"/>.</summary>
    public Expr At(Expr index) => Offset is null ? index : ExprBuilder.Add(Offset, index);

    /// <summary>The view's elements from <paramref name="start"/> on, <paramref name="length"/> of them.</summary>
    public SpanView Slice(Expr start, Expr length) => this with { Offset = At(start), Length = length };

    /// <summary>Element <paramref name="index"/> of the view, read as <paramref name="type"/>.</summary>
    public Expr Element(ScalarType type, Expr index) => Base switch
    {
        ViewBase.Variables => new VariableElementExpr(type, At(index)),
        ViewBase.Data => new DataElementExpr(type, Name!, At(index)),
        _ => new ArrayElementExpr(type, Name!, At(index)),
    };
}
