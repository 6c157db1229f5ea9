using System.Collections.Generic;
using System.Linq;
using AutoDiffLbfgs.Generator.Model;

namespace AutoDiffLbfgs.Generator.Differentiation;

/// <summary>
/// Removes assignments to locals that nothing reads (for instance the objective's value and its tangent inside a
/// Hessian-vector product), and the empty blocks and ifs that leaves behind, until none is left. Tape pops, and the
/// declarations they assign, always stay: they keep the tape balanced.
/// </summary>
internal static class DeadCode
{
    public static BlockStmt Remove(BlockStmt body)
    {
        while (true)
        {
            var reads = new HashSet<string>();
            var popped = new HashSet<string>();
            foreach (var s in IrTree.Descendants(body))
            {
                if (s is PopStmt p) popped.Add(p.Name);
                foreach (var e in IrTree.Expressions(s)) IrQueries.LocalReads(e, reads);
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
        // A local's scope is the rest of its block: one nothing there reads is dead with its writes, even when a local of
        // the same name in another scope is read (the forward loop's counter, replayed before its reverse sweep).
        var unread = IrQueries.DeclarationsUnreadInScope(block);
        var statements = block.Statements.ToList();
        foreach (int k in unread)
        {
            var name = ((DeclareStmt)statements[k]).Name;
            for (int j = k + 1; j < statements.Count; j++) statements[j] = WithoutWritesTo(statements[j], name);
        }
        for (int k = 0; k < statements.Count; k++)
        {
            var s = statements[k];
            switch (s)
            {
                case DeclareStmt d when !reads.Contains(d.Name) && !popped.Contains(d.Name):
                case DeclareStmt when unread.Contains(k):
                case AssignStmt a when !reads.Contains(a.Name):
                case AccumulateStmt acc when !reads.Contains(acc.Name):
                case ElementAssignStmt element when !reads.Contains(element.Array):
                case ArrayDeclareStmt array when !reads.Contains(array.Name):
                case UndoStmt undo when !reads.Contains(undo.Array):
                case SpanRuleCallStmt call when !reads.Contains(call.Output):
                    removed = true;
                    break;
                case IfStmt i:
                {
                    var then = Prune(i.Then, reads, popped, ref removed);
                    var otherwise = i.Else is null ? null : Prune(i.Else, reads, popped, ref removed);
                    if (otherwise is { Statements.Count: 0 }) otherwise = null;
                    if (then.Statements.Count == 0 && otherwise is null)
                    {
                        // Conditions have no side effects: an if with nothing left in either branch is dropped.
                        removed = true;
                        break;
                    }
                    list.Add(then.Statements.Count == 0
                        ? i with { Condition = new UnaryExpr(ScalarType.Boolean, UnaryOp.Not, i.Condition), Then = otherwise!, Else = null }
                        : i with { Then = then, Else = otherwise });
                    break;
                }
                case BlockStmt { Statements.Count: 0 }:
                    removed = true;
                    break;
                case HelperGradientStmt g when g.Partials.All(p => !reads.Contains(p)):
                case HelperHessianVectorStmt h when h.Results.All(r => !reads.Contains(r)):
                    // A call of a generated helper method has no effect but its out values.
                    removed = true;
                    break;
                case ForStmt f:
                {
                    var body = Prune(f.Body, reads, popped, ref removed);
                    var counters = new HashSet<string>(f.Init.Statements.OfType<DeclareStmt>().Select(d => d.Name));
                    bool countingOnly = f.Init.Statements.All(x => x is DeclareStmt) && f.Increment.Statements.All(x =>
                        x is AccumulateStmt acc && counters.Contains(acc.Name) || x is AssignStmt a && counters.Contains(a.Name));
                    if (body.Statements.Count == 0 && countingOnly)
                    {
                        // Nothing left but the counting: a loop that changes nothing outside its header is dropped.
                        removed = true;
                        break;
                    }
                    list.Add(f with { Body = body });
                    break;
                }
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
        return new BlockStmt(WithoutDanglingComments(list, ref removed).ToEquatableArray());
    }

    /// <summary>
    /// Drops the assignments to <paramref name="name"/> inside <paramref name="statement"/>: a local unread in its scope
    /// (<see cref="IrQueries.DeclarationsUnreadInScope"/>) goes with its writes. Its pops stay: that case never comes here.
    /// </summary>
    private static Stmt WithoutWritesTo(Stmt statement, string name) => StmtMap.Map(statement, s => s switch
    {
        AssignStmt a when a.Name == name => BlockStmt.Empty,
        AccumulateStmt acc when acc.Name == name => BlockStmt.Empty,
        _ => s,
    });

    private const string AdjointComment = "adjoint of: ";

    /// <summary>
    /// Drops an "adjoint of" comment whose code was removed (it is followed by another such comment or by the end of
    /// the block), and every comment of a block with no code left, so the reader never meets a comment about nothing.
    /// </summary>
    private static List<Stmt> WithoutDanglingComments(List<Stmt> list, ref bool removed)
    {
        var kept = new List<Stmt>();
        for (int k = 0; k < list.Count; k++)
        {
            if (list[k] is CommentStmt comment && comment.Text.StartsWith(AdjointComment, System.StringComparison.Ordinal)
                && (k + 1 == list.Count || list[k + 1] is CommentStmt next && next.Text.StartsWith(AdjointComment, System.StringComparison.Ordinal)))
            {
                removed = true;
                continue;
            }
            kept.Add(list[k]);
        }
        if (kept.Count > 0 && kept.All(s => s is CommentStmt))
        {
            removed = true;
            kept.Clear();
        }
        return kept;
    }
}
