using System;

namespace AutoDiffLbfgs.Generator.Model;

/// <summary>Rebuilds a statement tree with every simple statement replaced by what a function makes of it.</summary>
internal sealed class StmtMap : IrRewriter
{
    private readonly Func<Stmt, Stmt> _simple;

    private StmtMap(Func<Stmt, Stmt> simple) => _simple = simple;

    /// <summary>
    /// Applies <paramref name="simple"/> to every statement of <paramref name="stmt"/> that is not a block, an if or a
    /// loop (declarations, assignments, element writes…), keeping the structure and the source comments around them.
    /// </summary>
    public static Stmt Map(Stmt stmt, Func<Stmt, Stmt> simple) => new StmtMap(simple).Rewrite(stmt);

    /// <summary><see cref="Map"/> over a block.</summary>
    public static BlockStmt Block(BlockStmt block, Func<Stmt, Stmt> simple) => new StmtMap(simple).RewriteBlock(block);

    /// <inheritdoc />
    public override Stmt Rewrite(Stmt stmt) => stmt is BlockStmt or IfStmt or ForStmt or WhileStmt ? base.Rewrite(stmt) : _simple(stmt);

    /// <inheritdoc />
    public override Expr Rewrite(Expr expr) => expr;
}
