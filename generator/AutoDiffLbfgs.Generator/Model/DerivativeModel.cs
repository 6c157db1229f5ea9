namespace AutoDiffLbfgs.Generator.Model;

/// <summary>
/// The derivative code of one objective, built by <c>Differentiation/DerivativePipeline</c> and only printed by the
/// emitter: the objective's gradient and Hessian-vector product, and the methods of every helper transformed once.
/// </summary>
/// <remarks>Part of the cached model (see <see cref="ObjectiveSpec"/>): immutable and structurally equatable; keep it so.</remarks>
internal sealed record DerivativeModel(
    ObjectiveDerivatives Objective,
    EquatableArray<HelperDerivatives> Helpers,
    EquatableArray<SpanHelperDerivatives> SpanHelpers);

/// <summary>
/// The objective's generated methods: their parameter names (<see cref="Gradient"/>, <see cref="Direction"/>,
/// <see cref="Result"/>), the tape's name, the gradient code (returning the value) and the Hessian-vector-product code;
/// <see cref="StoredBelow"/> is the index below which the gradient code stores every entry itself (null: clear it whole).
/// </summary>
internal sealed record ObjectiveDerivatives(
    string Gradient,
    string Tape,
    string Direction,
    string Result,
    BlockStmt GradientCode,
    BlockStmt HessianVectorCode,
    bool UsesTape,
    Expr? StoredBelow);

/// <summary>
/// The generated methods of a scalar helper transformed once (see <see cref="HelperSpec"/>): for floating-point
/// parameter j, <see cref="Bars"/>[j] is the name of its partial derivative, <see cref="Dots"/>[j] of its direction and
/// <see cref="BarDots"/>[j] of the tangent of its partial (empty for the other parameters); <see cref="ValueCode"/> is
/// the copy of a local function's body the generated code calls for its value (null for a method it can call).
/// </summary>
internal sealed record HelperDerivatives(
    HelperSpec Helper,
    EquatableArray<string> Bars,
    EquatableArray<string> Dots,
    EquatableArray<string> BarDots,
    string Tape,
    BlockStmt? ValueCode,
    BlockStmt GradientCode,
    BlockStmt TangentCode,
    BlockStmt HessianVectorCode,
    bool UsesTape);

/// <summary>The generated gradient and Hessian-vector product of a span helper transformed once (see <see cref="SpanHelperSpec"/>), with an objective's parameter names.</summary>
internal sealed record SpanHelperDerivatives(
    SpanHelperSpec Helper,
    string Gradient,
    string Tape,
    string Direction,
    string Result,
    BlockStmt GradientCode,
    BlockStmt HessianVectorCode,
    bool UsesTape);
