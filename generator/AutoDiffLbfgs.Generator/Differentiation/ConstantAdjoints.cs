using System.Collections.Generic;
using System.Linq;
using AutoDiffLbfgs.Generator.Model;

namespace AutoDiffLbfgs.Generator.Differentiation;

/// <summary>
/// Replaces an adjoint that is a known constant by that constant: at the top of the method <c>sBar</c> is declared
/// 0, receives <c>+= 1.0</c> from <c>return s;</c> and is only read afterwards, so every later <c>sBar * e</c> becomes
/// <c>e</c>. Products and sums are rebuilt through <see cref="ExprBuilder"/>, which folds the ones and zeros.
/// </summary>
internal static class ConstantAdjoints
{
    public static BlockStmt Run(BlockStmt body)
    {
        var statements = body.Statements.ToList();
        for (int j = 0; j < statements.Count; j++)
        {
            if (statements[j] is not AccumulateStmt { Subtract: false, Value: ConstExpr constant } seed || !constant.Type.IsFloating()) continue;
            int i = statements.FindIndex(s => s is DeclareStmt { Init: ConstExpr { Value: 0 } } d && d.Name == seed.Name);
            if (i < 0 || i > j) continue;
            if (statements.Skip(i + 1).Take(j - i - 1).Any(s => Reads(s, seed.Name))) continue;
            if (Analysis.Descendants(body).Count(s => Writes(s, seed.Name)) != 2) continue;

            var replacements = new Dictionary<string, Expr> { [seed.Name] = constant };
            var rewritten = statements.Take(j).Where((_, k) => k != i).ToList();
            rewritten.AddRange(statements.Skip(j + 1).Select(s => Substitute(s, replacements)));
            return Run(new BlockStmt(rewritten.ToEquatableArray()));
        }
        return body;
    }

    private static bool Reads(Stmt s, string name)
    {
        var reads = new HashSet<string>();
        foreach (var d in Analysis.Descendants(s))
        {
            switch (d)
            {
                case DeclareStmt { Init: { } e }: Analysis.ExprReads(e, reads); break;
                case AssignStmt a: Analysis.ExprReads(a.Value, reads); break;
                case AccumulateStmt acc: Analysis.ExprReads(acc.Value, reads); break;
                case SpanAccumulateStmt sa: Analysis.ExprReads(sa.Index, reads); Analysis.ExprReads(sa.Value, reads); break;
                case ElementAssignStmt ea: Analysis.ExprReads(ea.Index, reads); Analysis.ExprReads(ea.Value, reads); break;
                case ArrayDeclareStmt ad: Analysis.ExprReads(ad.Length, reads); break;
                case IfStmt f: Analysis.ExprReads(f.Condition, reads); break;
                case ForStmt { Condition: { } c }: Analysis.ExprReads(c, reads); break;
                case WhileStmt w: Analysis.ExprReads(w.Condition, reads); break;
                case PushStmt p: Analysis.ExprReads(p.Value, reads); break;
                case ReturnStmt r: Analysis.ExprReads(r.Value, reads); break;
                case HelperGradientStmt g: foreach (var a in g.Args) Analysis.ExprReads(a, reads); break;
            }
        }
        return reads.Contains(name);
    }

    private static bool Writes(Stmt s, string name) => s switch
    {
        DeclareStmt d => d.Name == name,
        AssignStmt a => a.Name == name,
        AccumulateStmt acc => acc.Name == name,
        PopStmt p => p.Name == name,
        _ => false,
    };

    private static Stmt Substitute(Stmt s, Dictionary<string, Expr> map) => s switch
    {
        DeclareStmt { Init: { } e } d => d with { Init = Substitute(e, map) },
        AssignStmt a => a with { Value = Substitute(a.Value, map) },
        AccumulateStmt acc => acc with { Value = Substitute(acc.Value, map) },
        SpanAccumulateStmt sa => sa with { Index = Substitute(sa.Index, map), Value = Substitute(sa.Value, map) },
        ElementAssignStmt ea => ea with { Index = Substitute(ea.Index, map), Value = Substitute(ea.Value, map) },
        ArrayDeclareStmt ad => ad with { Length = Substitute(ad.Length, map) },
        IfStmt i => i with { Condition = Substitute(i.Condition, map), Then = Block(i.Then, map), Else = i.Else is null ? null : Block(i.Else, map) },
        ForStmt f => f with { Init = Block(f.Init, map), Condition = f.Condition is null ? null : Substitute(f.Condition, map), Increment = Block(f.Increment, map), Body = Block(f.Body, map) },
        WhileStmt w => w with { Condition = Substitute(w.Condition, map), Body = Block(w.Body, map) },
        BlockStmt b => Block(b, map),
        PushStmt p => p with { Value = Substitute(p.Value, map) },
        ReturnStmt r => r with { Value = Substitute(r.Value, map) },
        HelperGradientStmt g => g with { Args = g.Args.Select(a => Substitute(a, map)).ToEquatableArray() },
        _ => s,
    };

    private static BlockStmt Block(BlockStmt b, Dictionary<string, Expr> map) => new(b.Statements.Select(s => Substitute(s, map)).ToEquatableArray());

    private static Expr Substitute(Expr e, Dictionary<string, Expr> map) => e switch
    {
        LocalExpr l when map.TryGetValue(l.Name, out var value) => value,
        UnaryExpr { Op: UnaryOp.Negate } u => ExprBuilder.Neg(Substitute(u.Operand, map)),
        UnaryExpr u => u with { Operand = Substitute(u.Operand, map) },
        BinaryExpr { Op: BinaryOp.Add } b when b.Type.IsFloating() => ExprBuilder.Add(Substitute(b.Left, map), Substitute(b.Right, map)),
        BinaryExpr { Op: BinaryOp.Subtract } b when b.Type.IsFloating() => ExprBuilder.Sub(Substitute(b.Left, map), Substitute(b.Right, map)),
        BinaryExpr { Op: BinaryOp.Multiply } b when b.Type.IsFloating() => ExprBuilder.Mul(Substitute(b.Left, map), Substitute(b.Right, map)),
        BinaryExpr { Op: BinaryOp.Divide } b when b.Type.IsFloating() => ExprBuilder.Div(Substitute(b.Left, map), Substitute(b.Right, map)),
        BinaryExpr b => b with { Left = Substitute(b.Left, map), Right = Substitute(b.Right, map) },
        CallExpr c => c with { Args = c.Args.Select(a => Substitute(a, map)).ToEquatableArray() },
        UserCallExpr c => c with { Args = c.Args.Select(a => Substitute(a, map)).ToEquatableArray() },
        HelperCallExpr h => h with { Args = h.Args.Select(a => Substitute(a, map)).ToEquatableArray() },
        ConvertExpr c => c with { Operand = Substitute(c.Operand, map) },
        ConditionalExpr c => c with { Condition = Substitute(c.Condition, map), WhenTrue = Substitute(c.WhenTrue, map), WhenFalse = Substitute(c.WhenFalse, map) },
        VariableElementExpr v => v with { Index = Substitute(v.Index, map) },
        DataElementExpr d => d with { Index = Substitute(d.Index, map) },
        SpanElementExpr s => s with { Index = Substitute(s.Index, map) },
        ArrayElementExpr a => a with { Index = Substitute(a.Index, map) },
        _ => e,
    };
}
