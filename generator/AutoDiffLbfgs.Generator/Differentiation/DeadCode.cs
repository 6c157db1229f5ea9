using System.Collections.Generic;
using System.Linq;
using AutoDiffLbfgs.Generator.Model;

namespace AutoDiffLbfgs.Generator.Differentiation;

/// <summary>
/// Removes assignments to locals that nothing reads (for instance the objective's value and its tangent inside a
/// Hessian-vector product), until none is left. Tape pops, and the declarations they assign, always stay: they keep
/// the tape balanced.
/// </summary>
internal static class DeadCode
{
    public static BlockStmt Remove(BlockStmt body)
    {
        while (true)
        {
            var reads = new HashSet<string>();
            var popped = new HashSet<string>();
            foreach (var s in Analysis.Descendants(body))
            {
                if (s is PopStmt p) popped.Add(p.Name);
                foreach (var e in Expressions(s)) Analysis.ExprReads(e, reads);
            }
            bool removed = false;
            var result = Prune(body, reads, popped, ref removed);
            if (!removed) return result;
            body = result;
        }
    }

    private static BlockStmt Prune(BlockStmt block, HashSet<string> reads, HashSet<string> popped, ref bool removed)
    {
        var list = new List<Stmt>();
        foreach (var s in block.Statements)
        {
            switch (s)
            {
                case DeclareStmt d when !reads.Contains(d.Name) && !popped.Contains(d.Name):
                case AssignStmt a when !reads.Contains(a.Name):
                case AccumulateStmt acc when !reads.Contains(acc.Name):
                    removed = true;
                    break;
                case IfStmt i:
                    list.Add(i with { Then = Prune(i.Then, reads, popped, ref removed), Else = i.Else is null ? null : Prune(i.Else, reads, popped, ref removed) });
                    break;
                case ForStmt f:
                    list.Add(f with { Body = Prune(f.Body, reads, popped, ref removed) });
                    break;
                case WhileStmt w:
                    list.Add(w with { Body = Prune(w.Body, reads, popped, ref removed) });
                    break;
                case BlockStmt b:
                    list.Add(Prune(b, reads, popped, ref removed));
                    break;
                default:
                    list.Add(s);
                    break;
            }
        }
        return new BlockStmt(list.ToEquatableArray());
    }

    /// <summary>The expressions a statement evaluates (not the sub-statements).</summary>
    private static IEnumerable<Expr> Expressions(Stmt s) => s switch
    {
        DeclareStmt { Init: { } init } => new[] { init },
        AssignStmt a => new[] { a.Value },
        AccumulateStmt acc => new[] { acc.Value },
        SpanAccumulateStmt sa => new[] { sa.Index, sa.Value },
        IfStmt i => new[] { i.Condition },
        ForStmt { Condition: { } c } => new[] { c },
        WhileStmt w => new[] { w.Condition },
        ReturnStmt r => new[] { r.Value },
        PushStmt p => new[] { p.Value },
        _ => Enumerable.Empty<Expr>(),
    };
}
