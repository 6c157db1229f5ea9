using System;
using System.Collections.Generic;
using System.Linq;

namespace AutoDiffLbfgs.Generator.Model;

/// <summary>
/// Rewrites early <c>return</c>, <c>break</c> and <c>continue</c> into boolean flags that guard the rest of the
/// block, so the reverse transform only meets structured code: sequences, <c>if</c> and loops. The body it returns
/// ends with exactly one top-level <c>return</c>.
/// </summary>
/// <remarks>
/// A return inside a loop sets the function's <c>done</c> flag; every loop around it tests the flag in its
/// condition, and each block guards the statements after one that may have set a flag. A <c>for</c> loop's
/// increment is skipped once the loop is left, so a counter declared outside keeps C#'s value.
/// </remarks>
internal sealed class Structurizer
{
    private readonly Func<string, NameAllocator, string> _fresh;
    private readonly NameAllocator _names;
    private readonly ScalarType _element;
    private string? _result;
    private string? _done;

    private Structurizer(NameAllocator names, ScalarType element, Func<string, NameAllocator, string>? fresh)
    {
        _names = names;
        _element = element;
        _fresh = fresh ?? ((name, allocator) => allocator.Fresh(name));
    }

    /// <summary>Structurizes <paramref name="body"/>, a method body of return type <paramref name="element"/>.</summary>
    /// <param name="body">The body; its returns, breaks and continues are rewritten.</param>
    /// <param name="names">Hands out the flags' names.</param>
    /// <param name="element">The type of the value the body returns.</param>
    /// <param name="fresh">
    /// How a flag's name is made from its preferred name; an inlined helper prefixes its own name so its flags read
    /// <c>softplusDone</c>, not <c>done</c>. Defaults to the preferred name made unique.
    /// </param>
    public static BlockStmt Run(BlockStmt body, NameAllocator names, ScalarType element, Func<string, NameAllocator, string>? fresh = null)
    {
        var statements = body.Statements;
        bool simple = statements.Count > 0
            && statements[statements.Count - 1] is ReturnStmt
            && !IrTree.Descendants(body).Any(s => s is BreakStmt or ContinueStmt)
            && IrTree.Descendants(body).Count(s => s is ReturnStmt) == 1;
        if (simple) return body;

        var structurizer = new Structurizer(names, element, fresh);
        return structurizer.RewriteBody(body);
    }

    private string Fresh(string name) => _fresh(name, _names);

    private BlockStmt RewriteBody(BlockStmt body)
    {
        var statements = body.Statements;
        bool endsWithReturn = statements.Count > 0 && statements[statements.Count - 1] is ReturnStmt;
        bool hasEarlyReturn = !endsWithReturn || IrTree.Descendants(body).Count(s => s is ReturnStmt) > 1;
        var output = new List<Stmt>();
        if (!hasEarlyReturn)
        {
            // Only break/continue to rewrite: keep the final return as it is.
            output.AddRange(RewriteSequence(statements.Take(statements.Count - 1).ToList(), loop: null).Statements);
            output.Add(statements[statements.Count - 1]);
            return new BlockStmt(output.ToEquatableArray());
        }
        _result = Fresh("result");
        _done = Fresh("done");
        output.Add(new DeclareStmt(_result, _element, Literals.Zero(_element)) { Source = "the value of the first return reached" });
        output.Add(new DeclareStmt(_done, ScalarType.Boolean, Literals.Boolean(false)));
        output.AddRange(RewriteSequence(statements, loop: null).Statements);
        output.Add(new ReturnStmt(new LocalExpr(_element, _result)));
        return new BlockStmt(output.ToEquatableArray());
    }

    /// <summary>The flags of the innermost enclosing loop: set by break and by continue.</summary>
    private sealed class LoopFlags
    {
        public string? Break;
        public string? Continue;
    }

    private BlockStmt RewriteSequence(IReadOnlyList<Stmt> statements, LoopFlags? loop)
    {
        var output = new List<Stmt>();
        for (int i = 0; i < statements.Count; i++)
        {
            var (rewritten, exits) = Rewrite(statements[i], loop);
            output.AddRange(rewritten);
            if (exits.Count > 0 && i + 1 < statements.Count)
            {
                var rest = RewriteSequence(statements.Skip(i + 1).ToList(), loop);
                if (rest.Statements.Count > 0) output.Add(new IfStmt(Not(exits), rest, null));
                break;
            }
        }
        return new BlockStmt(output.ToEquatableArray());
    }

    /// <summary>Rewrites one statement; also returns the flags it may set (which guard what follows it).</summary>
    private (List<Stmt> Statements, List<string> Exits) Rewrite(Stmt stmt, LoopFlags? loop)
    {
        var exits = new List<string>();
        var output = new List<Stmt>();
        switch (stmt)
        {
            case ReturnStmt r:
                output.Add(new AssignStmt(_result!, r.Value) { Source = r.Source });
                output.Add(new AssignStmt(_done!, Literals.Boolean(true)));
                exits.Add(_done!);
                break;
            case BreakStmt:
                output.Add(new AssignStmt(loop!.Break!, Literals.Boolean(true)) { Source = "break;" });
                exits.Add(loop.Break!);
                break;
            case ContinueStmt:
                output.Add(new AssignStmt(loop!.Continue!, Literals.Boolean(true)) { Source = "continue;" });
                exits.Add(loop.Continue!);
                break;
            case BlockStmt b:
                output.Add(RewriteSequence(b.Statements, loop));
                exits.AddRange(ExitsOf(b, loop));
                break;
            case IfStmt i:
                output.Add(i with
                {
                    Then = RewriteSequence(i.Then.Statements, loop),
                    Else = i.Else is null ? null : RewriteSequence(i.Else.Statements, loop),
                });
                exits.AddRange(ExitsOf(i, loop));
                break;
            case ForStmt or WhileStmt:
                output.AddRange(RewriteLoop(stmt));
                if (_done is not null && IrTree.Descendants(stmt).Any(s => s is ReturnStmt)) exits.Add(_done);
                break;
            default:
                output.Add(stmt);
                break;
        }
        return (output, exits.Distinct().ToList());
    }

    private List<string> ExitsOf(Stmt stmt, LoopFlags? loop)
    {
        // Flags set by break/continue belong to this loop only when not nested in an inner loop.
        var exits = new List<string>();
        void Walk(Stmt s)
        {
            switch (s)
            {
                case ReturnStmt: exits.Add(_done!); break;
                case BreakStmt: exits.Add(loop!.Break!); break;
                case ContinueStmt: exits.Add(loop!.Continue!); break;
                case ForStmt or WhileStmt:
                    if (IrTree.Descendants(s).Any(d => d is ReturnStmt)) exits.Add(_done!);
                    break;
                default:
                    foreach (var c in IrTree.Children(s)) Walk(c);
                    break;
            }
        }
        Walk(stmt);
        return exits;
    }

    private List<Stmt> RewriteLoop(Stmt loopStmt)
    {
        var body = loopStmt is ForStmt f ? f.Body : ((WhileStmt)loopStmt).Body;
        bool hasBreak = DirectJumps(body).Any(s => s is BreakStmt);
        bool hasContinue = DirectJumps(body).Any(s => s is ContinueStmt);
        bool hasReturn = IrTree.Descendants(body).Any(s => s is ReturnStmt);
        var flags = new LoopFlags
        {
            Break = hasBreak ? Fresh("exitLoop") : null,
            Continue = hasContinue ? Fresh("skipRest") : null,
        };
        var output = new List<Stmt>();
        if (flags.Break is not null) output.Add(new DeclareStmt(flags.Break, ScalarType.Boolean, Literals.Boolean(false)));

        var newBody = RewriteSequence(body.Statements, flags);
        if (flags.Continue is not null)
        {
            var statements = new List<Stmt> { new DeclareStmt(flags.Continue, ScalarType.Boolean, Literals.Boolean(false)) };
            statements.AddRange(newBody.Statements);
            newBody = new BlockStmt(statements.ToEquatableArray());
        }

        var stop = new List<string>();
        if (hasReturn) stop.Add(_done!);
        if (flags.Break is not null) stop.Add(flags.Break);

        switch (loopStmt)
        {
            case ForStmt forLoop:
                var condition = forLoop.Condition;
                var increment = forLoop.Increment;
                if (stop.Count > 0)
                {
                    condition = condition is null ? Not(stop) : And(Not(stop), condition);
                    if (increment.Statements.Count > 0)
                    {
                        increment = new BlockStmt(new Stmt[] { new IfStmt(Not(stop), increment, null) }.ToEquatableArray());
                    }
                }
                output.Add(forLoop with { Condition = condition, Increment = increment, Body = newBody });
                break;
            case WhileStmt whileLoop:
                output.Add(whileLoop with { Condition = stop.Count > 0 ? And(Not(stop), whileLoop.Condition) : whileLoop.Condition, Body = newBody });
                break;
        }
        return output;
    }

    /// <summary>break/continue statements that belong to the loop whose body this is (not to nested loops).</summary>
    private static IEnumerable<Stmt> DirectJumps(Stmt stmt)
    {
        foreach (var child in IrTree.Children(stmt))
        {
            if (child is BreakStmt or ContinueStmt) yield return child;
            else if (child is not (ForStmt or WhileStmt))
            {
                foreach (var j in DirectJumps(child)) yield return j;
            }
        }
    }

    private static Expr Not(IReadOnlyList<string> flags)
    {
        Expr any = new LocalExpr(ScalarType.Boolean, flags[0]);
        for (int i = 1; i < flags.Count; i++) any = new BinaryExpr(ScalarType.Boolean, BinaryOp.Or, any, new LocalExpr(ScalarType.Boolean, flags[i]));
        return new UnaryExpr(ScalarType.Boolean, UnaryOp.Not, any);
    }

    private static Expr And(Expr a, Expr b) => new BinaryExpr(ScalarType.Boolean, BinaryOp.And, a, b);
}
