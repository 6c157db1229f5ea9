using System.Collections.Generic;
using System.Linq;

namespace AutoDiffLbfgs.Generator.Model;

/// <summary>Questions about IR trees that the lowering and the transforms both ask, answered with the IR walker.</summary>
internal static class IrQueries
{
    /// <summary>Adds to <paramref name="set"/> the locals (and local arrays, for an element or a length) <paramref name="expr"/> reads.</summary>
    public static void LocalReads(Expr expr, HashSet<string> set) => new LocalReadsWalker(set, lengths: true).Visit(expr);

    /// <summary>Whether <paramref name="expr"/> reads the local (or local array) <paramref name="name"/>.</summary>
    public static bool Reads(Expr expr, string name)
    {
        var reads = new HashSet<string>();
        LocalReads(expr, reads);
        return reads.Contains(name);
    }

    /// <summary>Whether <paramref name="expr"/> reads any of <paramref name="names"/>.</summary>
    public static bool ReadsAny(Expr expr, HashSet<string> names)
    {
        var reads = new HashSet<string>();
        LocalReads(expr, reads);
        return reads.Overlaps(names);
    }

    /// <summary>
    /// The indices of the declarations among <paramref name="block"/>'s own statements whose local nothing after them in
    /// the block reads or pops into: the local's scope is the rest of its block, so such a local is unread, whatever a
    /// same-named local of a sibling scope does (the forward sweep's counter, replayed before its reverse).
    /// </summary>
    public static HashSet<int> DeclarationsUnreadInScope(BlockStmt block)
    {
        var lastUse = new Dictionary<string, int>();
        var names = new HashSet<string>();
        for (int k = 0; k < block.Statements.Count; k++)
        {
            names.Clear();
            foreach (var s in IrTree.Descendants(block.Statements[k]))
            {
                foreach (var e in IrTree.Expressions(s)) LocalReads(e, names);
                if (s is PopStmt pop) names.Add(pop.Name);
            }
            foreach (var name in names) lastUse[name] = k;
        }
        var unread = new HashSet<int>();
        for (int k = 0; k < block.Statements.Count; k++)
        {
            if (block.Statements[k] is DeclareStmt d && (!lastUse.TryGetValue(d.Name, out int last) || last <= k)) unread.Add(k);
        }
        return unread;
    }

    /// <summary>Whether a local declared with a constant (or no) initializer anywhere in <paramref name="body"/> is unread in its scope.</summary>
    public static bool HasUnreadConstantLocal(BlockStmt body)
    {
        // A for loop's header block is no scope of its own: its counter is read by the condition, increment and body.
        var headers = new HashSet<Stmt>(ReferenceComparer<Stmt>.Instance);
        foreach (var loop in IrTree.Descendants(body).OfType<ForStmt>())
        {
            headers.Add(loop.Init);
            headers.Add(loop.Increment);
        }
        return IrTree.Descendants(body).OfType<BlockStmt>().Prepend(body).Where(b => !headers.Contains(b)).Any(block =>
            DeclarationsUnreadInScope(block).Any(k => block.Statements[k] is DeclareStmt { Init: null or ConstExpr }));
    }

    /// <summary>Whether control never falls through the end of <paramref name="stmt"/>: a return, break or continue, or a block ending in one.</summary>
    public static bool AlwaysLeaves(Stmt stmt) => stmt switch
    {
        ReturnStmt or BreakStmt or ContinueStmt => true,
        BlockStmt { Statements.Count: > 0 } block => AlwaysLeaves(block.Statements[block.Statements.Count - 1]),
        _ => false,
    };

    /// <summary>
    /// Whether <paramref name="body"/> holds a <c>for</c> loop whose body always leaves (<c>if (true) break;</c> folded to
    /// its branch, as the user's own code may say): its increment is unreachable code (CS0162) in every copy.
    /// </summary>
    public static bool HasLoopThatNeverIncrements(BlockStmt body) =>
        IrTree.Descendants(body).Any(s => s is ForStmt { Increment.Statements.Count: > 0 } loop && AlwaysLeaves(loop.Body));

    /// <summary>The local arrays whose elements <paramref name="stmt"/> reads anywhere inside it (a length alone does not count).</summary>
    public static HashSet<string> ElementReads(Stmt stmt)
    {
        var set = new HashSet<string>();
        new ElementReadsWalker(set).Visit(stmt);
        return set;
    }

    /// <summary>
    /// The counter of a counting loop — its header declares one integer counter, only <c>counter++</c> (as
    /// <c>counter += 1</c>) advances it, and its body never assigns it — or null for any other loop. Such a loop visits
    /// each counter value once.
    /// </summary>
    public static string? CountingLoopCounter(ForStmt loop)
    {
        if (loop.Init.Statements.Count != 1 || loop.Init.Statements[0] is not DeclareStmt { Type: ScalarType.Int32 or ScalarType.Int64 } declaration) return null;
        string counter = declaration.Name;
        if (loop.Increment.Statements.Count != 1
            || loop.Increment.Statements[0] is not AccumulateStmt { Subtract: false, Value: ConstExpr { Value: 1 } } step
            || step.Name != counter)
        {
            return null;
        }
        bool assigned = IrTree.Descendants(loop.Body).Any(s => s switch
        {
            DeclareStmt d => d.Name == counter,
            AssignStmt a => a.Name == counter,
            AccumulateStmt acc => acc.Name == counter,
            PopStmt p => p.Name == counter,
            _ => false,
        });
        return assigned ? null : counter;
    }

    /// <summary>Collects the locals an expression reads; a local array counts for its elements and, with <c>lengths</c>, its length.</summary>
    private sealed class LocalReadsWalker(HashSet<string> set, bool lengths) : IrWalker
    {
        protected override void VisitLocal(LocalExpr local) => set.Add(local.Name);

        protected override void VisitArrayElement(ArrayElementExpr element)
        {
            set.Add(element.Array);
            base.VisitArrayElement(element);
        }

        protected override void VisitArrayLength(ArrayLengthExpr length)
        {
            if (lengths) set.Add(length.Array);
        }
    }

    /// <summary>Collects the local arrays whose elements are read.</summary>
    private sealed class ElementReadsWalker(HashSet<string> set) : IrWalker
    {
        protected override void VisitArrayElement(ArrayElementExpr element)
        {
            set.Add(element.Array);
            base.VisitArrayElement(element);
        }
    }
}
