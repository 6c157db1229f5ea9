using System.Collections.Generic;
using System.Linq;
using AutoDiffLbfgs.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffLbfgs.Generator.Lowering;

// Helpers over the variables transformed once: their body is lowered once per objective, with the span parameter as
// the variables, into a SpanHelperSpec the emitter differentiates into a gradient and a Hessian-vector product with the
// signatures of an objective's own; every call becomes a SpanRuleCallExpr, as if the user had supplied those methods
// with [Derivative(Gradient = …, HessianVectorProduct = …)].
internal sealed partial class BodyLowering
{
    /// <summary>The span helpers transformed once, by method: their spec, or null while their body is being lowered.</summary>
    private readonly Dictionary<IMethodSymbol, SpanHelperSpec?> _spanHelpers = new(SymbolEqualityComparer.Default);

    /// <summary>The specs of <see cref="_spanHelpers"/> in the order their lowering finished (a callee before its caller).</summary>
    private readonly List<SpanHelperSpec> _spanHelperSpecs = new();

    /// <summary>Every span helper the objective calls that is transformed once, directly or through other helpers.</summary>
    public EquatableArray<SpanHelperSpec> SpanHelpers => _spanHelperSpecs.ToEquatableArray();

    /// <summary>
    /// Whether this call of a helper over the variables gets its derivative code once, as generated methods, rather than
    /// being inlined. The helper: an ordinary method (static, or an instance method called on <c>this</c>) with
    /// statements (an expression-bodied one is cheaper substituted, and fuses with the caller's loops), returning the
    /// objective's element type T, whose first parameter is <c>ReadOnlySpan&lt;T&gt;</c>, <c>Span&lt;T&gt;</c> or
    /// <c>T[]</c>, and which creates no heap array (<c>new T[n]</c>). The call: it passes the objective's variables,
    /// whole, as that parameter, and data for the others (data arrays, spans or fields; floating-point values built from
    /// data, literals and integers only; any integer), since the generated methods differentiate with respect to the
    /// span alone. Any other call is inlined.
    /// </summary>
    private bool SpanHelperTransformsOnce(IInvocationOperation invocation, IBlockOperation body)
    {
        var target = invocation.TargetMethod;
        if (target.MethodKind != MethodKind.Ordinary || target.Parameters.Length == 0 || HasOutParameter(target)) return false;
        if (body.Operations.Length == 1 && body.Operations[0] is IReturnOperation { ReturnedValue: not null }) return false;
        if (MapType(target.ReturnType) != _element) return false;
        var first = target.Parameters[0].Type;
        if (first is not (IArrayTypeSymbol or INamedTypeSymbol { Name: "ReadOnlySpan" or "Span" }) || ElementTypeOf(first) is not { } element || MapType(element) != _element) return false;
        if (!target.IsStatic && invocation.Instance is not IInstanceReferenceOperation) return false;
        // The generated gradient runs the helper's forward pass again: a heap array it creates would be allocated once
        // more per call, and a derivative call must allocate no more than the user's method (stackalloc is fine).
        if (body.Descendants().Any(o => o is IArrayCreationOperation)) return false;

        foreach (var argument in invocation.Arguments)
        {
            var parameter = argument.Parameter!;
            var value = WithoutImplicitConversions(argument.Value);
            if (parameter.Ordinal == 0)
            {
                // The variables, whole or a slice of them (then the generated methods run on that slice).
                // A slice expression is looked at only when lowering its bounds has no effect (no call but a slicing one,
                // no assignment or increment), since they are lowered again for the call.
                bool whole = IsVariablesAccess(value) && value is IParameterReferenceOperation;
                bool pure = !value.DescendantsAndSelf().Any(d => d is IIncrementOrDecrementOperation or IAssignmentOperation
                    || (d is IInvocationOperation call && SliceOf(call) is null));
                if (!whole && !(pure && View(value) is { Base: ViewBase.Variables })) return false;
            }
            else if (MapType(parameter.Type) is { } scalar)
            {
                if (scalar.IsFloating() && !IsDataOperation(argument.Value)) return false;
            }
            else if (IsVariablesAccess(value) || LocalArray(value) is not null || DataText(value) is null)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// Whether a scalar argument is data, judged before it is lowered (so that a call found not to qualify is inlined
    /// with nothing lowered twice): literals, constants, integer locals, data and its elements and lengths, the length of
    /// the variables, and operators over those. Conservative: a call of any method is not data here.
    /// </summary>
    private bool IsDataOperation(IOperation operation) => operation switch
    {
        _ when operation.ConstantValue.HasValue => true,
        IConversionOperation { OperatorMethod: null } c => IsDataOperation(c.Operand),
        IUnaryOperation { OperatorMethod: null } u => IsDataOperation(u.Operand),
        IBinaryOperation { OperatorMethod: null } b => IsDataOperation(b.LeftOperand) && IsDataOperation(b.RightOperand),
        ILocalReferenceOperation l => MapType(l.Local.Type) is { } t && !t.IsFloating(),
        IParameterReferenceOperation p => _scope.Frame.Binding(p.Parameter) is { Value: { } bound } ? IsPlainData(bound) : !IsVariablesAccess(p) && DataText(p) is not null,
        IPropertyReferenceOperation { Property.Name: "Length", Property.IsIndexer: false, Instance: { } instance } =>
            IsVariablesAccess(instance) || LocalArray(instance) is not null || DataText(instance) is not null,
        IArrayElementReferenceOperation a => IsDataCollection(a.ArrayReference) && a.Indices.All(IsDataOperation),
        IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } instance } indexer =>
            IsDataCollection(instance) && indexer.Arguments.All(a => IsDataOperation(a.Value)),
        IPropertyReferenceOperation or IFieldReferenceOperation => DataText(operation) is not null,
        _ => false,
    };

    /// <summary>Whether <paramref name="collection"/> is a data array or span: neither the variables nor a local array.</summary>
    private bool IsDataCollection(IOperation collection) =>
        !IsVariablesAccess(collection) && LocalArray(collection) is null && DataText(WithoutImplicitConversions(collection)) is not null;

    /// <summary>
    /// Lowers a call of a span helper transformed once to a <see cref="SpanRuleCallExpr"/> on its generated methods: the
    /// data arguments are kept (each scalar converted to its parameter's type) and the helper's body is lowered the
    /// first time it is met. The value is the user's method, or the generated copy over a read-only span.
    /// </summary>
    private Expr CallSpanHelper(IInvocationOperation invocation, IBlockOperation body, ScalarType type)
    {
        var target = invocation.TargetMethod;
        // A call on a slice of the variables is windowed: its start and length go first (see SpanRuleCallExpr).
        var first = WithoutImplicitConversions(invocation.Arguments.First(a => a.Parameter!.Ordinal == 0).Value);
        var window = first is IParameterReferenceOperation && IsVariablesAccess(first) ? null : View(first);
        // The window is not copied into locals here: locals declared before the statement would keep a reduction loop
        // ahead of it from fusing with its reverse (tried: the row loop of the SpanSlicesAndRanges snapshot then ran
        // twice). The reverse binds the start once per gradient loop instead (ReverseTransform.ForEachGradientEntry).
        int skip = window is null ? 1 : -1;
        var args = new Expr[target.Parameters.Length - skip];
        if (window is not null)
        {
            args[0] = window.Offset ?? Literals.Integer(ScalarType.Int32, 0);
            args[1] = window.Length;
        }
        foreach (var argument in invocation.Arguments)
        {
            var parameter = argument.Parameter!;
            if (parameter.Ordinal == 0) continue;
            args[parameter.Ordinal - skip] = MapType(parameter.Type) is { } scalar
                ? Convert(Value(argument.Value), scalar)
                : new DataExpr(_element, DataText(WithoutImplicitConversions(argument.Value))!); // an array, span or object, written verbatim
        }
        var spec = SpanHelper(target.OriginalDefinition, body);
        string method = spec.EmitsValue ? spec.Name
            : target.IsStatic ? target.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "." + target.Name
            : "this." + target.Name;
        return Convert(new SpanRuleCallExpr(_element, method, spec.Name + "Gradient", spec.Name + "HessianVectorProduct", args.ToEquatableArray(), Windowed: window is not null), type);
    }

    /// <summary>
    /// The spec of a span helper transformed once, lowering its body the first time (see <see cref="LowerOwnBody"/>):
    /// its span parameter reads as the variables, its other parameters as data of their own names (a scalar the body
    /// assigns is copied into a local of its name first, the parameter becoming <c>…Argument</c>).
    /// </summary>
    private SpanHelperSpec SpanHelper(IMethodSymbol target, IBlockOperation body)
    {
        if (_spanHelpers.TryGetValue(target, out var known) && known is not null) return known;
        _spanHelpers[target] = null;

        var frame = InlineFrame.ForObjective(target, _element);
        var span = target.Parameters[0];
        frame.Bind(span, ParameterBinding.Variables);
        var (lowered, prefix, names) = LowerTransformedOnce(target, body, frame, skip: 1, (_, type, name) => new DataExpr(type, name));
        var data = target.Parameters.Skip(1).Select((p, j) => new SpanHelperDataSpec(
            names[j], p.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), p.RefKind == RefKind.In ? "in " : ""));

        bool emitsValue = span.Type is not INamedTypeSymbol { Name: "ReadOnlySpan" };
        var spec = new SpanHelperSpec(prefix, target.Name, target.IsStatic, emitsValue, _element, span.Name, data.ToEquatableArray(), lowered);
        _spanHelpers[target] = spec;
        _spanHelperSpecs.Add(spec);
        return spec;
    }
}
