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
internal sealed class ScalarParameters
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

    public BlockStmt Rewrite(BlockStmt block) => new(block.Statements.Select(Rewrite).ToEquatableArray());

    private Stmt Rewrite(Stmt s) => s switch
    {
        SpanAccumulateStmt { Index: ConstExpr j } a when _spans.TryGetValue(a.Span, out var scalars) =>
            new AccumulateStmt(scalars[(int)j.Value], a.Subtract, Rewrite(a.Value)) { Source = a.Source },
        SpanAccumulateStmt a => a with { Index = Rewrite(a.Index), Value = Rewrite(a.Value) },
        DeclareStmt d => d with { Init = d.Init is null ? null : Rewrite(d.Init) },
        AssignStmt a => a with { Value = Rewrite(a.Value) },
        AccumulateStmt a => a with { Value = Rewrite(a.Value) },
        ArrayDeclareStmt a => a with { Length = Rewrite(a.Length) },
        ElementAssignStmt e => e with { Index = Rewrite(e.Index), Value = Rewrite(e.Value) },
        IfStmt i => i with { Condition = Rewrite(i.Condition), Then = Rewrite(i.Then), Else = i.Else is null ? null : Rewrite(i.Else) },
        ForStmt f => f with { Init = Rewrite(f.Init), Condition = f.Condition is null ? null : Rewrite(f.Condition), Increment = Rewrite(f.Increment), Body = Rewrite(f.Body) },
        WhileStmt w => w with { Condition = Rewrite(w.Condition), Body = Rewrite(w.Body) },
        BlockStmt b => Rewrite(b),
        ReturnStmt r => r with { Value = Rewrite(r.Value) },
        PushStmt p => p with { Value = Rewrite(p.Value) },
        HelperGradientStmt g => g with { Args = Rewrite(g.Args) },
        HelperHessianVectorStmt h => h with { Args = Rewrite(h.Args), ArgDots = Rewrite(h.ArgDots) },
        _ => s,
    };

    private EquatableArray<Expr> Rewrite(EquatableArray<Expr> args) => args.Select(Rewrite).ToEquatableArray();

    private Expr Rewrite(Expr e) => e switch
    {
        VariableElementExpr { Index: ConstExpr j } => new LocalExpr(e.Type, _values[(int)j.Value]),
        SpanElementExpr { Index: ConstExpr j } s when _spans.TryGetValue(s.Span, out var scalars) => new LocalExpr(e.Type, scalars[(int)j.Value]),
        VariableElementExpr v => v with { Index = Rewrite(v.Index) },
        SpanElementExpr s => s with { Index = Rewrite(s.Index) },
        DataElementExpr d => d with { Index = Rewrite(d.Index) },
        ArrayElementExpr a => a with { Index = Rewrite(a.Index) },
        UnaryExpr u => u with { Operand = Rewrite(u.Operand) },
        BinaryExpr b => b with { Left = Rewrite(b.Left), Right = Rewrite(b.Right) },
        CallExpr c => c with { Args = Rewrite(c.Args) },
        UserCallExpr c => c with { Args = Rewrite(c.Args) },
        HelperCallExpr h => h with { Args = Rewrite(h.Args) },
        HelperTangentExpr h => h with { Args = Rewrite(h.Args), ArgDots = Rewrite(h.ArgDots) },
        ConvertExpr c => c with { Operand = Rewrite(c.Operand) },
        ConditionalExpr c => c with { Condition = Rewrite(c.Condition), WhenTrue = Rewrite(c.WhenTrue), WhenFalse = Rewrite(c.WhenFalse) },
        _ => e,
    };
}
