using System;
using System.Collections.Generic;
using System.Linq;
using AutoDiffLbfgs.Generator.Model;

namespace AutoDiffLbfgs.Generator.Differentiation;

/// <summary>
/// Merges adjacent accumulations into the same target, <c>g[i] -= a; g[i] -= b;</c> into <c>g[i] -= a + b;</c> and
/// <c>uBar += a; uBar += b;</c> into <c>uBar += a + b;</c>: one read-modify-write of memory instead of two, which is
/// what a hand-written gradient does. The second addend must not read the target. Comments left heading no code are dropped.
/// </summary>
internal sealed class AccumulationMerging : IrRewriter
{
    public static BlockStmt Run(BlockStmt block) => new AccumulationMerging().RewriteBlock(block);

    /// <summary>Only statements are rebuilt: expressions stay as they are.</summary>
    public override Expr Rewrite(Expr expr) => expr;

    public override BlockStmt RewriteBlock(BlockStmt block)
    {
        var output = new List<Stmt>();
        foreach (var stmt in block.Statements)
        {
            var current = Rewrite(stmt);
            // The previous statement, looking past the comments that head each adjoint block.
            int last = output.Count - 1;
            while (last >= 0 && output[last] is CommentStmt) last--;
            if (last >= 0 && TryMerge(output[last], current) is { } merged)
            {
                // The comments in between now describe part of the merged statement: fold them into the comment above it.
                var folded = output.GetRange(last + 1, output.Count - last - 1).Cast<CommentStmt>().ToList();
                output.RemoveRange(last + 1, output.Count - last - 1);
                output[last] = merged;
                int heading = last - 1;
                while (heading >= 0 && output[heading] is not CommentStmt && IsAccumulation(output[heading])) heading--;
                if (folded.Count > 0 && heading >= 0 && output[heading] is CommentStmt { Text: var text } && text.StartsWith(Prefix, StringComparison.Ordinal))
                {
                    output[heading] = new CommentStmt(text + "; " + string.Join("; ", folded.Select(c => c.Text.StartsWith(Prefix, StringComparison.Ordinal) ? c.Text.Substring(Prefix.Length) : c.Text)));
                }
                continue;
            }
            if (current is SpanAccumulateStmt later && TryMergeEarlier(output, later) is { } combined)
            {
                output.Add(combined);
                continue;
            }
            output.Add(current);
        }
        // A comment heads the code after it; one left with no code of its own (its statements merged or folded away) goes.
        for (int k = output.Count - 1; k >= 0; k--)
        {
            if (output[k] is CommentStmt && (k == output.Count - 1 || output[k + 1] is CommentStmt)) output.RemoveAt(k);
        }
        return new BlockStmt(output.ToEquatableArray());
    }

    private const string Prefix = "adjoint of: ";

    private static bool IsAccumulation(Stmt stmt) => stmt is SpanAccumulateStmt or AccumulateStmt;

    /// <summary>
    /// Finds an earlier accumulation into the same entry, separated from <paramref name="later"/> only by straight-line
    /// statements that do not change what it reads, removes it and returns the combined statement (the entries of
    /// <c>g[2i] -= t2Bar; g[2i + 1] += d; g[2i] -= d·2x</c> are each written once). Only the order of the additions into
    /// one entry changes.
    /// </summary>
    private static Stmt? TryMergeEarlier(List<Stmt> output, SpanAccumulateStmt later)
    {
        var written = new HashSet<string>();
        for (int k = output.Count - 1; k >= 0; k--)
        {
            switch (output[k])
            {
                case SpanAccumulateStmt earlier when earlier.Span == later.Span && earlier.Index.Equals(later.Index):
                    var reads = new HashSet<string>();
                    IrQueries.LocalReads(earlier.Index, reads);
                    IrQueries.LocalReads(earlier.Value, reads);
                    if (reads.Overlaps(written)) return null;
                    output.RemoveAt(k);
                    return earlier with { Value = Combine(earlier.Value, earlier.Subtract, later.Value, later.Subtract) };
                case SpanAccumulateStmt or CommentStmt:
                    break;
                case DeclareStmt d:
                    written.Add(d.Name);
                    break;
                case AssignStmt a:
                    written.Add(a.Name);
                    break;
                case AccumulateStmt acc:
                    written.Add(acc.Name);
                    break;
                default:
                    return null; // control flow or the tape: stop looking
            }
        }
        return null;
    }

    private static Stmt? TryMerge(Stmt first, Stmt second)
    {
        switch (first, second)
        {
            case (SpanAccumulateStmt a, SpanAccumulateStmt b) when a.Span == b.Span && a.Index.Equals(b.Index):
                return a with { Value = Combine(a.Value, a.Subtract, b.Value, b.Subtract) };
            // Only generated accumulations (adjoints) are merged: a user's `s += a; s -= b;` keeps its own rounding, so the
            // gradient returns exactly the value the user's method computes.
            case (AccumulateStmt a, AccumulateStmt b) when a.Name == b.Name && !IrQueries.Reads(b.Value, a.Name) && a.Source is null && b.Source is null:
                return a with { Value = Combine(a.Value, a.Subtract, b.Value, b.Subtract), Source = a.Source ?? b.Source };
            default:
                return null;
        }
    }

    /// <summary>The addend that keeps <paramref name="firstSubtract"/>'s sign: (±a) + (±b) written relative to a's sign.</summary>
    private static Expr Combine(Expr a, bool firstSubtract, Expr b, bool secondSubtract) =>
        firstSubtract == secondSubtract ? ExprBuilder.Add(a, b) : ExprBuilder.Sub(a, b);
}
