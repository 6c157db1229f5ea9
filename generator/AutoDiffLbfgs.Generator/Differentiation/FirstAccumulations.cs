using System.Collections.Generic;
using System.Linq;
using AutoDiffLbfgs.Generator.Model;

namespace AutoDiffLbfgs.Generator.Differentiation;

/// <summary>
/// Folds an adjoint declared as zero into its first accumulation: <c>double dxBar = 0.0; … dxBar += r2Bar * (2.0 * dx);</c>
/// becomes <c>double dxBar = r2Bar * (2.0 * dx);</c> where nothing between the two touches <c>dxBar</c>. The JIT cannot
/// do this itself (IEEE <c>0.0 + e</c> is not <c>e</c> when e is −0.0), and the extra add sits on the critical path of
/// every reverse step: in the Lennard-Jones pair loop it cost a fifth of the gradient's time.
/// </summary>
/// <remarks>Only the sign of a zero adjoint can differ (+0.0 instead of −0.0), which no comparison or sum notices.</remarks>
internal sealed class FirstAccumulations : IrRewriter
{
    public static BlockStmt Run(BlockStmt body) => new FirstAccumulations().RewriteBlock(body);

    /// <summary>Only statements are rebuilt: expressions stay as they are.</summary>
    public override Expr Rewrite(Expr expr) => expr;

    public override BlockStmt RewriteBlock(BlockStmt block)
    {
        var list = base.RewriteBlock(block).Statements.ToList();
        for (int i = 0; i < list.Count; i++)
        {
            if (list[i] is not DeclareStmt { Init: ConstExpr { Value: 0 } } zero || !zero.Type.IsFloating()) continue;
            int j = i + 1;
            while (j < list.Count && !Touches(list[j], zero.Name)) j++;
            if (j == list.Count || list[j] is not AccumulateStmt first || first.Name != zero.Name || IrQueries.Reads(first.Value, zero.Name)) continue;
            var init = first.Subtract ? ExprBuilder.Neg(first.Value) : first.Value;
            list[j] = new DeclareStmt(zero.Name, zero.Type, init) { Source = first.Source };
            list.RemoveAt(i);
            i--;
        }
        return new BlockStmt(list.ToEquatableArray()) { Source = block.Source };
    }

    private static bool Touches(Stmt stmt, string name) => IrTree.Descendants(stmt).Any(s =>
        IrTree.Expressions(s).Any(e => IrQueries.Reads(e, name)) || s switch
        {
            AssignStmt a => a.Name == name,
            AccumulateStmt acc => acc.Name == name,
            PopStmt p => p.Name == name,
            DeclareStmt d => d.Name == name,
            _ => false,
        });
}
