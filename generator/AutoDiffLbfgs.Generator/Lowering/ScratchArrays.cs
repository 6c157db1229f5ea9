using System.Collections.Generic;
using System.Linq;
using AutoDiffLbfgs.Generator.Model;

namespace AutoDiffLbfgs.Generator.Lowering;

/// <summary>
/// Finds the <i>per-iteration</i> arrays of a lowered body — scratch arrays of model code, declared once before a loop
/// and rewritten completely at the start of every iteration (<c>xCentered</c>, <c>Qxcentered</c> and <c>main_term</c>
/// of ADBench's GMM) — and moves each declaration to the start of the innermost loop body that holds all its uses,
/// lending it storage that is reused at every pass (<see cref="ArrayDeclareStmt.Scratch"/>). The program means the same:
/// no iteration reads what an earlier one wrote, and nothing after the loop reads the array. But the derivative code
/// changes completely: an array declared in a loop body is a new array at every pass, so the loop's iterations are
/// independent, the array is write-once within one pass when its fill loop is, and the loop is a reduction loop
/// (recomputed per iteration in the reverse sweep) instead of a taped loop whose every element write goes to an undo
/// log. Memory drops from one log entry per element write of the whole call to one array per nesting level.
/// <para>
/// The proof is syntactic, from the rules below, and a declaration that fails any of them stays where it is (and is
/// handled as before, as an overwritten array). An array <c>r</c> declared in a block moves into loop <c>L</c> when:
/// </para>
/// <list type="number">
/// <item><description><c>L</c> is the only later statement of the block that mentions <c>r</c>, and its header
/// (initialisers, condition, increment) does not;</description></item>
/// <item><description>the length of <c>r</c> reads only locals that nothing assigns after their declaration, so it
/// has the same value at the start of every pass;</description></item>
/// <item><description>in <c>L</c>'s body, the first statement that mentions <c>r</c> either <i>covers</i> it — a
/// loop <c>for (int i = 0; i &lt; n; i++)</c>, with <c>n</c> the array's length, whose body writes <c>r[i] = e</c> as
/// one of its own statements, never reads an element of <c>r</c>, and holds no <c>break</c>, <c>continue</c> or
/// <c>return</c> — or is a loop that holds every use of <c>r</c> in the body and meets these rules itself.</description></item>
/// </list>
/// </summary>
internal static class ScratchArrays
{
    /// <summary>Moves every per-iteration array of <paramref name="body"/> among <paramref name="candidates"/> (those not yet checked: an inlined helper's arrays were placed in its own body) into its loop.</summary>
    public static BlockStmt Privatize(BlockStmt body, NameAllocator names, HashSet<string> candidates)
    {
        if (!IrTree.Descendants(body).OfType<ArrayDeclareStmt>().Any()) return body;
        var reassigned = new HashSet<string>(IrTree.Descendants(body).SelectMany(s => s switch
        {
            AssignStmt a => new[] { a.Name },
            AccumulateStmt a => new[] { a.Name },
            PopStmt p => new[] { p.Name },
            _ => System.Array.Empty<string>(),
        }));
        return new Mover(names, reassigned, candidates).RewriteBlock(body);
    }

    private sealed class Mover(NameAllocator names, HashSet<string> reassigned, HashSet<string> candidates) : IrRewriter
    {
        public override BlockStmt RewriteBlock(BlockStmt block)
        {
            var statements = block.Statements.ToList();
            for (int k = 0; k < statements.Count; k++)
            {
                if (statements[k] is not ArrayDeclareStmt array || !candidates.Contains(array.Name) || !IsInvariant(array.Length)) continue;
                var users = Enumerable.Range(k + 1, statements.Count - k - 1).Where(j => Mentions(statements[j], array.Name)).ToList();
                if (users.Count != 1 || !IsPerIteration(statements[users[0]], array)) continue;
                int j = users[0];
                var moved = array with { Scratch = array.Scratch ?? names.Fresh(array.Name + "Scratch") };
                statements[j] = WithFirst(statements[j], moved);
                statements.RemoveAt(k);
                k--;
            }
            // The moved declarations are now first in their loop's body, where they may move further in.
            return base.RewriteBlock(new BlockStmt(statements.ToEquatableArray()) { Source = block.Source });
        }

        private bool IsInvariant(Expr length)
        {
            var reads = new HashSet<string>();
            IrQueries.LocalReads(length, reads);
            return !reads.Overlaps(reassigned) && !IrTree.Descendants(new ReturnStmt(length)).SelectMany(IrTree.Expressions).Any(ReadsElements);
        }

        private static bool ReadsElements(Expr e) =>
            e is ArrayElementExpr or VariableElementExpr or SpanElementExpr || IrTree.Operands(e).Any(ReadsElements);
    }

    /// <summary>Rule 1 and 3 for the loop <paramref name="stmt"/>: every pass rewrites <paramref name="array"/> before reading it.</summary>
    private static bool IsPerIteration(Stmt stmt, ArrayDeclareStmt array)
    {
        BlockStmt body;
        switch (stmt)
        {
            case ForStmt f when !Mentions(f.Init, array.Name) && !Mentions(f.Increment, array.Name) && !(f.Condition is { } c && Mentions(c, array.Name)):
                body = f.Body;
                break;
            case WhileStmt w when !Mentions(w.Condition, array.Name):
                body = w.Body;
                break;
            default:
                return false;
        }
        var users = body.Statements.Select((s, j) => (s, j)).Where(p => Mentions(p.s, array.Name)).ToList();
        if (users.Count == 0) return false;
        var first = users[0].s;
        return Covers(first, array) || users.Count == 1 && IsPerIteration(first, array);
    }

    /// <summary>Rule 3's covering loop: <c>for (int i = 0; i &lt; length; i++) { … r[i] = e; … }</c>, reading no element of r.</summary>
    private static bool Covers(Stmt stmt, ArrayDeclareStmt array)
    {
        if (stmt is not ForStmt loop || IrQueries.CountingLoopCounter(loop) is not { } counter) return false;
        if (loop.Init.Statements[0] is not DeclareStmt { Init: ConstExpr { Value: 0 } }) return false;
        if (loop.Condition is not BinaryExpr { Op: BinaryOp.Less, Left: LocalExpr { Name: var left }, Right: var bound } || left != counter) return false;
        if (!Equals(bound, array.Length) && !Equals(bound, new ArrayLengthExpr(array.Name))) return false;
        if (IrQueries.ElementReads(loop).Contains(array.Name)) return false;
        if (IrTree.Descendants(loop.Body).Any(s => s is BreakStmt or ContinueStmt or ReturnStmt)) return false;
        return loop.Body.Statements.Any(s => s is ElementAssignStmt { Accumulate: false, Index: LocalExpr { Name: var index } } write
            && write.Array == array.Name && index == counter);
    }

    /// <summary>Puts <paramref name="declaration"/> first in the body of the loop <paramref name="loop"/>.</summary>
    private static Stmt WithFirst(Stmt loop, Stmt declaration)
    {
        static BlockStmt Prepend(BlockStmt b, Stmt s) => new BlockStmt(b.Statements.Prepend(s).ToEquatableArray()) { Source = b.Source };
        return loop switch
        {
            ForStmt f => f with { Body = Prepend(f.Body, declaration) },
            WhileStmt w => w with { Body = Prepend(w.Body, declaration) },
            _ => loop,
        };
    }

    private static bool Mentions(Stmt stmt, string array) => IrTree.Descendants(stmt).Any(s =>
        s is ElementAssignStmt { Array: var a } && a == array || IrTree.Expressions(s).Any(e => Mentions(e, array)));

    private static bool Mentions(Expr expr, string array)
    {
        var reads = new HashSet<string>();
        IrQueries.LocalReads(expr, reads);
        return reads.Contains(array);
    }
}
