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
    Asinh,
    Acosh,
    Atanh,
    Hypot,
    Abs,
    Max,
    Min,
    FusedMultiplyAdd,
    Floor,
    Ceiling,
    Round,
    Truncate,
    Sign,
    /// <summary><c>double.IsNaN</c>: a test (bool), as are the four below; a condition's derivative is zero.</summary>
    IsNaN,
    IsFinite,
    IsInfinity,
    IsPositiveInfinity,
    IsNegativeInfinity,
}

/// <summary>Facts about the <see cref="MathFunction"/>s that the passes share.</summary>
internal static class MathFunctions
{
    /// <summary>Functions whose derivative is zero almost everywhere (they only pass values through as constants).</summary>
    public static bool IsPiecewiseConstant(this MathFunction function) =>
        function is MathFunction.Floor or MathFunction.Ceiling or MathFunction.Round or MathFunction.Truncate or MathFunction.Sign
            || function.IsTest();

    /// <summary>The floating-point tests (<c>double.IsNaN</c>, <c>IsFinite</c>, …): bool results, spelled on double/float.</summary>
    public static bool IsTest(this MathFunction function) =>
        function is MathFunction.IsNaN or MathFunction.IsFinite or MathFunction.IsInfinity or MathFunction.IsPositiveInfinity or MathFunction.IsNegativeInfinity;
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

/// <summary>
/// An element of a data array or span, <c>Array[index]</c>, written verbatim; with a <paramref name="Row"/>, an element
/// of a two-dimensional array, <c>Array[row, index]</c>, or of a jagged one, <c>Array[row][index]</c>.
/// </summary>
internal sealed record DataElementExpr(ScalarType Type, string Array, Expr Index, Expr? Row = null, bool Jagged = false) : Expr(Type);

/// <summary>The length of a row of a jagged data array, <c>Array[row].Length</c>.</summary>
internal sealed record DataRowLengthExpr(string Array, Expr Row) : Expr(ScalarType.Int32);

/// <summary>An element of a span the generated code owns (gradient, direction, tangents), <c>Span[index]</c>.</summary>
internal sealed record SpanElementExpr(ScalarType Type, string Span, Expr Index) : Expr(Type);

/// <summary>An element of a local array, <c>Array[Index]</c>; see <see cref="ArrayDeclareStmt"/>.</summary>
internal sealed record ArrayElementExpr(ScalarType Type, string Array, Expr Index) : Expr(Type);

/// <summary>Generated: the number of entries in an undo log, <c>Log.Count</c>: a mark to undo back to.</summary>
internal sealed record LogCountExpr(string Log) : Expr(ScalarType.Int32);

/// <summary>The length of a local array, <c>Array.Length</c>.</summary>
internal sealed record ArrayLengthExpr(string Array) : Expr(ScalarType.Int32);

/// <summary>A unary operation.</summary>
internal sealed record UnaryExpr(ScalarType Type, UnaryOp Op, Expr Operand) : Expr(Type);

/// <summary>A binary operation.</summary>
internal sealed record BinaryExpr(ScalarType Type, BinaryOp Op, Expr Left, Expr Right) : Expr(Type);

/// <summary>A call of a known <c>Math</c>/<c>MathF</c> function.</summary>
internal sealed record CallExpr(ScalarType Type, MathFunction Function, EquatableArray<Expr> Args) : Expr(Type);

/// <summary>
/// A call of a user method whose derivative the user supplies (<c>[Derivative]</c>): printed as a call of
/// <see cref="Method"/> (fully qualified); its partial derivatives are the <see cref="UserFunctionSpec"/> of that name.
/// </summary>
internal sealed record UserCallExpr(ScalarType Type, string Method, EquatableArray<Expr> Args) : Expr(Type);

/// <summary>
/// A call of a helper over a span whose gradient and Hessian-vector product the user supplies
/// (<c>[Derivative(Gradient = …, HessianVectorProduct = …)]</c>), on the objective's variables:
/// printed <c>Method(x, Args…)</c>. The arguments after the variables are data (never active). When
/// <paramref name="Windowed"/>, the call is on a slice of the variables: the first two arguments are its start and
/// length, and it is printed <c>Method(x.Slice(Args[0], Args[1]), Args[2…])</c>.
/// </summary>
internal sealed record SpanRuleCallExpr(ScalarType Type, string Method, string Gradient, string HessianVectorProduct, EquatableArray<Expr> Args, bool Windowed = false) : Expr(Type);

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
internal sealed record SpanAccumulateStmt(string Span, Expr Index, bool Subtract, Expr Value) : Stmt
{
    /// <summary>
    /// Whether the entry is stored rather than accumulated, <c>Span[Index] = ±Value;</c>: set by <c>GradientStores</c>
    /// where each entry is proved to be written once per call, so adding to the cleared entry and storing agree.
    /// </summary>
    public bool Store { get; init; }
}

/// <summary>Where a local array lives: <c>new T[n]</c> on the heap or <c>stackalloc T[n]</c> on the stack.</summary>
internal enum ArrayStorage
{
    Heap,
    Stack,
}

/// <summary>
/// Declares a local array of <see cref="Length"/> elements of type <see cref="Element"/>. The user's arrays are
/// zero-initialised as C# makes them; the generated ones (adjoints, tangents) have <see cref="Clear"/> set, because a
/// <c>stackalloc</c> is not zeroed under <c>[SkipLocalsInit]</c>.
/// </summary>
internal sealed record ArrayDeclareStmt(string Name, ScalarType Element, Expr Length, ArrayStorage Storage, bool Clear) : Stmt
{
    /// <summary>
    /// False for a <i>write-once</i> array (every element assigned at most once, by one statement of one loop, before
    /// anything reads the array: see <c>LocalArrayRules</c>), whose elements never need saving. True for any other user
    /// array: the gradient logs each element it overwrites in an undo log, so the reverse sweep can restore them.
    /// </summary>
    public bool Overwritten { get; init; }

    /// <summary>
    /// For a <i>per-iteration</i> array (declared by the user outside a loop, moved to the start of the loop's body by
    /// <c>ScratchArrays</c> because every iteration rewrites it before reading it), the <c>ScratchArray&lt;T&gt;</c> that
    /// lends its storage at every pass, so the array costs no allocation per pass; null for any other array.
    /// </summary>
    public string? Scratch { get; init; }
}

/// <summary><c>Array[Index] = Value;</c>, or <c>Array[Index] += Value;</c> when <see cref="Accumulate"/>.</summary>
internal sealed record ElementAssignStmt(string Array, Expr Index, Expr Value, bool Accumulate) : Stmt
{
    /// <summary>The undo log that records the element's old value before the write (generated code only), or null.</summary>
    public string? Log { get; init; }
}

/// <summary>Generated: declares the undo log of an overwritten local array (see <c>UndoLog&lt;T&gt;</c>), at the top of the method.</summary>
internal sealed record UndoLogDeclareStmt(string Log, string Array, ScalarType Element) : Stmt;

/// <summary>Generated: restores <see cref="Array"/> to its contents when its log held <see cref="Mark"/> entries, undoing the later writes.</summary>
internal sealed record UndoStmt(string Log, string Array, Expr Mark) : Stmt;

/// <summary>
/// Generated: the gradient of a span rule's helper into local array <see cref="Output"/>,
/// <c>Gradient(x, Output, Args…);</c>, or, when <see cref="Direction"/> is set, its Hessian times the direction,
/// <c>HessianVectorProduct(x, Direction, Output, Args…);</c> (see <see cref="SpanRuleCallExpr"/>).
/// </summary>
/// <remarks>When <paramref name="Windowed"/>, on a slice of the variables (and of the direction), as in <see cref="SpanRuleCallExpr"/>.</remarks>
internal sealed record SpanRuleCallStmt(string Gradient, string HessianVectorProduct, string? Direction, string Output, EquatableArray<Expr> Args, bool Windowed = false) : Stmt;

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


/// <summary>
/// The derivative rule of a <c>[Derivative]</c> method: for each argument, ∂f/∂arg as an expression of
/// <see cref="ParameterPlaceholder"/> locals (a zero literal for an integer argument, which is never active). Transforms substitute the call's
/// arguments for the placeholders; a partial may itself contain <see cref="UserCallExpr"/>s, whose rules are listed
/// beside this one, which is how second derivatives (for the Hessian-vector product) are found.
/// </summary>
internal sealed record UserFunctionSpec(string Method, EquatableArray<Expr> Partials)
{
    /// <summary>The name of the placeholder local that stands for argument <paramref name="index"/> inside a partial.</summary>
    /// <remarks>'$' cannot start a C# identifier, so a placeholder never collides with a real local; it is never printed.</remarks>
    public static string ParameterPlaceholder(int index) => "$arg" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

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

/// <summary>
/// A helper whose derivative code is generated once per objective (see <see cref="HelperSpec"/>): the names every
/// call site needs. <see cref="Name"/> is the prefix of the generated methods (<c>{Objective}_{Helper}</c>);
/// <see cref="Method"/> the text that calls the helper for its value (the user's method, or for a local function the
/// generated copy <see cref="Name"/>); <see cref="Title"/> the user's name, for comments; <see cref="Parameters"/> the
/// names of its parameters, for the names of partial derivatives.
/// </summary>
internal sealed record HelperSignature(string Name, string Method, string Title, EquatableArray<string> Parameters);

/// <summary>
/// A call of a helper transformed once: printed as a call of <see cref="HelperSignature.Method"/>. Each argument has
/// its parameter's type; a floating-point argument is differentiable, an integer or bool one is data.
/// </summary>
internal sealed record HelperCallExpr(ScalarType Type, HelperSignature Helper, EquatableArray<Expr> Args) : Expr(Type);

/// <summary>
/// Generated: the tangent of a <see cref="HelperCallExpr"/>, Σⱼ ∂H/∂argⱼ·argDotⱼ, printed as a call of the helper's
/// generated <c>…Tangent</c> method. <see cref="ArgDots"/> is aligned with <see cref="Args"/>; only the entries of
/// floating-point arguments are used.
/// </summary>
internal sealed record HelperTangentExpr(ScalarType Type, HelperSignature Helper, EquatableArray<Expr> Args, EquatableArray<Expr> ArgDots) : Expr(Type);

/// <summary>
/// Generated: calls the helper's <c>…Gradient</c> method at <see cref="Args"/> and declares each partial derivative
/// ∂H/∂argⱼ in the local <see cref="Partials"/>[j] (of argument j's type); an empty name discards that partial (an
/// inactive argument) and is ignored for an integer or bool argument, which has no partial.
/// </summary>
internal sealed record HelperGradientStmt(HelperSignature Helper, EquatableArray<Expr> Args, EquatableArray<string> Partials) : Stmt;

/// <summary>
/// Generated: the tangent of a <see cref="HelperGradientStmt"/>: calls the helper's <c>…HessianVectorProduct</c> method
/// with the arguments' tangents <see cref="ArgDots"/> and declares (∇²H·argDot)ⱼ, the tangent of partial j, in
/// <see cref="Results"/>[j] (empty: discarded).
/// </summary>
internal sealed record HelperHessianVectorStmt(HelperSignature Helper, EquatableArray<Expr> Args, EquatableArray<Expr> ArgDots, EquatableArray<string> Results) : Stmt;

/// <summary>
/// A helper method or local function whose derivative code is generated once per objective and called from every call
/// site, instead of being inlined. <see cref="Body"/> is its lowered body, with floating-point parameter j read as the
/// variable <c>x[j]</c> and every other parameter as data named after it, so the objective's own transforms
/// differentiate it with respect to its floating-point parameters.
/// </summary>
/// <param name="Signature">The names call sites use.</param>
/// <param name="IsStatic">Whether the generated methods are static (false when the helper reads the instance).</param>
/// <param name="EmitsValue">Whether a copy of the helper is generated for its value (a local function, which generated code cannot call).</param>
/// <param name="ReturnType">double or float.</param>
/// <param name="Parameters">The generated methods' parameters, in the helper's order.</param>
/// <param name="Body">The lowered body.</param>
internal sealed record HelperSpec(HelperSignature Signature, bool IsStatic, bool EmitsValue, ScalarType ReturnType, EquatableArray<HelperParameterSpec> Parameters, BlockStmt Body);

/// <summary>A parameter of a <see cref="HelperSpec"/>: its name in the generated methods and its type.</summary>
internal sealed record HelperParameterSpec(string Name, ScalarType Type);

/// <summary>
/// A helper over the variables, <c>T F(ReadOnlySpan&lt;T&gt; u, data…)</c> (or <c>Span&lt;T&gt;</c>, <c>T[]</c>), whose
/// derivative code is generated once per objective: a gradient and a Hessian-vector product with the signatures of an
/// objective's own (<c>T {Name}Gradient(ReadOnlySpan&lt;T&gt; u, Span&lt;T&gt; gradient, data…)</c>,
/// <c>void {Name}HessianVectorProduct(ReadOnlySpan&lt;T&gt; u, ReadOnlySpan&lt;T&gt; v, Span&lt;T&gt; result, data…)</c>), which
/// every call, a <see cref="SpanRuleCallExpr"/>, calls as it calls a user-supplied span rule. <see cref="Body"/> is the
/// helper's lowered body, with its span parameter read as the variables and its other parameters as data.
/// </summary>
/// <param name="Name">The prefix of the generated methods, <c>{Objective}_{Helper}</c>.</param>
/// <param name="Title">The helper's name, for comments.</param>
/// <param name="IsStatic">Whether the generated methods are static (false for an instance method of the objective's type).</param>
/// <param name="EmitsValue">Whether a copy of the helper over a read-only span is generated, <c>{Name}</c>, for its value: its span parameter is a <c>Span&lt;T&gt;</c> or an array, which generated code's read-only variables cannot be passed as.</param>
/// <param name="Type">The element and return type, double or float (the objective's).</param>
/// <param name="VariablesName">The name of the span parameter, which the generated methods keep.</param>
/// <param name="Data">The other parameters, in order.</param>
/// <param name="Body">The lowered body.</param>
internal sealed record SpanHelperSpec(string Name, string Title, bool IsStatic, bool EmitsValue, ScalarType Type, string VariablesName, EquatableArray<SpanHelperDataSpec> Data, BlockStmt Body);

/// <summary>A data parameter of a <see cref="SpanHelperSpec"/>: its name in the generated methods, its fully qualified type and modifier (<c>in </c> or empty).</summary>
internal sealed record SpanHelperDataSpec(string Name, string FullyQualifiedType, string Modifier);
