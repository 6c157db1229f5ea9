using System;

namespace AutoDiffLbfgs.Generator.Model;

// The intermediate representation (IR) shared by the parser, the differentiation passes and the emitter.
// Every node is an immutable record with value equality, so an IR tree can sit inside a cached model.
// The same IR describes the user's body and the generated derivative code.

/// <summary>Scalar types the differentiable subset knows.</summary>
internal enum ScalarType
{
    Double,
    Single,
    Int32,
    Int64,
    Boolean,
}

/// <summary>Unary operators.</summary>
internal enum UnaryOp
{
    Negate,
    Not,
}

/// <summary>Binary operators.</summary>
internal enum BinaryOp
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Remainder,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Equal,
    NotEqual,
    And,
    Or,
}

/// <summary>The <c>Math</c>/<c>MathF</c> functions the subset knows; their derivative rules live in <c>DerivativeRules</c>.</summary>
internal enum MathFunction
{
    Sqrt,
    Cbrt,
    Exp,
    Log,
    Log2,
    Log10,
    Pow,
    Sin,
    Cos,
    Tan,
    Asin,
    Acos,
    Atan,
    Atan2,
    Sinh,
    Cosh,
    Tanh,
    Abs,
    Max,
    Min,
    FusedMultiplyAdd,
    Floor,
    Ceiling,
    Round,
    Truncate,
    Sign,
}

/// <summary>An expression; <see cref="Type"/> is its C# type.</summary>
internal abstract record Expr(ScalarType Type);

/// <summary>A literal. <see cref="Text"/> is the invariant-culture C# literal; <see cref="Value"/> its numeric value.</summary>
internal sealed record ConstExpr(ScalarType Type, string Text, double Value) : Expr(Type);

/// <summary>A local variable (user or generated).</summary>
internal sealed record LocalExpr(ScalarType Type, string Name) : Expr(Type);

/// <summary>An element of the variables, <c>x[index]</c>.</summary>
internal sealed record VariableElementExpr(ScalarType Type, Expr Index) : Expr(Type);

/// <summary>The number of variables, <c>x.Length</c>.</summary>
internal sealed record VariablesLengthExpr() : Expr(ScalarType.Int32);

/// <summary>A constant-for-differentiation value written verbatim: a data parameter, a field, <c>data.Length</c>.</summary>
internal sealed record DataExpr(ScalarType Type, string Text) : Expr(Type);

/// <summary>An element of a data array or span, <c>Array[index]</c>, written verbatim.</summary>
internal sealed record DataElementExpr(ScalarType Type, string Array, Expr Index) : Expr(Type);

/// <summary>An element of a span the generated code owns (gradient, direction, tangents), <c>Span[index]</c>.</summary>
internal sealed record SpanElementExpr(ScalarType Type, string Span, Expr Index) : Expr(Type);

/// <summary>A unary operation.</summary>
internal sealed record UnaryExpr(ScalarType Type, UnaryOp Op, Expr Operand) : Expr(Type);

/// <summary>A binary operation.</summary>
internal sealed record BinaryExpr(ScalarType Type, BinaryOp Op, Expr Left, Expr Right) : Expr(Type);

/// <summary>A call of a known <c>Math</c>/<c>MathF</c> function.</summary>
internal sealed record CallExpr(ScalarType Type, MathFunction Function, EquatableArray<Expr> Args) : Expr(Type);

/// <summary>A numeric conversion to <see cref="Expr.Type"/>.</summary>
internal sealed record ConvertExpr(ScalarType Type, Expr Operand) : Expr(Type);

/// <summary><c>Condition ? WhenTrue : WhenFalse</c>.</summary>
internal sealed record ConditionalExpr(ScalarType Type, Expr Condition, Expr WhenTrue, Expr WhenFalse) : Expr(Type);

/// <summary>A statement. <see cref="Source"/> is the user's statement text (one line) for comments, when it has one.</summary>
internal abstract record Stmt
{
    public string? Source { get; init; }
}

/// <summary><c>Type Name = Init;</c> (a missing initializer is emitted as zero).</summary>
internal sealed record DeclareStmt(string Name, ScalarType Type, Expr? Init) : Stmt;

/// <summary><c>Name = Value;</c></summary>
internal sealed record AssignStmt(string Name, Expr Value) : Stmt;

/// <summary><c>Name += Value;</c> or <c>Name -= Value;</c>: the accumulation shape reduction loops are made of.</summary>
internal sealed record AccumulateStmt(string Name, bool Subtract, Expr Value) : Stmt;

/// <summary><c>Span[Index] += Value;</c> (or <c>-=</c>) in generated code.</summary>
internal sealed record SpanAccumulateStmt(string Span, Expr Index, bool Subtract, Expr Value) : Stmt;

/// <summary><c>if (Condition) Then else Else</c>.</summary>
internal sealed record IfStmt(Expr Condition, BlockStmt Then, BlockStmt? Else) : Stmt;

/// <summary><c>for (Init; Condition; Increment) Body</c>; locals declared in <see cref="Init"/> are scoped to the loop.</summary>
internal sealed record ForStmt(BlockStmt Init, Expr? Condition, BlockStmt Increment, BlockStmt Body) : Stmt;

/// <summary><c>while (Condition) Body</c> or <c>do Body while (Condition);</c>.</summary>
internal sealed record WhileStmt(Expr Condition, BlockStmt Body, bool IsDoWhile) : Stmt;

/// <summary><c>break;</c></summary>
internal sealed record BreakStmt() : Stmt;

/// <summary><c>continue;</c></summary>
internal sealed record ContinueStmt() : Stmt;

/// <summary><c>return Value;</c></summary>
internal sealed record ReturnStmt(Expr Value) : Stmt;

/// <summary>A braced block; it scopes the locals declared in it.</summary>
internal sealed record BlockStmt(EquatableArray<Stmt> Statements) : Stmt
{
    public static BlockStmt Empty { get; } = new(EquatableArray<Stmt>.Empty);
}

/// <summary>Generated: pushes a value onto the tape (the integer tape when <see cref="Integer"/>).</summary>
internal sealed record PushStmt(Expr Value, bool Integer) : Stmt;

/// <summary>Generated: pops the tape into local <see cref="Name"/>.</summary>
internal sealed record PopStmt(string Name, ScalarType Type) : Stmt;

/// <summary>Generated: a line comment.</summary>
internal sealed record CommentStmt(string Text) : Stmt;

/// <summary>Generated: a statement written verbatim (setup code that is never differentiated).</summary>
internal sealed record RawStmt(string Text) : Stmt;

/// <summary>Helpers over scalar types.</summary>
internal static class ScalarTypes
{
    public static bool IsFloating(this ScalarType type) => type is ScalarType.Double or ScalarType.Single;

    public static bool IsInteger(this ScalarType type) => type is ScalarType.Int32 or ScalarType.Int64;

    public static string Keyword(this ScalarType type) => type switch
    {
        ScalarType.Double => "double",
        ScalarType.Single => "float",
        ScalarType.Int32 => "int",
        ScalarType.Int64 => "long",
        ScalarType.Boolean => "bool",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };
}
