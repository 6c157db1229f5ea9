using System;
using System.Collections.Generic;
using System.Linq;
using AutoDiffLbfgs.Generator.Model;

namespace AutoDiffLbfgs.Generator.Emit;

/// <summary>Prints IR statements and expressions as C#, with the fewest parentheses that keep the evaluation order.</summary>
internal sealed class CodePrinter
{
    private readonly SourceWriter _w;
    private readonly string _variables;
    private readonly string _tape;

    public CodePrinter(SourceWriter writer, string variablesName, string tapeName)
    {
        _w = writer;
        _variables = variablesName;
        _tape = tapeName;
    }

    public void Statements(IEnumerable<Stmt> statements)
    {
        var list = statements as IReadOnlyList<Stmt> ?? statements.ToList();
        for (int k = 0; k < list.Count; k++)
        {
            // A local declared only to receive a tape pop is declared by the pop: `int mark = (int)tape.PopIndex();`.
            if (list[k] is DeclareStmt { Init: null } declared && k + 1 < list.Count && list[k + 1] is PopStmt pop && pop.Name == declared.Name && pop.Type == declared.Type)
            {
                _w.WriteLine($"{declared.Type.Keyword()} {declared.Name} = {Popped(pop.Type)};");
                k++;
                continue;
            }
            Statement(list[k]);
        }
    }

    public void Statement(Stmt stmt)
    {
        switch (stmt)
        {
            case DeclareStmt d:
                _w.WriteLine($"{d.Type.Keyword()} {d.Name} = {(d.Init is null ? Zero(d.Type) : Expr(d.Init))};");
                break;
            case AssignStmt a:
                _w.WriteLine($"{a.Name} = {Expr(a.Value)};");
                break;
            case AccumulateStmt acc:
                _w.WriteLine(Accumulate(acc) + ";");
                break;
            case ArrayDeclareStmt { Scratch: { } scratch } array:
                // A per-iteration array: this pass's storage is the scratch array's, declared once for the call.
                _w.WriteLine($"global::System.Span<{array.Element.Keyword()}> {array.Name} = {scratch}.Take({Expr(array.Length)});");
                if (array.Clear) _w.WriteLine($"{array.Name}.Clear();");
                break;
            case ArrayDeclareStmt { Storage: ArrayStorage.Heap, Clear: true } array:
                // A generated adjoint or tangent of a heap array: rented from the pool for the scope, not allocated.
                var pooled = array.Element.Keyword();
                _w.WriteLine($"using var {array.Name}Buffer = new global::AutoDiffLbfgs.Generated.PooledBuffer<{pooled}>({Expr(array.Length)});");
                _w.WriteLine($"global::System.Span<{pooled}> {array.Name} = {array.Name}Buffer.Span;");
                break;
            case ArrayDeclareStmt array:
                var keyword = array.Element.Keyword();
                _w.WriteLine(array.Storage == ArrayStorage.Heap
                    ? $"{keyword}[] {array.Name} = new {keyword}[{Expr(array.Length)}];"
                    : $"global::System.Span<{keyword}> {array.Name} = stackalloc {keyword}[{Expr(array.Length)}];");
                if (array.Clear && array.Storage == ArrayStorage.Stack) _w.WriteLine($"{array.Name}.Clear();");
                break;
            case ElementAssignStmt element:
                if (element.Log is not null) _w.WriteLine($"{element.Log}.Record({element.Array}, {Expr(element.Index)});");
                _w.WriteLine($"{element.Array}[{Expr(element.Index)}] {(element.Accumulate ? "+=" : "=")} {Expr(element.Value)};");
                break;
            case SpanAccumulateStmt { Store: true } s:
                _w.WriteLine($"{s.Span}[{Expr(s.Index)}] = {Expr(s.Subtract ? ExprBuilder.Neg(s.Value) : s.Value)};");
                break;
            case SpanAccumulateStmt s:
                _w.WriteLine($"{s.Span}[{Expr(s.Index)}] {(s.Subtract ? "-=" : "+=")} {Expr(s.Value)};");
                break;
            case IfStmt i:
                If(i, "if");
                break;
            case ForStmt f:
                For(f);
                break;
            case WhileStmt w when w.IsDoWhile:
                _w.WriteLine("do");
                Body(w.Body);
                _w.WriteLine($"while ({Expr(w.Condition)});");
                break;
            case WhileStmt w:
                _w.WriteLine($"while ({Expr(w.Condition)})");
                Body(w.Body);
                break;
            case BreakStmt:
                _w.WriteLine("break;");
                break;
            case ContinueStmt:
                _w.WriteLine("continue;");
                break;
            case ReturnStmt r:
                _w.WriteLine($"return {Expr(r.Value)};");
                break;
            case BlockStmt b:
                Body(b);
                break;
            case PushStmt p:
                _w.WriteLine(p.Integer
                    ? $"{_tape}.PushIndex({(p.Value.Type == ScalarType.Boolean ? Expr(p.Value, 3) + " ? 1 : 0" : Expr(p.Value))});"
                    : $"{_tape}.PushValue({Expr(p.Value)});");
                break;
            case PopStmt p:
                _w.WriteLine($"{p.Name} = {Popped(p.Type)};");
                break;
            case UndoLogDeclareStmt log:
                _w.WriteLine($"var {log.Log} = new global::AutoDiffLbfgs.Generated.UndoLog<{log.Element.Keyword()}>();");
                break;
            case SpanRuleCallStmt call:
                var arguments = string.Concat(call.Args.Skip(call.Windowed ? 2 : 0).Select(a => ", " + Expr(a)));
                _w.WriteLine(call.Direction is null
                    ? $"{call.Gradient}({Window(_variables, call.Windowed, call.Args)}, {call.Output}{arguments});"
                    : $"{call.HessianVectorProduct}({Window(_variables, call.Windowed, call.Args)}, {Window(call.Direction, call.Windowed, call.Args)}, {call.Output}{arguments});");
                break;
            case UndoStmt undo:
                _w.WriteLine($"{undo.Log}.Undo({undo.Array}, {Expr(undo.Mark)});");
                break;
            case CommentStmt c:
                _w.WriteLine("// " + c.Text);
                break;
            case HelperGradientStmt g:
                _w.WriteLine($"{g.Helper.Name}Gradient({HelperArguments(g.Args, null, g.Partials)}); // ∂{g.Helper.Title}/∂({FloatingParameters(g.Helper, g.Args)}) at the arguments");
                break;
            case HelperHessianVectorStmt h:
                _w.WriteLine($"{h.Helper.Name}HessianVectorProduct({HelperArguments(h.Args, h.ArgDots, h.Results)}); // the tangents of those partials: ∇²{h.Helper.Title} times the arguments' tangents");
                break;
            default:
                throw new InvalidOperationException("Cannot print " + stmt.GetType().Name);
        }
    }

    /// <summary>The expression that pops a value of <paramref name="type"/> off the tape.</summary>
    private string Popped(ScalarType type) => type switch
    {
        ScalarType.Double => $"{_tape}.PopValue()",
        ScalarType.Single => $"(float){_tape}.PopValue()",
        ScalarType.Int32 => $"(int){_tape}.PopIndex()",
        ScalarType.Int64 => $"{_tape}.PopIndex()",
        _ => $"{_tape}.PopIndex() != 0",
    };

    private void Body(BlockStmt block)
    {
        _w.OpenBrace();
        Statements(block.Statements);
        _w.CloseBrace();
    }

    private void If(IfStmt i, string keyword)
    {
        _w.WriteLine($"{keyword} ({Expr(i.Condition)})");
        Body(i.Then);
        if (i.Else is null) return;
        if (i.Else.Statements.Count == 1 && i.Else.Statements[0] is IfStmt elseIf)
        {
            If(elseIf, "else if");
            return;
        }
        _w.WriteLine("else");
        Body(i.Else);
    }

    private void For(ForStmt f)
    {
        var init = InlineInit(f.Init);
        var increment = InlineIncrement(f.Increment);
        if (init is null || increment is null)
        {
            // A header C# cannot express (e.g. a guarded increment): the equivalent while loop in its own scope.
            _w.OpenBrace();
            Statements(f.Init.Statements);
            _w.WriteLine($"while ({(f.Condition is null ? "true" : Expr(f.Condition))})");
            _w.OpenBrace();
            Statements(f.Body.Statements);
            Statements(f.Increment.Statements);
            _w.CloseBrace();
            _w.CloseBrace();
            return;
        }
        _w.WriteLine($"for ({init}; {(f.Condition is null ? "" : Expr(f.Condition))}; {increment})");
        Body(f.Body);
    }

    private string? InlineInit(BlockStmt init)
    {
        var s = init.Statements;
        if (s.Count == 0) return "";
        if (s.All(x => x is DeclareStmt) && s.Cast<DeclareStmt>().Select(d => d.Type).Distinct().Count() == 1)
        {
            var declarations = s.Cast<DeclareStmt>().ToList();
            return declarations[0].Type.Keyword() + " " + string.Join(", ", declarations.Select(d => $"{d.Name} = {(d.Init is null ? Zero(d.Type) : Expr(d.Init))}"));
        }
        if (s.All(x => x is AssignStmt or AccumulateStmt)) return InlineIncrement(init);
        return null;
    }

    private string? InlineIncrement(BlockStmt increment)
    {
        var parts = new List<string>();
        foreach (var s in increment.Statements)
        {
            switch (s)
            {
                case AccumulateStmt acc: parts.Add(Accumulate(acc)); break;
                case AssignStmt a: parts.Add($"{a.Name} = {Expr(a.Value)}"); break;
                default: return null;
            }
        }
        return string.Join(", ", parts);
    }

    private string Accumulate(AccumulateStmt acc)
    {
        if (acc.Value is ConstExpr { Value: 1 } && acc.Value.Type.IsInteger()) return acc.Name + (acc.Subtract ? "--" : "++");
        return $"{acc.Name} {(acc.Subtract ? "-=" : "+=")} {Expr(acc.Value)}";
    }

    private static string Zero(ScalarType type) => type switch
    {
        ScalarType.Double => "0.0",
        ScalarType.Single => "0f",
        ScalarType.Boolean => "false",
        ScalarType.Int64 => "0L",
        _ => "0",
    };

    // Precedence levels (higher binds tighter).
    private const int Conditional = 3, OrLevel = 4, AndLevel = 5, Equality = 9, Relational = 10, Additive = 12, Multiplicative = 13, Unary = 14, Primary = 16;

    public string Expr(Expr e) => Expr(e, 0);

    private string Expr(Expr e, int parent, bool right = false)
    {
        var (text, level) = Print(e);
        bool wrap = level < parent || (right && level == parent && level != Primary && level != Unary);
        return wrap ? "(" + text + ")" : text;
    }

    private (string Text, int Level) Print(Expr e)
    {
        switch (e)
        {
            case ConstExpr c:
                return (c.Text, c.Text.StartsWith("-", StringComparison.Ordinal) ? Unary : Primary);
            case LocalExpr l:
                return (l.Name, Primary);
            case VariableElementExpr v:
                return ($"{_variables}[{Expr(v.Index)}]", Primary);
            case VariablesLengthExpr:
                return (_variables + ".Length", Primary);
            case DataExpr d:
                return (d.Text, Primary);
            case DataElementExpr { Row: { } row } d:
                return (d.Jagged ? $"{d.Array}[{Expr(row)}][{Expr(d.Index)}]" : $"{d.Array}[{Expr(row)}, {Expr(d.Index)}]", Primary);
            case DataElementExpr d:
                return ($"{d.Array}[{Expr(d.Index)}]", Primary);
            case DataRowLengthExpr r:
                return ($"{r.Array}[{Expr(r.Row)}].Length", Primary);
            case SpanElementExpr s:
                return ($"{s.Span}[{Expr(s.Index)}]", Primary);
            case ArrayElementExpr a:
                return ($"{a.Array}[{Expr(a.Index)}]", Primary);
            case ArrayLengthExpr a:
                return (a.Array + ".Length", Primary);
            case SpanRuleCallExpr call:
                return ($"{call.Method}({Window(_variables, call.Windowed, call.Args)}{string.Concat(call.Args.Skip(call.Windowed ? 2 : 0).Select(a => ", " + Expr(a)))})", Primary);
            case LogCountExpr l:
                return (l.Log + ".Count", Primary);
            case UnaryExpr u:
            {
                var operand = Expr(u.Operand, Unary);
                string op = u.Op == UnaryOp.Negate ? "-" : "!";
                if (operand.StartsWith("-", StringComparison.Ordinal)) operand = "(" + operand + ")";
                return (op + operand, Unary);
            }
            case BinaryExpr b:
            {
                var (op, level) = Operator(b.Op);
                return ($"{Expr(b.Left, level)} {op} {Expr(b.Right, level, right: true)}", level);
            }
            case CallExpr c:
            {
                bool single = c.Type == ScalarType.Single || (c.Args.Count > 0 && c.Args[0].Type == ScalarType.Single && c.Type != ScalarType.Double);
                // Hypot and the tests (IsNaN, …) exist only as statics of double and float.
                if (c.Function.IsTest()) single = c.Args[0].Type == ScalarType.Single;
                string owner = c.Function == MathFunction.Hypot || c.Function.IsTest()
                    ? (single ? "float." : "double.")
                    : single ? "global::System.MathF." : "global::System.Math.";
                return (owner + c.Function + "(" + string.Join(", ", c.Args.Select(a => Expr(a))) + ")", Primary);
            }
            case UserCallExpr u:
                return (u.Method + "(" + string.Join(", ", u.Args.Select(a => Expr(a))) + ")", Primary);
            case HelperCallExpr h:
                return (h.Helper.Method + "(" + HelperArguments(h.Args, null, null) + ")", Primary);
            case HelperTangentExpr h:
                return (h.Helper.Name + "Tangent(" + HelperArguments(h.Args, h.ArgDots, null) + ")", Primary);
            case ConvertExpr c:
                return ($"({c.Type.Keyword()}){Expr(c.Operand, Unary)}", Unary);
            case ConditionalExpr c:
                return ($"{Expr(c.Condition, OrLevel)} ? {Expr(c.WhenTrue, Conditional)} : {Expr(c.WhenFalse, Conditional)}", Conditional);
            default:
                throw new InvalidOperationException("Cannot print " + e.GetType().Name);
        }
    }

    /// <summary>
    /// The argument list of a call of a helper's generated method: the arguments, then the tangents of the floating-point
    /// ones, then an <c>out</c> per floating-point argument (a declaration, or a discard for an empty name).
    /// </summary>
    private string HelperArguments(EquatableArray<Expr> args, EquatableArray<Expr>? dots, EquatableArray<string>? outs)
    {
        var list = args.Select(a => Expr(a)).ToList();
        if (dots is { } tangents) list.AddRange(Enumerable.Range(0, args.Count).Where(j => args[j].Type.IsFloating()).Select(j => Expr(tangents[j])));
        if (outs is { } names) list.AddRange(Enumerable.Range(0, args.Count).Where(j => args[j].Type.IsFloating()).Select(j => names[j].Length == 0 ? "out _" : $"out {args[j].Type.Keyword()} {names[j]}"));
        return string.Join(", ", list);
    }

    /// <summary>The helper's floating-point parameters, for a comment: <c>r, delta</c>.</summary>
    private static string FloatingParameters(HelperSignature helper, EquatableArray<Expr> args) =>
        string.Join(", ", Enumerable.Range(0, args.Count).Where(j => args[j].Type.IsFloating()).Select(j => helper.Parameters[j]));

    private static (string, int) Operator(BinaryOp op) => op switch
    {
        BinaryOp.Add => ("+", Additive),
        BinaryOp.Subtract => ("-", Additive),
        BinaryOp.Multiply => ("*", Multiplicative),
        BinaryOp.Divide => ("/", Multiplicative),
        BinaryOp.Remainder => ("%", Multiplicative),
        BinaryOp.Less => ("<", Relational),
        BinaryOp.LessOrEqual => ("<=", Relational),
        BinaryOp.Greater => (">", Relational),
        BinaryOp.GreaterOrEqual => (">=", Relational),
        BinaryOp.Equal => ("==", Equality),
        BinaryOp.NotEqual => ("!=", Equality),
        BinaryOp.And => ("&&", AndLevel),
        _ => ("||", OrLevel),
    };

    /// <summary>A span argument of a span rule's call: the span itself, or the slice a windowed call is on.</summary>
    private string Window(string span, bool windowed, EquatableArray<Expr> args) =>
        windowed ? $"{span}.Slice({Expr(args[0])}, {Expr(args[1])})" : span;
}
