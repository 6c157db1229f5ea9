using System.Collections.Generic;
using System.Linq;
using AutoDiffLbfgs.Generator.Model;
using static AutoDiffLbfgs.Generator.Model.ExprBuilder;

namespace AutoDiffLbfgs.Generator.Differentiation;

/// <summary>
/// Keeps in a local the gradient entries a loop accumulates into at an index the loop does not change, and adds the
/// local to the entry once after the loop: the force on atom i summed over its partners j in a register, as a
/// hand-written pair loop does, instead of a load, an add and a store of <c>gradient[3 * i]</c> per pair.
/// </summary>
/// <remarks>
/// <para>Sound because generated gradient code never reads the gradient: it only accumulates into it, and sums do not
/// depend on when their terms are added (up to rounding), even when another accumulation of the loop reaches the same
/// entry. Inner loops are handled first, so an entry invariant in a whole loop nest is summed in a local of the
/// outermost loop that leaves its index unchanged.</para>
/// <para>The addition after the loop is guarded by <c>0 ≤ index &lt; x.Length</c>: when the loop runs, the original code
/// touched that entry (so the index is valid and the guard holds); when it does not, the local is zero and the guard
/// keeps an index the original never used from being touched.</para>
/// </remarks>
internal sealed class InvariantAccumulations : IrRewriter
{
    private readonly string _gradient;
    private readonly NameAllocator _names;

    private InvariantAccumulations(string gradient, NameAllocator names)
    {
        _gradient = gradient;
        _names = names;
    }

    public static BlockStmt Run(BlockStmt body, string gradient, NameAllocator names) => new InvariantAccumulations(gradient, names).RewriteBlock(body);

    /// <summary>Only statements are rebuilt: expressions stay as they are.</summary>
    public override Expr Rewrite(Expr expr) => expr;

    /// <summary>Each loop of the block, its inner loops done first, becomes its sums' declarations, the loop and the flushes.</summary>
    public override BlockStmt RewriteBlock(BlockStmt block)
    {
        var output = new List<Stmt>();
        foreach (var stmt in block.Statements)
        {
            var rewritten = Rewrite(stmt);
            var expanded = rewritten is ForStmt or WhileStmt ? Promote(rewritten, _gradient, _names) : new List<Stmt> { rewritten };
            // The sums are declared above the comment that introduces the loop, so the comment stays next to it.
            int at = output.Count;
            if (expanded.Count > 1 && at > 0 && output[at - 1] is CommentStmt) at--;
            int declarations = expanded.TakeWhile(s => s is DeclareStmt).Count();
            output.InsertRange(at, expanded.Take(declarations));
            output.AddRange(expanded.Skip(declarations));
        }
        return new BlockStmt(output.ToEquatableArray()) { Source = block.Source };
    }

    private static List<Stmt> Promote(Stmt loop, string gradient, NameAllocator names)
    {
        var analysis = new Analysis(new BlockStmt(new[] { loop }.ToEquatableArray()));
        var varying = new HashSet<string>(analysis.Writes(loop));
        varying.UnionWith(analysis.Declared(loop));
        var body = loop is ForStmt f ? f.Body : ((WhileStmt)loop).Body;
        var candidates = IrTree.Descendants(body).OfType<SpanAccumulateStmt>().Where(s => s.Span == gradient && !s.Store && !IrQueries.ReadsAny(s.Index, varying)).ToList();
        if (candidates.Count == 0) return new List<Stmt> { loop };

        var sums = new Dictionary<Expr, (string Name, ScalarType Type)>();
        foreach (var c in candidates)
        {
            if (!sums.ContainsKey(c.Index)) sums[c.Index] = (names.Fresh(gradient + "Sum"), c.Value.Type);
        }
        var promoted = new HashSet<Stmt>(candidates, ReferenceComparer<Stmt>.Instance);
        var newBody = StmtMap.Block(body, s => s is SpanAccumulateStmt a && promoted.Contains(a)
            ? new AccumulateStmt(sums[a.Index].Name, a.Subtract, a.Value) { Source = a.Source }
            : s);

        var output = new List<Stmt>();
        foreach (var entry in sums) output.Add(new DeclareStmt(entry.Value.Name, entry.Value.Type, Const(entry.Value.Type, 0)));
        output.Add(loop is ForStmt forLoop ? forLoop with { Body = newBody } : ((WhileStmt)loop) with { Body = newBody });
        foreach (var entry in sums)
        {
            var index = entry.Key;
            var valid = new BinaryExpr(ScalarType.Boolean, BinaryOp.And,
                Compare(BinaryOp.GreaterOrEqual, index, Literals.Integer(index.Type, 0)),
                Compare(BinaryOp.Less, index, new VariablesLengthExpr()));
            var flush = new SpanAccumulateStmt(gradient, index, false, Local(entry.Value.Type, entry.Value.Name));
            output.Add(new IfStmt(valid, new BlockStmt(new Stmt[] { flush }.ToEquatableArray()), null));
        }
        return output;
    }
}
