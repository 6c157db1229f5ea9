using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using AutoDiffLbfgs.Generator.Model;

namespace AutoDiffLbfgs.Generator.Differentiation;

/// <summary>
/// Data-flow facts the reverse transform relies on: which locals a statement reads and writes, which locals are
/// active (depend on the variables), and which entry values the reverse of a statement needs.
/// </summary>
internal sealed class Analysis
{
    private readonly HashSet<string> _active;
    private readonly Dictionary<Stmt, HashSet<string>> _reads = new(ReferenceComparer<Stmt>.Instance);
    private readonly Dictionary<Stmt, HashSet<string>> _writes = new(ReferenceComparer<Stmt>.Instance);
    private readonly Dictionary<Stmt, HashSet<string>> _declared = new(ReferenceComparer<Stmt>.Instance);
    private readonly Dictionary<Stmt, HashSet<string>> _reverseReads = new(ReferenceComparer<Stmt>.Instance);

    private readonly HashSet<string> _reassigned = new();
    private readonly HashSet<string> _arrays = new();
    private readonly HashSet<string> _overwritten = new();

    /// <summary>Whether <paramref name="name"/> is a local array.</summary>
    public bool IsArray(string name) => _arrays.Contains(name);

    /// <summary>Whether <paramref name="name"/> is a write-once local array: its elements never need saving or taping.</summary>
    public bool IsWriteOnceArray(string name) => _arrays.Contains(name) && !_overwritten.Contains(name);

    /// <summary>Whether <paramref name="name"/> is an overwritten local array: saved and restored through its undo log.</summary>
    public bool IsOverwrittenArray(string name) => _overwritten.Contains(name);

    public Analysis(BlockStmt body)
    {
        _active = ComputeActive(body);
        var declarations = new HashSet<string>();
        foreach (var stmt in Descendants(body))
        {
            switch (stmt)
            {
                case DeclareStmt d when !declarations.Add(d.Name): _reassigned.Add(d.Name); break; // same name in sibling scopes
                case AssignStmt a: _reassigned.Add(a.Name); break;
                case AccumulateStmt acc: _reassigned.Add(acc.Name); break;
                case ArrayDeclareStmt a:
                    _arrays.Add(a.Name);
                    if (a.Overwritten) _overwritten.Add(a.Name);
                    break;
            }
        }
    }

    /// <summary>Whether local <paramref name="name"/> is assigned only by its declaration (never reassigned or accumulated).</summary>
    public bool IsSingleAssignment(string name) => !_reassigned.Contains(name);

    /// <summary>Whether local <paramref name="name"/> is active: floating-point and (transitively) dependent on the variables.</summary>
    public bool IsActive(string name) => _active.Contains(name);

    /// <summary>Whether <paramref name="expr"/> depends on the variables.</summary>
    public bool IsActive(Expr expr) => expr.Type.IsFloating() && DependsOnVariables(expr, _active);

    /// <summary>Locals whose value <paramref name="stmt"/> reads (accumulation targets are not reads).</summary>
    public HashSet<string> Reads(Stmt stmt)
    {
        if (_reads.TryGetValue(stmt, out var cached)) return cached;
        var set = new HashSet<string>();
        switch (stmt)
        {
            case DeclareStmt d when d.Init is not null: ExprReads(d.Init, set); break;
            case AssignStmt a: ExprReads(a.Value, set); break;
            case AccumulateStmt acc: ExprReads(acc.Value, set); break;
            case SpanAccumulateStmt s: ExprReads(s.Index, set); ExprReads(s.Value, set); break;
            case ElementAssignStmt e:
                ExprReads(e.Index, set);
                ExprReads(e.Value, set);
                if (e.Accumulate) set.Add(e.Array);
                break;
            case ArrayDeclareStmt a: ExprReads(a.Length, set); break;
            case UndoStmt u: ExprReads(u.Mark, set); break;
            case SpanRuleCallStmt call: foreach (var a in call.Args) ExprReads(a, set); break;
            case ReturnStmt r: ExprReads(r.Value, set); break;
            case PushStmt p: ExprReads(p.Value, set); break;
            case IfStmt i:
                ExprReads(i.Condition, set);
                set.UnionWith(Reads(i.Then));
                if (i.Else is not null) set.UnionWith(Reads(i.Else));
                break;
            case ForStmt f:
                set.UnionWith(Reads(f.Init));
                if (f.Condition is not null) ExprReads(f.Condition, set);
                set.UnionWith(Reads(f.Increment));
                set.UnionWith(Reads(f.Body));
                break;
            case WhileStmt w:
                ExprReads(w.Condition, set);
                set.UnionWith(Reads(w.Body));
                break;
            case BlockStmt b:
                foreach (var s in b.Statements) set.UnionWith(Reads(s));
                break;
        }
        set.ExceptWith(Declared(stmt));
        _reads[stmt] = set;
        return set;
    }

    /// <summary>Locals declared outside <paramref name="stmt"/> that it may write.</summary>
    public HashSet<string> Writes(Stmt stmt)
    {
        if (_writes.TryGetValue(stmt, out var cached)) return cached;
        var set = new HashSet<string>();
        switch (stmt)
        {
            case AssignStmt a: set.Add(a.Name); break;
            case AccumulateStmt acc: set.Add(acc.Name); break;
            case ElementAssignStmt e: set.Add(e.Array); break;
            case UndoStmt u: set.Add(u.Array); break;
            case SpanRuleCallStmt call: set.Add(call.Output); break;
            case PopStmt p: set.Add(p.Name); break;
            case IfStmt i:
                set.UnionWith(Writes(i.Then));
                if (i.Else is not null) set.UnionWith(Writes(i.Else));
                break;
            case ForStmt f:
                set.UnionWith(Writes(f.Init));
                set.UnionWith(Writes(f.Increment));
                set.UnionWith(Writes(f.Body));
                break;
            case WhileStmt w: set.UnionWith(Writes(w.Body)); break;
            case BlockStmt b:
                foreach (var s in b.Statements) set.UnionWith(Writes(s));
                break;
        }
        set.ExceptWith(Declared(stmt));
        _writes[stmt] = set;
        return set;
    }

    /// <summary>Locals a statement makes visible after itself or writes: its writes plus what a declaration declares.</summary>
    public HashSet<string> Defines(Stmt stmt)
    {
        if (stmt is DeclareStmt d) return new HashSet<string> { d.Name };
        if (stmt is ArrayDeclareStmt a) return new HashSet<string> { a.Name };
        return Writes(stmt);
    }

    /// <summary>Locals declared anywhere inside <paramref name="stmt"/> (scoped to it), not counting a top-level declaration itself.</summary>
    public HashSet<string> Declared(Stmt stmt)
    {
        if (_declared.TryGetValue(stmt, out var cached)) return cached;
        var set = new HashSet<string>();
        void Walk(Stmt s)
        {
            switch (s)
            {
                case DeclareStmt d: set.Add(d.Name); break;
                case ArrayDeclareStmt a: set.Add(a.Name); break;
                case IfStmt i: Walk(i.Then); if (i.Else is not null) Walk(i.Else); break;
                case ForStmt f: Walk(f.Init); Walk(f.Increment); Walk(f.Body); break;
                case WhileStmt w: Walk(w.Body); break;
                case BlockStmt b: foreach (var x in b.Statements) Walk(x); break;
            }
        }
        if (stmt is not (DeclareStmt or ArrayDeclareStmt)) Walk(stmt);
        _declared[stmt] = set;
        return set;
    }

    /// <summary>
    /// Locals whose entry values the reverse of <paramref name="stmt"/> reads: operands of partial derivatives, indices
    /// of gradient entries, branch conditions, and everything a compound statement re-runs forward.
    /// </summary>
    public HashSet<string> ReverseReads(Stmt stmt)
    {
        if (_reverseReads.TryGetValue(stmt, out var cached)) return cached;
        var set = new HashSet<string>();
        switch (stmt)
        {
            case DeclareStmt d when d.Init is not null && IsActive(d.Name): PartialReads(d.Init, set); break;
            case AssignStmt a when IsActive(a.Name): PartialReads(a.Value, set); break;
            case AccumulateStmt acc when IsActive(acc.Name): PartialReads(acc.Value, set); break;
            case ElementAssignStmt e when IsActive(e.Array): ExprReads(e.Index, set); PartialReads(e.Value, set); break;
            case ReturnStmt r: PartialReads(r.Value, set); break;
            case IfStmt i:
                ExprReads(i.Condition, set);
                set.UnionWith(ReverseReads(i.Then));
                if (i.Else is not null) set.UnionWith(ReverseReads(i.Else));
                break;
            case ForStmt or WhileStmt or BlockStmt:
                // The reverse of a compound statement re-runs (parts of) it forward, so it may read anything it reads.
                set.UnionWith(Reads(stmt));
                foreach (var child in Children(stmt)) set.UnionWith(ReverseReads(child));
                set.ExceptWith(Declared(stmt));
                break;
        }
        _reverseReads[stmt] = set;
        return set;
    }

    /// <summary>The local arrays whose elements <paramref name="stmt"/> reads anywhere inside it (a length alone does not count).</summary>
    public static HashSet<string> ElementReads(Stmt stmt)
    {
        var set = new HashSet<string>();
        foreach (var s in Descendants(stmt))
        {
            foreach (var e in DeadCode.Expressions(s)) Walk(e);
        }
        return set;

        void Walk(Expr e)
        {
            switch (e)
            {
                case ArrayElementExpr a: set.Add(a.Array); Walk(a.Index); break;
                case VariableElementExpr v: Walk(v.Index); break;
                case DataElementExpr d: Walk(d.Index); break;
                case SpanElementExpr sp: Walk(sp.Index); break;
                case UnaryExpr u: Walk(u.Operand); break;
                case BinaryExpr b: Walk(b.Left); Walk(b.Right); break;
                case CallExpr c: foreach (var x in c.Args) Walk(x); break;
                case UserCallExpr c: foreach (var x in c.Args) Walk(x); break;
                case SpanRuleCallExpr c: foreach (var x in c.Args) Walk(x); break;
                case HelperCallExpr h: foreach (var x in h.Args) Walk(x); break;
                case ConvertExpr c: Walk(c.Operand); break;
                case ConditionalExpr c: Walk(c.Condition); Walk(c.WhenTrue); Walk(c.WhenFalse); break;
            }
        }
    }

    /// <summary>The locals read by an expression.</summary>
    public static void ExprReads(Expr expr, HashSet<string> set)
    {
        switch (expr)
        {
            case LocalExpr l: set.Add(l.Name); break;
            case VariableElementExpr v: ExprReads(v.Index, set); break;
            case DataElementExpr d: ExprReads(d.Index, set); break;
            case SpanElementExpr s: ExprReads(s.Index, set); break;
            case ArrayElementExpr a: set.Add(a.Array); ExprReads(a.Index, set); break;
            case ArrayLengthExpr a: set.Add(a.Array); break;
            case UnaryExpr u: ExprReads(u.Operand, set); break;
            case BinaryExpr b: ExprReads(b.Left, set); ExprReads(b.Right, set); break;
            case CallExpr c: foreach (var a in c.Args) ExprReads(a, set); break;
            case UserCallExpr c: foreach (var a in c.Args) ExprReads(a, set); break;
            case SpanRuleCallExpr c: foreach (var a in c.Args) ExprReads(a, set); break;
            case HelperCallExpr h: foreach (var a in h.Args) ExprReads(a, set); break;
            case HelperTangentExpr h: foreach (var a in h.Args.Concat(h.ArgDots)) ExprReads(a, set); break;
            case ConvertExpr c: ExprReads(c.Operand, set); break;
            case ConditionalExpr c: ExprReads(c.Condition, set); ExprReads(c.WhenTrue, set); ExprReads(c.WhenFalse, set); break;
        }
    }

    /// <summary>The locals the partial derivatives of <paramref name="expr"/> need (a linear leaf needs nothing).</summary>
    public void PartialReads(Expr expr, HashSet<string> set)
    {
        if (!IsActive(expr)) return;
        switch (expr)
        {
            case LocalExpr: break; // a linear leaf: its partial is the seed itself
            case VariableElementExpr v: ExprReads(v.Index, set); break;
            case ArrayElementExpr a: ExprReads(a.Index, set); break; // a linear leaf: its adjoint goes to aBar[index]
            case UnaryExpr u: PartialReads(u.Operand, set); break;
            case ConvertExpr c: PartialReads(c.Operand, set); break;
            case BinaryExpr { Op: BinaryOp.Add or BinaryOp.Subtract } b:
                PartialReads(b.Left, set);
                PartialReads(b.Right, set);
                break;
            case BinaryExpr { Op: BinaryOp.Multiply } b:
                if (IsActive(b.Left)) { ExprReads(b.Right, set); PartialReads(b.Left, set); }
                if (IsActive(b.Right)) { ExprReads(b.Left, set); PartialReads(b.Right, set); }
                break;
            case BinaryExpr { Op: BinaryOp.Divide } b:
                ExprReads(b.Right, set);
                PartialReads(b.Left, set);
                if (IsActive(b.Right)) { ExprReads(b.Left, set); PartialReads(b.Right, set); }
                break;
            case CallExpr c:
                foreach (var a in c.Args) { ExprReads(a, set); PartialReads(a, set); }
                break;
            case UserCallExpr c:
                // The partials are expressions of the arguments (and of data) only.
                foreach (var a in c.Args) { ExprReads(a, set); PartialReads(a, set); }
                break;
            case SpanRuleCallExpr c:
                // The gradient is computed from the variables and the (inactive) arguments.
                foreach (var a in c.Args) ExprReads(a, set);
                break;
            case HelperCallExpr h:
                // The partials come from the helper's generated gradient, called with the arguments.
                foreach (var a in h.Args) { ExprReads(a, set); PartialReads(a, set); }
                break;
            case ConditionalExpr c:
                ExprReads(c.Condition, set);
                PartialReads(c.WhenTrue, set);
                PartialReads(c.WhenFalse, set);
                break;
            default:
                ExprReads(expr, set);
                break;
        }
    }

    /// <summary>
    /// The counter of a counting loop — its header declares one integer counter, only <c>counter++</c> (as
    /// <c>counter += 1</c>) advances it, and its body never assigns it — or null for any other loop. Such a loop visits
    /// each counter value once.
    /// </summary>
    public static string? CountingLoopCounter(ForStmt loop)
    {
        if (loop.Init.Statements.Count != 1 || loop.Init.Statements[0] is not DeclareStmt { Type: ScalarType.Int32 or ScalarType.Int64 } declaration) return null;
        string counter = declaration.Name;
        if (loop.Increment.Statements.Count != 1
            || loop.Increment.Statements[0] is not AccumulateStmt { Subtract: false, Value: ConstExpr { Value: 1 } } step
            || step.Name != counter)
        {
            return null;
        }
        bool assigned = Descendants(loop.Body).Any(s => s switch
        {
            DeclareStmt d => d.Name == counter,
            AssignStmt a => a.Name == counter,
            AccumulateStmt acc => acc.Name == counter,
            PopStmt p => p.Name == counter,
            _ => false,
        });
        return assigned ? null : counter;
    }

    /// <summary>Direct sub-statements of a compound statement.</summary>
    public static IEnumerable<Stmt> Children(Stmt stmt) => stmt switch
    {
        BlockStmt b => b.Statements,
        IfStmt i => i.Else is null ? new Stmt[] { i.Then } : new Stmt[] { i.Then, i.Else },
        ForStmt f => new Stmt[] { f.Init, f.Body, f.Increment },
        WhileStmt w => new Stmt[] { w.Body },
        _ => Enumerable.Empty<Stmt>(),
    };

    /// <summary>Every statement in <paramref name="stmt"/>, depth first.</summary>
    public static IEnumerable<Stmt> Descendants(Stmt stmt)
    {
        yield return stmt;
        foreach (var child in Children(stmt))
        {
            foreach (var d in Descendants(child)) yield return d;
        }
    }

    private static HashSet<string> ComputeActive(BlockStmt body)
    {
        var active = new HashSet<string>();
        var assignments = new List<(string Name, Expr Value)>();
        foreach (var stmt in Descendants(body))
        {
            switch (stmt)
            {
                case DeclareStmt { Init: not null } d when d.Type.IsFloating(): assignments.Add((d.Name, d.Init)); break;
                case AssignStmt a when a.Value.Type.IsFloating(): assignments.Add((a.Name, a.Value)); break;
                case AccumulateStmt acc when acc.Value.Type.IsFloating(): assignments.Add((acc.Name, acc.Value)); break;
                case ElementAssignStmt e when e.Value.Type.IsFloating(): assignments.Add((e.Array, e.Value)); break;
                case SpanRuleCallStmt { Direction: null } call: assignments.Add((call.Output, new VariableElementExpr(ScalarType.Double, new VariablesLengthExpr()))); break;
                case HelperGradientStmt g:
                    // Each partial derivative is a function of all the arguments.
                    for (int j = 0; j < g.Args.Count; j++)
                    {
                        if (g.Partials[j].Length > 0 && g.Args[j].Type.IsFloating()) assignments.Add((g.Partials[j], new HelperCallExpr(g.Args[j].Type, g.Helper, g.Args)));
                    }
                    break;
            }
        }
        bool changed = true;
        while (changed)
        {
            changed = false;
            foreach (var (name, value) in assignments)
            {
                if (!active.Contains(name) && DependsOnVariables(value, active))
                {
                    active.Add(name);
                    changed = true;
                }
            }
        }
        return active;
    }

    private static bool DependsOnVariables(Expr expr, HashSet<string> active) => expr switch
    {
        VariableElementExpr => true,
        LocalExpr l => l.Type.IsFloating() && active.Contains(l.Name),
        ArrayElementExpr a => a.Type.IsFloating() && active.Contains(a.Array),
        UnaryExpr u => u.Type.IsFloating() && DependsOnVariables(u.Operand, active),
        BinaryExpr b => b.Type.IsFloating() && (DependsOnVariables(b.Left, active) || DependsOnVariables(b.Right, active)),
        CallExpr c => c.Type.IsFloating() && !Lowering.KnownFunctions.IsPiecewiseConstant(c.Function) && c.Args.Any(a => DependsOnVariables(a, active)),
        UserCallExpr c => c.Type.IsFloating() && c.Args.Any(a => DependsOnVariables(a, active)),
        SpanRuleCallExpr c => c.Type.IsFloating(), // a function of the variables
        HelperCallExpr h => h.Type.IsFloating() && h.Args.Any(a => DependsOnVariables(a, active)),
        HelperTangentExpr h => h.Type.IsFloating() && h.Args.Concat(h.ArgDots).Any(a => DependsOnVariables(a, active)),
        ConvertExpr c => c.Type.IsFloating() && c.Operand.Type.IsFloating() && DependsOnVariables(c.Operand, active),
        ConditionalExpr c => c.Type.IsFloating() && (DependsOnVariables(c.WhenTrue, active) || DependsOnVariables(c.WhenFalse, active)),
        _ => false,
    };
}

/// <summary>Reference equality for IR nodes: structurally equal statements in different places must not share facts.</summary>
internal sealed class ReferenceComparer<T> : IEqualityComparer<T>
    where T : class
{
    public static readonly ReferenceComparer<T> Instance = new();

    public bool Equals(T? x, T? y) => ReferenceEquals(x, y);

    public int GetHashCode(T obj) => RuntimeHelpers.GetHashCode(obj);
}
