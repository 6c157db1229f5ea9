using System;
using System.Collections.Generic;
using System.Linq;

namespace AutoDiffLbfgs.Generator.Model;

/// <summary>
/// The one read-only walk of the IR, as Roslyn's <c>OperationWalker</c>: <see cref="Visit(Stmt)"/> and
/// <see cref="Visit(Expr)"/> dispatch on every node kind and, by default, visit every child (the expressions a
/// statement evaluates, in evaluation order, then its sub-statements). A pass overrides only the nodes it cares about
/// and calls the base to keep walking. A node kind the walker does not know throws: a new kind must be added here (and
/// to <see cref="IrRewriter"/> and the printer) before any pass can meet it, so no pass skips it silently.
/// </summary>
internal abstract class IrWalker
{
    /// <summary>Visits a statement: dispatches on its kind.</summary>
    public virtual void Visit(Stmt stmt)
    {
        switch (stmt)
        {
            case BlockStmt b: VisitBlock(b); break;
            case IfStmt i: VisitIf(i); break;
            case ForStmt f: VisitFor(f); break;
            case WhileStmt w: VisitWhile(w); break;
            case DeclareStmt or AssignStmt or AccumulateStmt or SpanAccumulateStmt or ArrayDeclareStmt or ElementAssignStmt
                or UndoLogDeclareStmt or UndoStmt or SpanRuleCallStmt or BreakStmt or ContinueStmt or ReturnStmt
                or PushStmt or PopStmt or CommentStmt or HelperGradientStmt or HelperHessianVectorStmt:
                VisitSimple(stmt);
                break;
            default: throw IrTree.Unknown(stmt);
        }
    }

    /// <summary>Visits an expression: dispatches on its kind.</summary>
    public virtual void Visit(Expr expr)
    {
        switch (expr)
        {
            case LocalExpr l: VisitLocal(l); break;
            case ArrayElementExpr a: VisitArrayElement(a); break;
            case ArrayLengthExpr a: VisitArrayLength(a); break;
            case ConditionalExpr c: VisitConditional(c); break;
            case SpanRuleCallExpr c: VisitSpanRuleCall(c); break;
            case ConstExpr or VariableElementExpr or VariablesLengthExpr or DataExpr or DataElementExpr or DataRowLengthExpr or SpanElementExpr
                or LogCountExpr or UnaryExpr or BinaryExpr or CallExpr or UserCallExpr or ConvertExpr
                or HelperCallExpr or HelperTangentExpr:
                VisitOperands(expr);
                break;
            default: throw IrTree.Unknown(expr);
        }
    }

    /// <summary>Visits every statement of a block in order.</summary>
    protected virtual void VisitBlock(BlockStmt block)
    {
        foreach (var s in block.Statements) Visit(s);
    }

    /// <summary>The condition, then the branches.</summary>
    protected virtual void VisitIf(IfStmt stmt)
    {
        Visit(stmt.Condition);
        Visit(stmt.Then);
        if (stmt.Else is not null) Visit(stmt.Else);
    }

    /// <summary>The header's initializers, the condition, the body, then the increment.</summary>
    protected virtual void VisitFor(ForStmt stmt)
    {
        Visit(stmt.Init);
        if (stmt.Condition is not null) Visit(stmt.Condition);
        Visit(stmt.Body);
        Visit(stmt.Increment);
    }

    /// <summary>The condition, then the body.</summary>
    protected virtual void VisitWhile(WhileStmt stmt)
    {
        Visit(stmt.Condition);
        Visit(stmt.Body);
    }

    /// <summary>A statement without sub-statements: visits the expressions it evaluates.</summary>
    protected virtual void VisitSimple(Stmt stmt)
    {
        foreach (var e in IrTree.Expressions(stmt)) Visit(e);
    }

    /// <summary>A local read (user or generated).</summary>
    protected virtual void VisitLocal(LocalExpr local) { }

    /// <summary>An element of a local array: its index.</summary>
    protected virtual void VisitArrayElement(ArrayElementExpr element) => Visit(element.Index);

    /// <summary>The length of a local array.</summary>
    protected virtual void VisitArrayLength(ArrayLengthExpr length) { }

    /// <summary><c>c ? a : b</c>: the condition, then both arms.</summary>
    protected virtual void VisitConditional(ConditionalExpr conditional) => VisitOperands(conditional);

    /// <summary>A call of a span rule: its data arguments.</summary>
    protected virtual void VisitSpanRuleCall(SpanRuleCallExpr call) => VisitOperands(call);

    /// <summary>Visits the operands of <paramref name="expr"/> in evaluation order.</summary>
    protected void VisitOperands(Expr expr)
    {
        foreach (var operand in IrTree.Operands(expr)) Visit(operand);
    }
}

/// <summary>The shape of the IR: the children of every node kind, listed once.</summary>
internal static class IrTree
{
    /// <summary>The direct sub-statements of a statement (a simple statement has none).</summary>
    public static IEnumerable<Stmt> Children(Stmt stmt) => stmt switch
    {
        BlockStmt b => b.Statements,
        IfStmt i => i.Else is null ? new Stmt[] { i.Then } : new Stmt[] { i.Then, i.Else },
        ForStmt f => new Stmt[] { f.Init, f.Body, f.Increment },
        WhileStmt w => new Stmt[] { w.Body },
        DeclareStmt or AssignStmt or AccumulateStmt or SpanAccumulateStmt or ArrayDeclareStmt or ElementAssignStmt
            or UndoLogDeclareStmt or UndoStmt or SpanRuleCallStmt or BreakStmt or ContinueStmt or ReturnStmt
            or PushStmt or PopStmt or CommentStmt or HelperGradientStmt or HelperHessianVectorStmt => Enumerable.Empty<Stmt>(),
        _ => throw Unknown(stmt),
    };

    /// <summary>Every statement in <paramref name="stmt"/>, itself first, depth first.</summary>
    public static IEnumerable<Stmt> Descendants(Stmt stmt)
    {
        yield return stmt;
        foreach (var child in Children(stmt))
        {
            foreach (var d in Descendants(child)) yield return d;
        }
    }

    /// <summary>The expressions a statement evaluates itself, in evaluation order (not those of its sub-statements).</summary>
    public static IEnumerable<Expr> Expressions(Stmt s) => s switch
    {
        ArrayDeclareStmt a => new[] { a.Length },
        ElementAssignStmt e => new[] { e.Index, e.Value },
        UndoStmt u => new[] { u.Mark },
        SpanRuleCallStmt call => call.Args,
        DeclareStmt d => d.Init is null ? Enumerable.Empty<Expr>() : new[] { d.Init },
        AssignStmt a => new[] { a.Value },
        AccumulateStmt acc => new[] { acc.Value },
        SpanAccumulateStmt sa => new[] { sa.Index, sa.Value },
        IfStmt i => new[] { i.Condition },
        ForStmt f => f.Condition is null ? Enumerable.Empty<Expr>() : new[] { f.Condition },
        WhileStmt w => new[] { w.Condition },
        ReturnStmt r => new[] { r.Value },
        PushStmt p => new[] { p.Value },
        HelperGradientStmt g => g.Args,
        HelperHessianVectorStmt h => h.Args.Concat(h.ArgDots),
        BlockStmt or UndoLogDeclareStmt or BreakStmt or ContinueStmt or PopStmt or CommentStmt => Enumerable.Empty<Expr>(),
        _ => throw Unknown(s),
    };

    /// <summary>The direct operands of an expression, in evaluation order.</summary>
    public static IEnumerable<Expr> Operands(Expr e) => e switch
    {
        ConstExpr or LocalExpr or VariablesLengthExpr or DataExpr or LogCountExpr or ArrayLengthExpr => Enumerable.Empty<Expr>(),
        VariableElementExpr v => new[] { v.Index },
        DataElementExpr { Row: { } row } d => new[] { row, d.Index },
        DataElementExpr d => new[] { d.Index },
        DataRowLengthExpr r => new[] { r.Row },
        SpanElementExpr s => new[] { s.Index },
        ArrayElementExpr a => new[] { a.Index },
        UnaryExpr u => new[] { u.Operand },
        BinaryExpr b => new[] { b.Left, b.Right },
        CallExpr c => c.Args,
        UserCallExpr c => c.Args,
        SpanRuleCallExpr c => c.Args,
        ConvertExpr c => new[] { c.Operand },
        ConditionalExpr c => new[] { c.Condition, c.WhenTrue, c.WhenFalse },
        HelperCallExpr h => h.Args,
        HelperTangentExpr h => h.Args.Concat(h.ArgDots),
        _ => throw Unknown(e),
    };

    /// <summary>The exception for a node kind the IR walkers do not know.</summary>
    public static InvalidOperationException Unknown(object node) =>
        new("The IR walkers do not know the node kind " + node.GetType().Name + "; add it to Model/IrWalker.cs and Model/IrRewriter.cs.");
}
