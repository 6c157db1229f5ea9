using System.Collections.Generic;
using System.Linq;
using AutoDiffLbfgs.Generator.Model;

namespace AutoDiffLbfgs.Generator.Lowering;

/// <summary>
/// Proves that every local array of a lowered body is <i>write-once</i>, the property the reverse transform relies on
/// to never save or tape an array: each element is assigned at most once during the array's lifetime, and nothing
/// reads the array before it is filled. The proof is syntactic and deliberately narrow:
/// <list type="number">
/// <item><description>the array is assigned by exactly one statement, <c>r[i] = e;</c>;</description></item>
/// <item><description>that statement sits in a <c>for</c> loop that follows the declaration in the same block, and in
/// no loop nested inside it (ifs are fine: an element may stay zero);</description></item>
/// <item><description>the loop declares a counter <c>i</c> in its header, advances it only by <c>i++</c>, never assigns
/// it in its body, and <c>i</c> is the index written, so each iteration writes a different element;</description></item>
/// <item><description>neither that loop nor the statements between the declaration and the loop read an element of the
/// array, so every read sees the array filled (and iterations stay independent).</description></item>
/// </list>
/// </summary>
internal static class LocalArrayRules
{
    /// <summary>The arrays of <paramref name="body"/> that break a rule: they are overwritten, and kept with an undo log.</summary>
    public static HashSet<string> NotWriteOnce(BlockStmt body)
    {
        var sites = new Sites();
        sites.Visit(body);
        return new HashSet<string>(sites.Declarations.Keys.Where(name => !IsWriteOnce(name, sites.Declarations[name], sites.Writes)));
    }

    private static bool IsWriteOnce(
        string name,
        (BlockStmt Block, int Index, int Depth) declaration,
        Dictionary<string, List<(ElementAssignStmt Write, List<ForStmt?> Loops)>> writes)
    {
        var (block, index, depth) = declaration;
        if (!writes.TryGetValue(name, out var sites) || sites.Count == 0) return true; // never written: all zeros
        if (sites.Count > 1) return false; // assigned by more than one statement
        var (write, loops) = sites[0];
        // Filled by a for loop that follows the declaration in the same block…
        var loop = loops.Count == depth + 1 ? loops[depth] : null;
        int loopIndex = loop is null ? -1 : IndexOf(block, loop);
        if (loop is null || loopIndex < index) return false;
        // …as r[i] = … with i the loop's counter, declared in its header and advanced only by i++…
        if (IrQueries.CountingLoopCounter(loop) is not { } counter || write.Index is not LocalExpr { Name: var indexName } || indexName != counter) return false;
        // …and not read before or while that loop runs.
        return !IrQueries.ElementReads(loop).Contains(name)
            && !block.Statements.Skip(index + 1).Take(loopIndex - index - 1).Any(s => IrQueries.ElementReads(s).Contains(name));
    }

    /// <summary>
    /// Records where each array is declared (block, position, loop depth) and every statement writing it, with the
    /// loops around the write (a <c>while</c> loop appears as null: it has no counter).
    /// </summary>
    private sealed class Sites : IrWalker
    {
        private readonly List<ForStmt?> _loops = new();

        public Dictionary<string, (BlockStmt Block, int Index, int Depth)> Declarations { get; } = new();

        public Dictionary<string, List<(ElementAssignStmt Write, List<ForStmt?> Loops)>> Writes { get; } = new();

        protected override void VisitBlock(BlockStmt block)
        {
            for (int k = 0; k < block.Statements.Count; k++)
            {
                if (block.Statements[k] is ArrayDeclareStmt array) Declarations[array.Name] = (block, k, _loops.Count);
                else Visit(block.Statements[k]);
            }
        }

        protected override void VisitSimple(Stmt stmt)
        {
            if (stmt is not ElementAssignStmt write) return;
            if (!Writes.TryGetValue(write.Array, out var list)) Writes[write.Array] = list = new();
            list.Add((write, _loops.ToList()));
        }

        // A while loop counts as a loop level too (with no counter), so an array written in one is rejected.
        protected override void VisitFor(ForStmt stmt) => InLoop(stmt, () => base.VisitFor(stmt));

        protected override void VisitWhile(WhileStmt stmt) => InLoop(null, () => base.VisitWhile(stmt));

        private void InLoop(ForStmt? loop, System.Action visit)
        {
            _loops.Add(loop);
            visit();
            _loops.RemoveAt(_loops.Count - 1);
        }
    }

    /// <summary>The position of <paramref name="stmt"/> (by reference) among the statements of <paramref name="block"/>, or −1.</summary>
    private static int IndexOf(BlockStmt block, Stmt stmt)
    {
        for (int k = 0; k < block.Statements.Count; k++)
        {
            if (ReferenceEquals(block.Statements[k], stmt)) return k;
        }
        return -1;
    }
}
