using System.Collections.Generic;
using System.Linq;
using AutoDiffLbfgs.Generator.Model;

namespace AutoDiffLbfgs.Generator.Differentiation;

/// <summary>
/// Rewrites the code generated for a helper transformed once, which the transforms write as if its floating-point
/// parameters were the variables of an objective (<c>x[j]</c>, <c>gradient[j]</c>, <c>v[j]</c>, <c>result[j]</c>), into
/// code over the scalar parameters of the generated methods (<c>r</c>, <c>rBar</c>, <c>rDot</c>, <c>rBarDot</c>).
/// </summary>
/// <remarks>The helper's lowering only ever indexes those spans with the constant j of a parameter.</remarks>
internal sealed class ScalarParameters : IrRewriter
{
    private readonly IReadOnlyList<string> _values;
    private readonly Dictionary<string, IReadOnlyList<string>> _spans;

    /// <param name="values">The name of parameter j, which <c>x[j]</c> stands for.</param>
    /// <param name="spans">For each span of the transforms (gradient, direction, result), the scalar that stands for its element j.</param>
    public ScalarParameters(IReadOnlyList<string> values, Dictionary<string, IReadOnlyList<string>> spans)
    {
        _values = values;
        _spans = spans;
    }

    /// <summary><c>gradient[j] += e</c> becomes <c>rBar += e</c>.</summary>
    protected override Stmt RewriteSpanAccumulate(SpanAccumulateStmt stmt) =>
        stmt is { Index: ConstExpr j } && _spans.TryGetValue(stmt.Span, out var scalars)
            ? new AccumulateStmt(scalars[(int)j.Value], stmt.Subtract, Rewrite(stmt.Value)) { Source = stmt.Source }
            : base.RewriteSpanAccumulate(stmt);

    /// <summary><c>x[j]</c> becomes parameter j.</summary>
    protected override Expr RewriteVariableElement(VariableElementExpr element) =>
        element.Index is ConstExpr j ? new LocalExpr(element.Type, _values[(int)j.Value]) : base.RewriteVariableElement(element);

    /// <summary><c>v[j]</c> and <c>result[j]</c> become the scalars that stand for them.</summary>
    protected override Expr RewriteSpanElement(SpanElementExpr element) =>
        element.Index is ConstExpr j && _spans.TryGetValue(element.Span, out var scalars)
            ? new LocalExpr(element.Type, scalars[(int)j.Value])
            : base.RewriteSpanElement(element);
}
