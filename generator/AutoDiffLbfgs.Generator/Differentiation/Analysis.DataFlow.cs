using System.Collections.Generic;
using System.Linq;
using AutoDiffLbfgs.Generator.Model;

namespace AutoDiffLbfgs.Generator.Differentiation;

// Which locals a statement reads, writes and declares: the facts every transform schedules its statements by.
internal sealed partial class Analysis
{
    /// <summary>Locals whose value <paramref name="stmt"/> reads (accumulation targets are not reads).</summary>
    public HashSet<string> Reads(Stmt stmt)
    {
        if (_reads.TryGetValue(stmt, out var cached)) return cached;
        var set = new HashSet<string>();
        foreach (var e in IrTree.Expressions(stmt)) IrQueries.LocalReads(e, set);
        if (stmt is ElementAssignStmt { Accumulate: true } accumulated) set.Add(accumulated.Array);
        foreach (var child in IrTree.Children(stmt)) set.UnionWith(Reads(child));
        set.ExceptWith(Declared(stmt));
        _reads[stmt] = set;
        return set;
    }

    /// <summary>Locals declared outside <paramref name="stmt"/> that it may write.</summary>
    public HashSet<string> Writes(Stmt stmt)
    {
        if (_writes.TryGetValue(stmt, out var cached)) return cached;
        var set = new HashSet<string>();
        if (WrittenBy(stmt) is { } written) set.Add(written);
        foreach (var child in IrTree.Children(stmt)) set.UnionWith(Writes(child));
        set.ExceptWith(Declared(stmt));
        _writes[stmt] = set;
        return set;
    }

    /// <summary>The local (or local array) a simple statement assigns, other than by declaring it; null for none.</summary>
    private static string? WrittenBy(Stmt stmt) => stmt switch
    {
        AssignStmt a => a.Name,
        AccumulateStmt acc => acc.Name,
        ElementAssignStmt e => e.Array,
        UndoStmt u => u.Array,
        SpanRuleCallStmt call => call.Output,
        PopStmt p => p.Name,
        BlockStmt or IfStmt or ForStmt or WhileStmt or DeclareStmt or ArrayDeclareStmt or SpanAccumulateStmt or UndoLogDeclareStmt
            or BreakStmt or ContinueStmt or ReturnStmt or PushStmt or CommentStmt or HelperGradientStmt or HelperHessianVectorStmt => null,
        _ => throw IrTree.Unknown(stmt),
    };

    /// <summary>Locals a statement makes visible after itself or writes: its writes plus what a declaration declares.</summary>
    public HashSet<string> Defines(Stmt stmt)
    {
        if (stmt is DeclareStmt d) return new HashSet<string> { d.Name };
        if (stmt is ArrayDeclareStmt a) return new HashSet<string> { a.Name };
        return Writes(stmt);
    }

    /// <summary>Locals declared anywhere inside <paramref name="stmt"/> (scoped to it), not counting a top-level declaration itself.</summary>
    public HashSet<string> Declared(Stmt stmt)
    {
        if (_declared.TryGetValue(stmt, out var cached)) return cached;
        var set = new HashSet<string>();
        if (stmt is not (DeclareStmt or ArrayDeclareStmt))
        {
            foreach (var s in IrTree.Descendants(stmt))
            {
                switch (s)
                {
                    case DeclareStmt d: set.Add(d.Name); break;
                    case ArrayDeclareStmt a: set.Add(a.Name); break;
                    // A helper's generated gradient (and its tangent) declares the partials it returns as out locals.
                    case HelperGradientStmt g: set.UnionWith(g.Partials.Where(p => p.Length > 0)); break;
                    case HelperHessianVectorStmt h: set.UnionWith(h.Results.Where(r => r.Length > 0)); break;
                }
            }
        }
        _declared[stmt] = set;
        return set;
    }
}
