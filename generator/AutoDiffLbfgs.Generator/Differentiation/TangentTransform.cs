using System.Collections.Generic;
using System.Linq;
using AutoDiffLbfgs.Generator.Model;
using static AutoDiffLbfgs.Generator.Model.ExprBuilder;

namespace AutoDiffLbfgs.Generator.Differentiation;

/// <summary>
/// Forward-mode (tangent) differentiation of generated gradient code along a direction given at run time: applied
/// to the output of <see cref="ReverseTransform"/> it yields Hessian-vector products (forward-over-reverse).
/// </summary>
/// <remarks>
/// Every active local <c>u</c> gets a tangent <c>uDot</c> = du/dt along x + t·v; <c>x[i]</c> has tangent <c>v[i]</c>;
/// an accumulation into the gradient becomes an accumulation of its tangent into the result, and the gradient
/// itself is not computed. Control flow is copied unchanged (the branch taken does not depend on t), tape pushes
/// and pops carry the tangents with the values. The rules for each operation are the first-order rules of
/// <see cref="DerivativeRules"/>, so second derivatives of every function come from one table.
/// </remarks>
internal sealed class TangentTransform
{
    private readonly Analysis _a;
    private readonly UserRules _rules;
    private readonly NameAllocator _names;
    private readonly string _gradient;
    private readonly string _direction;
    private readonly string _result;
    private readonly Dictionary<string, string> _dots = new();
    private readonly Dictionary<string, string> _dotLogs = new();
    private readonly Dictionary<SpanRuleCallExpr, Expr> _ruleTangents = new();

    /// <summary>Whether a <c>return e;</c> becomes <c>return eDot;</c> (a helper's generated tangent method) instead of being dropped.</summary>
    private readonly bool _returnsTangent;

    /// <summary>Whether a store into the result is kept when its tangent is zero (the result is not cleared where the gradient stores).</summary>
    private bool _keepZeroStores;

    private TangentTransform(Analysis analysis, NameAllocator names, string gradient, string direction, string result, UserRules rules, bool returnsTangent)
    {
        _returnsTangent = returnsTangent;
        _a = analysis;
        _rules = rules;
        _names = names;
        _gradient = gradient;
        _direction = direction;
        _result = result;
    }

    /// <summary>Transforms gradient code into code that accumulates ∇²f·v into <paramref name="result"/>.</summary>
    /// <remarks>
    /// With <paramref name="returnsTangent"/>, applied to a method body rather than to gradient code, it gives the body's
    /// directional derivative along <paramref name="direction"/>: each <c>return e;</c> returns e's tangent.
    /// </remarks>
    /// <param name="keepZeroStores">Whether a store into the result is kept when its tangent is zero: set when the result is not cleared where the gradient stores.</param>
    public static BlockStmt Run(BlockStmt gradientCode, NameAllocator names, string gradient, string direction, string result, UserRules? rules = null, bool returnsTangent = false, bool keepZeroStores = false)
    {
        var transform = new TangentTransform(new Analysis(gradientCode), names, gradient, direction, result, rules ?? UserRules.Empty, returnsTangent) { _keepZeroStores = keepZeroStores };
        return DeadCode.Remove(new BlockStmt(transform.Block(gradientCode.Statements).ToEquatableArray()));
    }

    private List<Stmt> Block(IEnumerable<Stmt> statements)
    {
        var output = new List<Stmt>();
        foreach (var s in statements) Statement(s, output);
        return output;
    }

    private BlockStmt TransformBlock(BlockStmt block) => new(Block(block.Statements).ToEquatableArray());

    private void Statement(Stmt stmt, List<Stmt> o)
    {
        if (stmt is DeclareStmt or AssignStmt or AccumulateStmt or ElementAssignStmt or SpanAccumulateStmt or HelperGradientStmt || (stmt is ReturnStmt && _returnsTangent))
        {
            // The tangents of span-rule calls are computed right before the statement, in its scope, for it alone.
            _ruleTangents.Clear();
            foreach (var e in IrTree.Expressions(stmt)) SpanRuleTangents(e, o);
        }
        switch (stmt)
        {
            case DeclareStmt d:
                o.Add(d);
                if (_a.IsActive(d.Name)) o.Add(new DeclareStmt(Dot(d.Name), d.Type, d.Init is null ? null : Tangent(d.Init, Local(d.Type, d.Name))));
                break;
            case AssignStmt a when _a.IsActive(a.Name):
            {
                var reads = new HashSet<string>();
                IrQueries.LocalReads(a.Value, reads);
                if (reads.Contains(a.Name))
                {
                    // The tangent reads the old value: compute it first.
                    o.Add(new AssignStmt(Dot(a.Name), Tangent(a.Value, null)));
                    o.Add(a);
                }
                else
                {
                    o.Add(a);
                    o.Add(new AssignStmt(Dot(a.Name), Tangent(a.Value, Local(a.Value.Type, a.Name))));
                }
                break;
            }
            case AccumulateStmt acc when _a.IsActive(acc.Name):
            {
                var tangent = Tangent(acc.Value, null);
                if (!IsConst(tangent, 0)) o.Add(new AccumulateStmt(Dot(acc.Name), acc.Subtract, tangent));
                o.Add(acc);
                break;
            }
            case ArrayDeclareStmt array:
                o.Add(array);
                if (_a.IsActive(array.Name)) o.Add(new ArrayDeclareStmt(Dot(array.Name), array.Element, new ArrayLengthExpr(array.Name), array.Storage, Clear: true) { Scratch = array.Scratch is null ? null : Dot(array.Scratch) });
                break;
            case ElementAssignStmt element when _a.IsActive(element.Array):
            {
                // The tangent is written first (it reads the old element when the value does). A zero tangent is only
                // skipped when accumulated into an array without a log: an overwrite must reset the tangent too, and a
                // logged write must log its tangent, entry for entry, so that one mark undoes both logs.
                var tangent = Tangent(element.Value, null);
                if (!element.Accumulate || element.Log is not null || !IsConst(tangent, 0))
                {
                    o.Add(new ElementAssignStmt(Dot(element.Array), element.Index, tangent, element.Accumulate) { Log = element.Log is null ? null : DotLog(element.Log) });
                }
                o.Add(element);
                break;
            }
            case SpanRuleCallStmt { Direction: null } call:
                // The tangent of ∇F(x) along v is ∇²F(x)·v: the user's Hessian-vector product, into the scratch's tangent.
                o.Add(call);
                if (_a.IsActive(call.Output)) o.Add(call with { Direction = _direction, Output = Dot(call.Output) });
                break;
            case UndoLogDeclareStmt log:
                o.Add(log);
                if (_a.IsActive(log.Array)) o.Add(new UndoLogDeclareStmt(DotLog(log.Log), Dot(log.Array), log.Element));
                break;
            case UndoStmt undo:
                // The tangents were logged with the values, entry for entry, so the same mark undoes both.
                o.Add(undo);
                if (_a.IsActive(undo.Array)) o.Add(new UndoStmt(DotLog(undo.Log), Dot(undo.Array), undo.Mark));
                break;
            case SpanAccumulateStmt s when s.Span == _gradient:
            {
                var tangent = Tangent(s.Value, null);
                // A store is kept even with a zero tangent where the result is not cleared first.
                if (s.Store && _keepZeroStores || !IsConst(tangent, 0)) o.Add(new SpanAccumulateStmt(_result, s.Index, s.Subtract, tangent) { Store = s.Store });
                break;
            }
            case IfStmt i:
                o.Add(i with { Then = TransformBlock(i.Then), Else = i.Else is null ? null : TransformBlock(i.Else) });
                break;
            case ForStmt f:
                o.Add(f with { Init = TransformBlock(f.Init), Increment = TransformBlock(f.Increment), Body = TransformBlock(f.Body) });
                break;
            case WhileStmt w:
                o.Add(w with { Body = TransformBlock(w.Body) });
                break;
            case BlockStmt b:
                o.Add(TransformBlock(b));
                break;
            case PushStmt { Value: LocalExpr l } p:
                o.Add(p);
                if (_a.IsActive(l.Name)) o.Add(new PushStmt(Local(l.Type, Dot(l.Name)), false));
                break;
            case PopStmt p:
                if (_a.IsActive(p.Name)) o.Add(new PopStmt(Dot(p.Name), p.Type));
                o.Add(p);
                break;
            case ReturnStmt r when _returnsTangent:
                o.Add(new ReturnStmt(Tangent(r.Value, null)));
                break;
            case ReturnStmt:
                break; // the Hessian-vector product returns nothing
            case HelperGradientStmt g:
                o.Add(g);
                HelperPartialTangents(g, o);
                break;
            default:
                o.Add(stmt);
                break;
        }
    }

    /// <summary>The tangent of <paramref name="e"/>; <paramref name="value"/> is a local already holding e's value, if any.</summary>
    private Expr Tangent(Expr e, Expr? value)
    {
        var zero = Const(e.Type, 0);
        if (!_a.IsActive(e)) return zero;
        switch (e)
        {
            case LocalExpr l:
                return Local(l.Type, Dot(l.Name));
            case VariableElementExpr v:
                return new SpanElementExpr(v.Type, _direction, v.Index);
            case ArrayElementExpr a:
                return new ArrayElementExpr(a.Type, Dot(a.Array), a.Index);
            case UnaryExpr { Op: UnaryOp.Negate } u:
                return Neg(Tangent(u.Operand, null));
            case ConvertExpr c:
                return Conversions.Convert(Tangent(c.Operand, null), c.Type);
            case ConditionalExpr c:
                return Select(c.Condition, Tangent(c.WhenTrue, null), Tangent(c.WhenFalse, null));
            case BinaryExpr b:
            {
                var ta = Tangent(b.Left, null);
                var tb = Tangent(b.Right, null);
                return b.Op switch
                {
                    BinaryOp.Add => Add(ta, tb),
                    BinaryOp.Subtract => Sub(ta, tb),
                    BinaryOp.Multiply when b.Left.Equals(b.Right) => Mul(Const(b.Type, 2), Mul(b.Left, ta)),
                    BinaryOp.Multiply => Add(Mul(ta, b.Right), Mul(b.Left, tb)),
                    // d(a/b) = (da − (a/b)·db)/b
                    BinaryOp.Divide => IsConst(tb, 0) ? Div(ta, b.Right) : Div(Sub(ta, Mul(value ?? Div(b.Left, b.Right), tb)), b.Right),
                    _ => zero,
                };
            }
            case CallExpr c:
            {
                var args = c.Args.ToArray();
                var selection = DerivativeRules.Selection(c.Function, args);
                if (selection is not null)
                {
                    var first = Tangent(args[0], null);
                    var second = c.Function == MathFunction.Abs ? Neg(first) : Tangent(args[1], null);
                    return Select(selection, first, second);
                }
                Expr sum = zero;
                foreach (var (index, partial) in DerivativeRules.Partials(c.Function, c.Type, args, value ?? c, _a.IsActive))
                {
                    var t = Tangent(args[index], null);
                    if (!IsConst(t, 0)) sum = Add(sum, Mul(partial, t));
                }
                return sum;
            }
            case SpanRuleCallExpr call:
                return _ruleTangents[call];
            case UserCallExpr u:
            {
                Expr sum = zero;
                for (int i = 0; i < u.Args.Count; i++)
                {
                    var t = Tangent(u.Args[i], null);
                    if (!IsConst(t, 0)) sum = Add(sum, Mul(_rules.Partial(u, i), t));
                }
                return sum;
            }
            case HelperCallExpr h:
            {
                var dots = ArgumentTangents(h.Args);
                return dots.Any(d => !IsConst(d, 0) && d.Type.IsFloating()) ? new HelperTangentExpr(h.Type, h.Helper, h.Args, dots) : zero;
            }
            case UnaryExpr or BinaryExpr:
                return zero; // a logical or integer operation
            default:
                // An active expression of a kind with no tangent rule: never emit a silently wrong derivative.
                throw IrTree.Unknown(e);
        }
    }

    /// <summary>
    /// Computes, before the statement that evaluates it, the tangent of every span-rule call in <paramref name="e"/>:
    /// ∇F(x)·v, from the user's gradient into a pooled scratch array.
    /// </summary>
    private void SpanRuleTangents(Expr e, List<Stmt> o) => new SpanRuleCalls(this, o).Visit(e);

    /// <summary>Finds the span-rule calls an expression evaluates (not in a condition, whose tangent nothing needs).</summary>
    private sealed class SpanRuleCalls(TangentTransform transform, List<Stmt> o) : IrWalker
    {
        protected override void VisitConditional(ConditionalExpr conditional)
        {
            Visit(conditional.WhenTrue);
            Visit(conditional.WhenFalse);
        }

        protected override void VisitSpanRuleCall(SpanRuleCallExpr call) => transform.SpanRuleTangent(call, o);
    }

    private void SpanRuleTangent(SpanRuleCallExpr call, List<Stmt> o)
    {
        if (_ruleTangents.ContainsKey(call)) return;
        var name = ReverseTransform.ShortName(call.Method);
        var scratch = _names.Fresh(name + "Gradient");
        var dot = _names.Fresh(name + "Dot");
        var counter = _names.Fresh("i");
        o.Add(new DeclareStmt(dot, call.Type, Const(call.Type, 0)));
        o.AddRange(ReverseTransform.ForEachGradientEntry(call, scratch, counter, call.Windowed ? _names.Fresh(name + "Start") : "", (entry, variable) =>
            new AccumulateStmt(dot, false, Mul(new ArrayElementExpr(call.Type, scratch, entry), new SpanElementExpr(call.Type, _direction, variable)))));
        _ruleTangents[call] = Local(call.Type, dot);
    }

    private string DotLog(string log)
    {
        if (!_dotLogs.TryGetValue(log, out var dot))
        {
            dot = _names.Fresh(log + "Dot");
            _dotLogs[log] = dot;
        }
        return dot;
    }

    /// <summary>The tangents of a helper call's arguments; an integer or bool argument, which has none, stands for itself.</summary>
    private EquatableArray<Expr> ArgumentTangents(EquatableArray<Expr> args) =>
        args.Select(a => a.Type.IsFloating() ? Tangent(a, null) : a).ToEquatableArray();

    /// <summary>
    /// The tangents of the partial derivatives a helper's generated gradient declares: d/dt ∂H/∂argⱼ = (∇²H·argDot)ⱼ,
    /// from the helper's generated Hessian-vector product at the same arguments.
    /// </summary>
    private void HelperPartialTangents(HelperGradientStmt g, List<Stmt> o)
    {
        var results = g.Partials.Select(p => p.Length > 0 && _a.IsActive(p) ? Dot(p) : "").ToEquatableArray();
        if (results.All(r => r.Length == 0)) return;
        o.Add(new HelperHessianVectorStmt(g.Helper, g.Args, ArgumentTangents(g.Args), results));
    }

    private string Dot(string name)
    {
        if (!_dots.TryGetValue(name, out var dot))
        {
            dot = _names.Fresh(name + "Dot");
            _dots[name] = dot;
        }
        return dot;
    }
}
