using System.Collections.Generic;
using System.Linq;
using AutoDiffLbfgs.Generator.Model;

namespace AutoDiffLbfgs.Generator.Differentiation;

// Which entry values the reverse of a statement needs: what the reverse transform must keep or save.
internal sealed partial class Analysis
{
    /// <summary>
    /// Locals whose entry values the reverse of <paramref name="stmt"/> reads: operands of partial derivatives, indices
    /// of gradient entries, branch conditions, and everything a compound statement re-runs forward.
    /// </summary>
    public HashSet<string> ReverseReads(Stmt stmt)
    {
        if (_reverseReads.TryGetValue(stmt, out var cached)) return cached;
        var set = new HashSet<string>();
        switch (stmt)
        {
            case DeclareStmt d when d.Init is not null && IsActive(d.Name): PartialReads(d.Init, set); break;
            case AssignStmt a when IsActive(a.Name): PartialReads(a.Value, set); break;
            case AccumulateStmt acc when IsActive(acc.Name): PartialReads(acc.Value, set); break;
            case ElementAssignStmt e when IsActive(e.Array): IrQueries.LocalReads(e.Index, set); PartialReads(e.Value, set); break;
            case ReturnStmt r: PartialReads(r.Value, set); break;
            case IfStmt i:
                IrQueries.LocalReads(i.Condition, set);
                set.UnionWith(ReverseReads(i.Then));
                if (i.Else is not null) set.UnionWith(ReverseReads(i.Else));
                break;
            case ForStmt or WhileStmt or BlockStmt:
                // The reverse of a compound statement re-runs (parts of) it forward, so it may read anything it reads.
                set.UnionWith(Reads(stmt));
                foreach (var child in IrTree.Children(stmt)) set.UnionWith(ReverseReads(child));
                set.ExceptWith(Declared(stmt));
                break;
        }
        _reverseReads[stmt] = set;
        return set;
    }

    /// <summary>The locals the partial derivatives of <paramref name="expr"/> need (a linear leaf needs nothing).</summary>
    public void PartialReads(Expr expr, HashSet<string> set)
    {
        if (!IsActive(expr)) return;
        switch (expr)
        {
            case LocalExpr: break; // a linear leaf: its partial is the seed itself
            case VariableElementExpr v: IrQueries.LocalReads(v.Index, set); break;
            case ArrayElementExpr a: IrQueries.LocalReads(a.Index, set); break; // a linear leaf: its adjoint goes to aBar[index]
            case UnaryExpr u: PartialReads(u.Operand, set); break;
            case ConvertExpr c: PartialReads(c.Operand, set); break;
            case BinaryExpr { Op: BinaryOp.Add or BinaryOp.Subtract } b:
                PartialReads(b.Left, set);
                PartialReads(b.Right, set);
                break;
            case BinaryExpr { Op: BinaryOp.Multiply } b:
                if (IsActive(b.Left)) { IrQueries.LocalReads(b.Right, set); PartialReads(b.Left, set); }
                if (IsActive(b.Right)) { IrQueries.LocalReads(b.Left, set); PartialReads(b.Right, set); }
                break;
            case BinaryExpr { Op: BinaryOp.Divide } b:
                IrQueries.LocalReads(b.Right, set);
                PartialReads(b.Left, set);
                if (IsActive(b.Right)) { IrQueries.LocalReads(b.Left, set); PartialReads(b.Right, set); }
                break;
            case CallExpr c:
                foreach (var a in c.Args) { IrQueries.LocalReads(a, set); PartialReads(a, set); }
                break;
            case UserCallExpr c:
                // The partials are expressions of the arguments (and of data) only.
                foreach (var a in c.Args) { IrQueries.LocalReads(a, set); PartialReads(a, set); }
                break;
            case SpanRuleCallExpr c:
                // The gradient is computed from the variables and the (inactive) arguments.
                foreach (var a in c.Args) IrQueries.LocalReads(a, set);
                break;
            case HelperCallExpr h:
                // The partials come from the helper's generated gradient, called with the arguments.
                foreach (var a in h.Args) { IrQueries.LocalReads(a, set); PartialReads(a, set); }
                break;
            case ConditionalExpr c:
                IrQueries.LocalReads(c.Condition, set);
                PartialReads(c.WhenTrue, set);
                PartialReads(c.WhenFalse, set);
                break;
            default:
                IrQueries.LocalReads(expr, set);
                break;
        }
    }
}
