using System.Collections.Generic;

namespace AutoDiffLbfgs.Generator.Model;

/// <summary>
/// The one rebuilding walk of the IR, as Roslyn's <c>CSharpSyntaxRewriter</c>: <see cref="Rewrite(Stmt)"/> and
/// <see cref="Rewrite(Expr)"/> dispatch on every node kind and, by default, rebuild the node from its rewritten
/// children, returning the node itself when no child changed (so reference-keyed facts about untouched statements stay
/// valid). A pass overrides only the nodes it changes. A node kind the rewriter does not know throws.
/// </summary>
/// <remarks>Rebuilding uses <c>with</c>, which keeps every other property, the statement's <c>Source</c> comment included.</remarks>
internal abstract class IrRewriter
{
    /// <summary>Rewrites a statement: dispatches on its kind.</summary>
    public virtual Stmt Rewrite(Stmt stmt) => stmt switch
    {
        BlockStmt b => RewriteBlock(b),
        IfStmt i => RewriteIf(i),
        ForStmt f => RewriteFor(f),
        WhileStmt w => RewriteWhile(w),
        DeclareStmt d => RewriteDeclare(d),
        AssignStmt a => RewriteAssign(a),
        AccumulateStmt acc => RewriteAccumulate(acc),
        SpanAccumulateStmt s => RewriteSpanAccumulate(s),
        ArrayDeclareStmt a => Same(a.Length, out var length) ? a : a with { Length = length },
        ElementAssignStmt e => RewriteElementAssign(e),
        UndoStmt u => Same(u.Mark, out var mark) ? u : u with { Mark = mark },
        SpanRuleCallStmt c => Same(c.Args, out var args) ? c : c with { Args = args },
        ReturnStmt r => Same(r.Value, out var value) ? r : r with { Value = value },
        PushStmt p => Same(p.Value, out var pushed) ? p : p with { Value = pushed },
        HelperGradientStmt g => Same(g.Args, out var gArgs) ? g : g with { Args = gArgs },
        HelperHessianVectorStmt h => Same(h.Args, out var hArgs) & Same(h.ArgDots, out var hDots) ? h : h with { Args = hArgs, ArgDots = hDots },
        UndoLogDeclareStmt or BreakStmt or ContinueStmt or PopStmt or CommentStmt => stmt,
        _ => throw IrTree.Unknown(stmt),
    };

    /// <summary>Rewrites an expression: dispatches on its kind.</summary>
    public virtual Expr Rewrite(Expr expr) => expr switch
    {
        LocalExpr l => RewriteLocal(l),
        VariableElementExpr v => RewriteVariableElement(v),
        SpanElementExpr s => RewriteSpanElement(s),
        UnaryExpr u => RewriteUnary(u),
        BinaryExpr b => RewriteBinary(b),
        ConstExpr or VariablesLengthExpr or DataExpr or LogCountExpr or ArrayLengthExpr => expr,
        DataElementExpr { Row: { } row } d => Same(d.Index, out var i0) & Same(row, out var r0) ? d : d with { Index = i0, Row = r0 },
        DataElementExpr d => Same(d.Index, out var i1) ? d : d with { Index = i1 },
        DataRowLengthExpr r => Same(r.Row, out var r1) ? r : r with { Row = r1 },
        ArrayElementExpr a => Same(a.Index, out var i2) ? a : a with { Index = i2 },
        CallExpr c => Same(c.Args, out var a1) ? c : c with { Args = a1 },
        UserCallExpr c => Same(c.Args, out var a2) ? c : c with { Args = a2 },
        SpanRuleCallExpr c => Same(c.Args, out var a3) ? c : c with { Args = a3 },
        HelperCallExpr h => Same(h.Args, out var a4) ? h : h with { Args = a4 },
        HelperTangentExpr h => Same(h.Args, out var a5) & Same(h.ArgDots, out var d5) ? h : h with { Args = a5, ArgDots = d5 },
        ConvertExpr c => Same(c.Operand, out var operand) ? c : c with { Operand = operand },
        ConditionalExpr c => RewriteConditional(c),
        _ => throw IrTree.Unknown(expr),
    };

    /// <summary>Rewrites every statement of a block.</summary>
    public virtual BlockStmt RewriteBlock(BlockStmt block)
    {
        List<Stmt>? changed = null;
        for (int k = 0; k < block.Statements.Count; k++)
        {
            var s = block.Statements[k];
            var r = Rewrite(s);
            if (changed is null && !ReferenceEquals(r, s))
            {
                changed = new List<Stmt>(block.Statements.Count);
                for (int j = 0; j < k; j++) changed.Add(block.Statements[j]);
            }
            changed?.Add(r);
        }
        return changed is null ? block : new BlockStmt(changed.ToEquatableArray()) { Source = block.Source };
    }

    protected virtual Stmt RewriteIf(IfStmt stmt)
    {
        var condition = Rewrite(stmt.Condition);
        var then = RewriteBlock(stmt.Then);
        var otherwise = stmt.Else is null ? null : RewriteBlock(stmt.Else);
        return ReferenceEquals(condition, stmt.Condition) && ReferenceEquals(then, stmt.Then) && ReferenceEquals(otherwise, stmt.Else)
            ? stmt
            : stmt with { Condition = condition, Then = then, Else = otherwise };
    }

    protected virtual Stmt RewriteFor(ForStmt stmt)
    {
        var init = RewriteBlock(stmt.Init);
        var condition = stmt.Condition is null ? null : Rewrite(stmt.Condition);
        var body = RewriteBlock(stmt.Body);
        var increment = RewriteBlock(stmt.Increment);
        return ReferenceEquals(init, stmt.Init) && ReferenceEquals(condition, stmt.Condition) && ReferenceEquals(body, stmt.Body) && ReferenceEquals(increment, stmt.Increment)
            ? stmt
            : stmt with { Init = init, Condition = condition, Body = body, Increment = increment };
    }

    protected virtual Stmt RewriteWhile(WhileStmt stmt)
    {
        var condition = Rewrite(stmt.Condition);
        var body = RewriteBlock(stmt.Body);
        return ReferenceEquals(condition, stmt.Condition) && ReferenceEquals(body, stmt.Body) ? stmt : stmt with { Condition = condition, Body = body };
    }

    protected virtual Stmt RewriteDeclare(DeclareStmt stmt)
    {
        if (stmt.Init is null) return stmt;
        return Same(stmt.Init, out var init) ? stmt : stmt with { Init = init };
    }

    protected virtual Stmt RewriteAssign(AssignStmt stmt) => Same(stmt.Value, out var value) ? stmt : stmt with { Value = value };

    protected virtual Stmt RewriteAccumulate(AccumulateStmt stmt) => Same(stmt.Value, out var value) ? stmt : stmt with { Value = value };

    protected virtual Stmt RewriteSpanAccumulate(SpanAccumulateStmt stmt) =>
        Same(stmt.Index, out var index) & Same(stmt.Value, out var value) ? stmt : stmt with { Index = index, Value = value };

    protected virtual Stmt RewriteElementAssign(ElementAssignStmt stmt) =>
        Same(stmt.Index, out var index) & Same(stmt.Value, out var value) ? stmt : stmt with { Index = index, Value = value };

    protected virtual Expr RewriteLocal(LocalExpr local) => local;

    protected virtual Expr RewriteVariableElement(VariableElementExpr element) => Same(element.Index, out var index) ? element : element with { Index = index };

    protected virtual Expr RewriteSpanElement(SpanElementExpr element) => Same(element.Index, out var index) ? element : element with { Index = index };

    protected virtual Expr RewriteUnary(UnaryExpr unary) => Same(unary.Operand, out var operand) ? unary : unary with { Operand = operand };

    protected virtual Expr RewriteBinary(BinaryExpr binary) =>
        Same(binary.Left, out var left) & Same(binary.Right, out var right) ? binary : binary with { Left = left, Right = right };

    protected virtual Expr RewriteConditional(ConditionalExpr c) =>
        Same(c.Condition, out var condition) & Same(c.WhenTrue, out var whenTrue) & Same(c.WhenFalse, out var whenFalse)
            ? c
            : c with { Condition = condition, WhenTrue = whenTrue, WhenFalse = whenFalse };

    /// <summary>Rewrites <paramref name="child"/>; true when it came back unchanged.</summary>
    private bool Same(Expr child, out Expr rewritten)
    {
        rewritten = Rewrite(child);
        return ReferenceEquals(rewritten, child);
    }

    /// <summary>Rewrites every expression of <paramref name="list"/>; true when none changed.</summary>
    private bool Same(EquatableArray<Expr> list, out EquatableArray<Expr> rewritten)
    {
        var items = new Expr[list.Count];
        bool same = true;
        for (int k = 0; k < items.Length; k++)
        {
            items[k] = Rewrite(list[k]);
            same &= ReferenceEquals(items[k], list[k]);
        }
        rewritten = same ? list : new EquatableArray<Expr>(items);
        return same;
    }
}
