using System.Collections.Generic;
using System.Linq;
using AutoDiffLbfgs.Generator.Model;

namespace AutoDiffLbfgs.Generator.Differentiation;

/// <summary>
/// Turns the gradient's accumulations into plain stores where every entry is provably written once per call, the way
/// a hand-written gradient of independent terms is written (<c>g[2i] = …; g[2i + 1] = …;</c>): a load, an add and a
/// store become a store. The gradient is still cleared first, so entries no store reaches stay zero.
/// </summary>
/// <remarks>
/// The proof is syntactic. Every accumulation into the gradient sits, outside any inner loop, in the body of one
/// <c>for</c> loop that no other loop encloses (so the loop runs at most once per call); the loop's counter <c>i</c> is
/// an integer declared in its header, advanced only by <c>i += 1</c> and not assigned in its body; and each index is
/// <c>a·i + b</c> with one stride <c>a ≥ 1</c> for all of them and distinct offsets <c>0 ≤ b &lt; a</c>. Then two
/// writes to one entry would need equal iterations and equal offsets, that is the same statement in the same
/// iteration, which runs once. Storing into a cleared entry equals adding to it (up to the sign of a zero).
/// </remarks>
internal static class GradientStores
{
    /// <summary>Stores where the proof holds; <paramref name="storedBelow"/> as in <see cref="CoveredEnd"/>.</summary>
    public static BlockStmt Run(BlockStmt body, string gradient, out Expr? storedBelow)
    {
        storedBelow = null;
        var writes = IrTree.Descendants(body).OfType<SpanAccumulateStmt>().Where(s => s.Span == gradient).ToList();
        if (writes.Count == 0) return body;
        var loop = OuterLoopHolding(body, writes);
        if (loop is null || IrQueries.CountingLoopCounter(loop) is not { } counter) return body;
        var offsets = new HashSet<long>();
        long? stride = null;
        foreach (var write in writes)
        {
            if (!InBodyOutsideInnerLoops(loop.Body, write)) return body;
            if (Affine(write.Index, counter) is not var (a, b) || a < 1 || b < 0 || b >= a) return body;
            if (stride is not null && stride != a) return body;
            stride = a;
            if (!offsets.Add(b)) return body;
        }
        storedBelow = CoveredEnd(body, loop, counter, writes, stride!.Value, offsets.Count);
        var stored = new HashSet<Stmt>(writes, ReferenceComparer<Stmt>.Instance);
        return StmtMap.Block(body, s => s is SpanAccumulateStmt write && stored.Contains(write) ? write with { Store = true } : s);
    }

    /// <summary>
    /// <c>a·E</c> when the stores provably write every entry below it on every call, so only the entries from there on
    /// need clearing; null otherwise. That holds when the offsets are all of 0…a−1, every store is a statement of the
    /// loop body itself (no if around it), the loop is <c>for (int i = 0; i &lt; E; i++)</c> at the top level of the
    /// method (nothing can skip it, not even an early return, which the structurizer turns into an if), and E is
    /// fixed for the call (built from constants, data and <c>x.Length</c>), so it can be computed before the loop.
    /// </summary>
    private static Expr? CoveredEnd(BlockStmt body, ForStmt loop, string counter, List<SpanAccumulateStmt> writes, long stride, int offsets)
    {
        if (offsets != stride || stride > int.MaxValue) return null;
        if (!writes.All(w => loop.Body.Statements.Contains(w, ReferenceComparer<Stmt>.Instance))) return null;
        if (!AtTopLevel(body, loop)) return null;
        if (loop.Init.Statements[0] is not DeclareStmt { Type: ScalarType.Int32, Init: ConstExpr { Value: 0 } }) return null;
        if (loop.Condition is not BinaryExpr { Op: BinaryOp.Less, Left: LocalExpr { Name: var name }, Right: var end } || name != counter || !FixedForTheCall(end)) return null;
        return ExprBuilder.Mul(Literals.Integer(ScalarType.Int32, stride), end);
    }

    private static bool AtTopLevel(BlockStmt block, Stmt target) =>
        block.Statements.Any(s => ReferenceEquals(s, target) || s is BlockStmt inner && AtTopLevel(inner, target));

    private static bool FixedForTheCall(Expr e) => e switch
    {
        ConstExpr or VariablesLengthExpr or DataExpr => true,
        UnaryExpr u => FixedForTheCall(u.Operand),
        ConvertExpr c => FixedForTheCall(c.Operand),
        BinaryExpr b => FixedForTheCall(b.Left) && FixedForTheCall(b.Right),
        _ => false,
    };

    /// <summary>The one top-level loop (enclosed by no loop) whose body holds every write, or null.</summary>
    private static ForStmt? OuterLoopHolding(Stmt stmt, List<SpanAccumulateStmt> writes)
    {
        switch (stmt)
        {
            case ForStmt f:
                return writes.All(w => IrTree.Descendants(f.Body).Contains(w, ReferenceComparer<Stmt>.Instance)) ? f : null;
            case WhileStmt:
                return null;
            default:
                var holders = IrTree.Children(stmt).Where(c => IrTree.Descendants(c).OfType<SpanAccumulateStmt>().Any(writes.Contains)).ToList();
                return holders.Count == 1 ? OuterLoopHolding(holders[0], writes) : null;
        }
    }

    /// <summary>Whether <paramref name="write"/> is in <paramref name="block"/> and not inside a loop nested in it.</summary>
    private static bool InBodyOutsideInnerLoops(Stmt block, Stmt write)
    {
        if (ReferenceEquals(block, write)) return true;
        if (block is ForStmt or WhileStmt) return false;
        return IrTree.Children(block).Any(c => InBodyOutsideInnerLoops(c, write));
    }

    /// <summary>(a, b) when <paramref name="index"/> is <c>a·counter + b</c> with integer constants a, b; null otherwise.</summary>
    private static (long A, long B)? Affine(Expr index, string counter)
    {
        switch (index)
        {
            case LocalExpr l when l.Name == counter:
                return (1, 0);
            case ConstExpr c when c.Type is ScalarType.Int32 or ScalarType.Int64:
                return (0, (long)c.Value);
            case ConvertExpr c:
                return Affine(c.Operand, counter);
            case BinaryExpr { Op: BinaryOp.Add or BinaryOp.Subtract } b when Affine(b.Left, counter) is { } l && Affine(b.Right, counter) is { } r:
                return b.Op == BinaryOp.Add ? (l.A + r.A, l.B + r.B) : (l.A - r.A, l.B - r.B);
            case BinaryExpr { Op: BinaryOp.Multiply } b when Affine(b.Left, counter) is { } l && Affine(b.Right, counter) is { } r:
                if (l.A != 0 && r.A != 0) return null;
                return (l.A * r.B + r.A * l.B, l.B * r.B);
            default:
                return null;
        }
    }
}
