using System.Collections.Generic;
using System.Linq;
using AutoDiffLbfgs.Generator.Model;

namespace AutoDiffLbfgs.Generator.Differentiation;

/// <summary>
/// Gives every nested call whose derivative needs its own value (Exp, Sqrt, Pow, Tan, Tanh, Cbrt) a local of its own,
/// declared just before the statement: <c>s += Math.Log(1 + Math.Exp(z));</c> becomes
/// <c>double exp = Math.Exp(z); s += Math.Log(1 + exp);</c>. The forward sweep then computes each such call once and the
/// reverse sweep reads the local instead of calling the function again.
/// </summary>
/// <remarks>
/// Only expressions a statement always evaluates are rewritten: the arms of <c>?:</c> (evaluated lazily), conditions
/// and the header of a <c>for</c> loop are left as they are, so no call runs that the user's code would not run.
/// </remarks>
internal sealed class CallHoisting : IrRewriter
{
    private readonly NameAllocator _names;

    private CallHoisting(NameAllocator names) => _names = names;

    public static BlockStmt Run(BlockStmt body, NameAllocator names) => new CallHoisting(names).RewriteBlock(body);

    /// <summary>Conditions and loop headers are left as they are (see the remarks); only statements' values are hoisted from.</summary>
    public override Expr Rewrite(Expr expr) => expr;

    public override BlockStmt RewriteBlock(BlockStmt block)
    {
        var output = new List<Stmt>();
        foreach (var stmt in block.Statements)
        {
            switch (stmt)
            {
                case DeclareStmt { Init: ConditionalExpr c } d when ArmsCallForValue(c):
                    // `double s = c ? f(Exp(a)) : g(Exp(b));` → declare, then an if whose arms can be hoisted lazily.
                    output.Add(new DeclareStmt(d.Name, d.Type, null));
                    output.Add(Rewrite(SplitConditional(d.Name, c, d.Source)));
                    break;
                case AssignStmt { Value: ConditionalExpr c } a when ArmsCallForValue(c):
                    output.Add(Rewrite(SplitConditional(a.Name, c, a.Source)));
                    break;
                case DeclareStmt { Init: { } init } d:
                    output.Add(d with { Init = Hoist(init, output, _names, top: true) });
                    break;
                case AssignStmt a:
                    output.Add(a with { Value = Hoist(a.Value, output, _names, top: false) });
                    break;
                case AccumulateStmt acc:
                    output.Add(acc with { Value = Hoist(acc.Value, output, _names, top: false) });
                    break;
                case ReturnStmt r:
                    output.Add(r with { Value = Hoist(r.Value, output, _names, top: false) });
                    break;
                case ElementAssignStmt element:
                    output.Add(element with { Value = Hoist(element.Value, output, _names, top: false) });
                    break;
                default:
                    output.Add(Rewrite(stmt)); // blocks, ifs and loops: their own blocks hoist into themselves
                    break;
            }
        }
        return new BlockStmt(output.ToEquatableArray());
    }

    /// <summary>A for loop's header is left as it is: only its body is hoisted from.</summary>
    protected override Stmt RewriteFor(ForStmt stmt) => stmt with { Body = RewriteBlock(stmt.Body) };

    private static IfStmt SplitConditional(string target, ConditionalExpr c, string? source) =>
        new(c.Condition,
            new BlockStmt(new Stmt[] { new AssignStmt(target, c.WhenTrue) { Source = source } }.ToEquatableArray()),
            new BlockStmt(new Stmt[] { new AssignStmt(target, c.WhenFalse) { Source = source } }.ToEquatableArray()))
        { Source = source };

    /// <summary>Whether an arm of <paramref name="c"/> holds a call whose derivative needs its value.</summary>
    private static bool ArmsCallForValue(ConditionalExpr c) => CallsForValue(c.WhenTrue) || CallsForValue(c.WhenFalse);

    private static bool CallsForValue(Expr e) => e switch
    {
        CallExpr c => (c.Type.IsFloating() && DerivativeRules.UsesValue(c.Function)) || c.Args.Any(CallsForValue),
        UnaryExpr u => CallsForValue(u.Operand),
        BinaryExpr b => CallsForValue(b.Left) || CallsForValue(b.Right),
        ConvertExpr c => CallsForValue(c.Operand),
        ConditionalExpr c => ArmsCallForValue(c),
        _ => false,
    };

    /// <param name="e">The expression to rewrite, children first.</param>
    /// <param name="output">Where the new declarations go (before the statement).</param>
    /// <param name="names">Fresh names.</param>
    /// <param name="top">Whether <paramref name="e"/> is a declaration's whole initializer: the declared local already holds its value.</param>
    private static Expr Hoist(Expr e, List<Stmt> output, NameAllocator names, bool top)
    {
        switch (e)
        {
            case UnaryExpr u:
                return u with { Operand = Hoist(u.Operand, output, names, false) };
            case BinaryExpr b:
                return b with { Left = Hoist(b.Left, output, names, false), Right = Hoist(b.Right, output, names, false) };
            case ConvertExpr c:
                return c with { Operand = Hoist(c.Operand, output, names, false) };
            case ConditionalExpr:
                return e; // lazily evaluated arms: leave them alone
            case CallExpr c:
                var call = c with { Args = c.Args.Select(a => Hoist(a, output, names, false)).ToEquatableArray() };
                if (top || !c.Type.IsFloating() || !DerivativeRules.UsesValue(c.Function)) return call;
                var name = names.Fresh(c.Function.ToString().ToLowerInvariant());
                output.Add(new DeclareStmt(name, c.Type, call));
                return new LocalExpr(c.Type, name);
            default:
                return e;
        }
    }
}
