using System.Collections.Generic;
using System.Linq;
using AutoDiffLbfgs.Generator.Model;

namespace AutoDiffLbfgs.Generator.Differentiation;

/// <summary>
/// Replaces an adjoint that is a known constant by that constant: at the top of the method <c>sBar</c> is declared
/// 0, receives <c>+= 1.0</c> from <c>return s;</c> and is only read afterwards, so every later <c>sBar * e</c> becomes
/// <c>e</c>. Products and sums are rebuilt through <see cref="ExprBuilder"/>, which folds the ones and zeros.
/// </summary>
internal static class ConstantAdjoints
{
    public static BlockStmt Run(BlockStmt body)
    {
        var statements = body.Statements.ToList();
        for (int j = 0; j < statements.Count; j++)
        {
            if (statements[j] is not AccumulateStmt { Subtract: false, Value: ConstExpr constant } seed || !constant.Type.IsFloating()) continue;
            int i = statements.FindIndex(s => s is DeclareStmt { Init: ConstExpr { Value: 0 } } d && d.Name == seed.Name);
            if (i < 0 || i > j) continue;
            if (statements.Skip(i + 1).Take(j - i - 1).Any(s => Reads(s, seed.Name))) continue;
            if (IrTree.Descendants(body).Count(s => Writes(s, seed.Name)) != 2) continue;

            var replacements = new Dictionary<string, Expr> { [seed.Name] = constant };
            var rewritten = statements.Take(j).Where((_, k) => k != i).ToList();
            var substitution = new Substitution(replacements, name => IrTree.Descendants(body).Count(s => Writes(s, name)) == 1);
            rewritten.AddRange(statements.Skip(j + 1).Select(substitution.Rewrite));
            var result = new BlockStmt(rewritten.ToEquatableArray());
            // A local that became a constant (`double d = 4.0;` from `d = sBar * 4.0`) is substituted too; its
            // declaration is then dead.
            return Run(substitution.Folded ? DeadCode.Remove(result) : result);
        }
        return body;
    }

    private static bool Reads(Stmt s, string name) =>
        IrTree.Descendants(s).Any(d => IrTree.Expressions(d).Any(e => IrQueries.Reads(e, name)));

    private static bool Writes(Stmt s, string name) => s switch
    {
        DeclareStmt d => d.Name == name,
        AssignStmt a => a.Name == name,
        AccumulateStmt acc => acc.Name == name,
        PopStmt p => p.Name == name,
        _ => false,
    };

    /// <summary>
    /// Replaces the locals of the map by their constants, folding the arithmetic around them through
    /// <see cref="ExprBuilder"/> (so <c>sBar * e</c> with sBar = 1 becomes <c>e</c>). A local declared once whose
    /// initializer folds to a constant joins the map, so the statements after it read the constant.
    /// </summary>
    private sealed class Substitution(Dictionary<string, Expr> map, System.Func<string, bool> writtenOnce) : IrRewriter
    {
        /// <summary>Whether a declared local folded to a constant and joined the map.</summary>
        public bool Folded { get; private set; }

        protected override Stmt RewriteDeclare(DeclareStmt stmt)
        {
            var rewritten = base.RewriteDeclare(stmt);
            if (stmt.Init is not ConstExpr && rewritten is DeclareStmt { Init: ConstExpr { Type: var type } constant } declared && type.IsFloating() && writtenOnce(declared.Name))
            {
                map[declared.Name] = constant;
                Folded = true;
            }
            return rewritten;
        }

        protected override Expr RewriteLocal(LocalExpr local) => map.TryGetValue(local.Name, out var value) ? value : local;

        protected override Expr RewriteUnary(UnaryExpr unary) =>
            unary.Op == UnaryOp.Negate ? ExprBuilder.Neg(Rewrite(unary.Operand)) : base.RewriteUnary(unary);

        protected override Expr RewriteBinary(BinaryExpr b)
        {
            if (!b.Type.IsFloating()) return base.RewriteBinary(b);
            return b.Op switch
            {
                BinaryOp.Add => ExprBuilder.Add(Rewrite(b.Left), Rewrite(b.Right)),
                BinaryOp.Subtract => ExprBuilder.Sub(Rewrite(b.Left), Rewrite(b.Right)),
                BinaryOp.Multiply => ExprBuilder.Mul(Rewrite(b.Left), Rewrite(b.Right)),
                BinaryOp.Divide => ExprBuilder.Div(Rewrite(b.Left), Rewrite(b.Right)),
                _ => base.RewriteBinary(b),
            };
        }
    }
}
