using System;
using System.Linq;

namespace AutoDiffLbfgs.Generator.Model;

/// <summary>Rebuilds a statement tree with every simple statement replaced by what a function makes of it.</summary>
internal static class StmtMap
{
    /// <summary>
    /// Applies <paramref name="simple"/> to every statement of <paramref name="stmt"/> that is not a block, an if or a
    /// loop (declarations, assignments, element writes…), keeping the structure and the source comments around them.
    /// </summary>
    public static Stmt Map(Stmt stmt, Func<Stmt, Stmt> simple) => stmt switch
    {
        BlockStmt b => Block(b, simple),
        IfStmt i => i with { Then = Block(i.Then, simple), Else = i.Else is null ? null : Block(i.Else, simple) },
        ForStmt f => f with { Init = Block(f.Init, simple), Body = Block(f.Body, simple), Increment = Block(f.Increment, simple) },
        WhileStmt w => w with { Body = Block(w.Body, simple) },
        _ => simple(stmt),
    };

    /// <summary><see cref="Map"/> over a block.</summary>
    public static BlockStmt Block(BlockStmt block, Func<Stmt, Stmt> simple) =>
        new(block.Statements.Select(s => Map(s, simple)).ToEquatableArray()) { Source = block.Source };
}
