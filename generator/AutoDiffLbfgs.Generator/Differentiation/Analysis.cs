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
        foreach (var stmt in IrTree.Descendants(body))
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
            case DeclareStmt d when d.Init is not null: IrQueries.LocalReads(d.Init, set); break;
            case AssignStmt a: IrQueries.LocalReads(a.Value, set); break;
            case AccumulateStmt acc: IrQueries.LocalReads(acc.Value, set); break;
            case SpanAccumulateStmt s: IrQueries.LocalReads(s.Index, set); IrQueries.LocalReads(s.Value, set); break;
            case ElementAssignStmt e:
                IrQueries.LocalReads(e.Index, set);
                IrQueries.LocalReads(e.Value, set);
                if (e.Accumulate) set.Add(e.Array);
                break;
            case ArrayDeclareStmt a: IrQueries.LocalReads(a.Length, set); break;
            case UndoStmt u: IrQueries.LocalReads(u.Mark, set); break;
            case SpanRuleCallStmt call: foreach (var a in call.Args) IrQueries.LocalReads(a, set); break;
            case ReturnStmt r: IrQueries.LocalReads(r.Value, set); break;
            case PushStmt p: IrQueries.LocalReads(p.Value, set); break;
            case IfStmt i:
                IrQueries.LocalReads(i.Condition, set);
                set.UnionWith(Reads(i.Then));
                if (i.Else is not null) set.UnionWith(Reads(i.Else));
                break;
            case ForStmt f:
                set.UnionWith(Reads(f.Init));
                if (f.Condition is not null) IrQueries.LocalReads(f.Condition, set);
                set.UnionWith(Reads(f.Increment));
                set.UnionWith(Reads(f.Body));
                break;
            case WhileStmt w:
                IrQueries.LocalReads(w.Condition, set);
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
            case ElementAssignStmt e when IsActive(e.Array): IrQueries.LocalReads(e.Index, set); PartialReads(e.Value, set); break;
            case ReturnStmt r: PartialReads(r.Value, set); break;
            case IfStmt i:
                IrQueries.LocalReads(i.Condition, set);
                set.UnionWith(ReverseReads(i.Then));
                if (i.Else is not null) set.UnionWith(ReverseReads(i.Else));
                break;
            case ForStmt or WhileStmt or BlockStmt:
                // The reverse of a compound statement re-runs (parts of) it forward, so it may read anything it reads.
                set.UnionWith(Reads(stmt));
                foreach (var child in IrTree.Children(stmt)) set.UnionWith(ReverseReads(child));
                set.ExceptWith(Declared(stmt));
                break;
        }
        _reverseReads[stmt] = set;
        return set;
    }

    /// <summary>The locals the partial derivatives of <paramref name="expr"/> need (a linear leaf needs nothing).</summary>
    public void PartialReads(Expr expr, HashSet<string> set)
    {
        if (!IsActive(expr)) return;
        switch (expr)
        {
            case LocalExpr: break; // a linear leaf: its partial is the seed itself
            case VariableElementExpr v: IrQueries.LocalReads(v.Index, set); break;
            case ArrayElementExpr a: IrQueries.LocalReads(a.Index, set); break; // a linear leaf: its adjoint goes to aBar[index]
            case UnaryExpr u: PartialReads(u.Operand, set); break;
            case ConvertExpr c: PartialReads(c.Operand, set); break;
            case BinaryExpr { Op: BinaryOp.Add or BinaryOp.Subtract } b:
                PartialReads(b.Left, set);
                PartialReads(b.Right, set);
                break;
            case BinaryExpr { Op: BinaryOp.Multiply } b:
                if (IsActive(b.Left)) { IrQueries.LocalReads(b.Right, set); PartialReads(b.Left, set); }
                if (IsActive(b.Right)) { IrQueries.LocalReads(b.Left, set); PartialReads(b.Right, set); }
                break;
            case BinaryExpr { Op: BinaryOp.Divide } b:
                IrQueries.LocalReads(b.Right, set);
                PartialReads(b.Left, set);
                if (IsActive(b.Right)) { IrQueries.LocalReads(b.Left, set); PartialReads(b.Right, set); }
                break;
            case CallExpr c:
                foreach (var a in c.Args) { IrQueries.LocalReads(a, set); PartialReads(a, set); }
                break;
            case UserCallExpr c:
                // The partials are expressions of the arguments (and of data) only.
                foreach (var a in c.Args) { IrQueries.LocalReads(a, set); PartialReads(a, set); }
                break;
            case SpanRuleCallExpr c:
                // The gradient is computed from the variables and the (inactive) arguments.
                foreach (var a in c.Args) IrQueries.LocalReads(a, set);
                break;
            case HelperCallExpr h:
                // The partials come from the helper's generated gradient, called with the arguments.
                foreach (var a in h.Args) { IrQueries.LocalReads(a, set); PartialReads(a, set); }
                break;
            case ConditionalExpr c:
                IrQueries.LocalReads(c.Condition, set);
                PartialReads(c.WhenTrue, set);
                PartialReads(c.WhenFalse, set);
                break;
            default:
                IrQueries.LocalReads(expr, set);
                break;
        }
    }

    private static HashSet<string> ComputeActive(BlockStmt body)
    {
        var active = new HashSet<string>();
        var assignments = new List<(string Name, Expr Value)>();
        foreach (var stmt in IrTree.Descendants(body))
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
        CallExpr c => c.Type.IsFloating() && !c.Function.IsPiecewiseConstant() && c.Args.Any(a => DependsOnVariables(a, active)),
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
