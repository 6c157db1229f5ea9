using System.Collections.Generic;
using System.Linq;
using AutoDiffLbfgs.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffLbfgs.Generator.Lowering;

// Helpers transformed once: their body is lowered once per objective, into a HelperSpec the emitter differentiates
// into generated methods, and every call becomes a HelperCallExpr that calls them.
internal sealed partial class BodyLowering
{
    /// <summary>The helpers transformed once, by method: their spec, or null while their body is being lowered.</summary>
    private readonly Dictionary<IMethodSymbol, HelperSpec?> _helpers = new(SymbolEqualityComparer.Default);

    /// <summary>The specs of <see cref="_helpers"/> in the order their lowering finished (a callee before its caller).</summary>
    private readonly List<HelperSpec> _helperSpecs = new();

    /// <summary>The prefixes of the generated methods taken so far, <c>{Objective}_{Helper}</c>.</summary>
    private readonly NameAllocator _helperNames = new(new string[0]);

    /// <summary>Every helper the objective calls that is transformed once, directly or through other helpers.</summary>
    public EquatableArray<HelperSpec> Helpers => _helperSpecs.ToEquatableArray();

    /// <summary>
    /// Whether a call of <paramref name="invocation"/>'s target gets its derivative code once, as generated methods, rather
    /// than being inlined: a helper with statements (an expression-bodied one is cheaper substituted, and fuses with
    /// the caller's loops), returning double or float, whose parameters are all scalars (a span parameter would need the
    /// gradient span passed in, see docs/differentiation.md), called on <c>this</c> when it is an instance method, and
    /// which, for a local function, reads nothing of the method around it (its captures would be hidden parameters).
    /// </summary>
    private bool TransformsOnce(IInvocationOperation invocation, IBlockOperation body)
    {
        var target = invocation.TargetMethod;
        if (HasOutParameter(target)) return false; // inlined, its out parameters bound to the caller's locals
        if (body.Operations.Length == 1 && body.Operations[0] is IReturnOperation { ReturnedValue: not null }) return false;
        if (MapType(target.ReturnType) is not { } returnType || !returnType.IsFloating()) return false;
        if (target.Parameters.Any(p => MapType(p.Type) is null)) return false;
        if (target.MethodKind == MethodKind.LocalFunction) return !Captures(target, body);
        return target.IsStatic || invocation.Instance is IInstanceReferenceOperation;
    }

    /// <summary>Whether helper <paramref name="target"/> is being lowered to be transformed once (a call of it recurses).</summary>
    private bool IsBeingTransformed(IMethodSymbol target) =>
        (_helpers.TryGetValue(target.OriginalDefinition, out var spec) && spec is null)
        || (_spanHelpers.TryGetValue(target.OriginalDefinition, out var spanSpec) && spanSpec is null);

    /// <summary>
    /// Lowers a call of a helper transformed once: the call keeps its arguments (each converted to its parameter's type)
    /// and the helper's body is lowered the first time it is met.
    /// </summary>
    private Expr CallTransformedHelper(IInvocationOperation invocation, IBlockOperation body, ScalarType type)
    {
        var target = invocation.TargetMethod;
        var args = new Expr[target.Parameters.Length];
        foreach (var argument in invocation.Arguments)
        {
            var parameter = argument.Parameter!;
            args[parameter.Ordinal] = Convert(Value(argument.Value), MapType(parameter.Type)!.Value);
        }
        var spec = TransformedHelper(target.OriginalDefinition, body);
        return Convert(new HelperCallExpr(spec.ReturnType, spec.Signature, args.ToEquatableArray()), type);
    }

    /// <summary>
    /// The spec of a helper transformed once, lowering its body the first time: in a frame of its own whose locals keep
    /// their names, with the lowering's per-body state (pending statements, hoisting, local arrays, names) set aside,
    /// since the body becomes a method of its own. Floating-point parameter j reads as <c>x[j]</c>, any other parameter
    /// as data; a parameter the body assigns is copied into a local of its name first.
    /// </summary>
    private HelperSpec TransformedHelper(IMethodSymbol target, IBlockOperation body)
    {
        if (_helpers.TryGetValue(target, out var known) && known is not null) return known;
        _helpers[target] = null;

        var returnType = MapType(target.ReturnType)!.Value;
        var (lowered, prefix, names) = LowerTransformedOnce(target, body, InlineFrame.ForObjective(target, returnType), skip: 0,
            (parameter, type, name) => type.IsFloating() ? new VariableElementExpr(type, Literals.Integer(ScalarType.Int32, parameter.Ordinal)) : new DataExpr(type, name));
        var parameters = target.Parameters.Select((p, j) => new HelperParameterSpec(names[j], MapType(p.Type)!.Value));

        bool isLocalFunction = target.MethodKind == MethodKind.LocalFunction;
        string method = isLocalFunction ? prefix
            : target.IsStatic ? target.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "." + target.Name
            : "this." + target.Name;
        var signature = new HelperSignature(prefix, method, target.Name, target.Parameters.Select(p => p.Name).ToEquatableArray());
        var spec = new HelperSpec(signature, !ReadsInstance(target), isLocalFunction, returnType, parameters.ToEquatableArray(), lowered);
        _helpers[target] = spec;
        _helperSpecs.Add(spec);
        return spec;
    }

    /// <summary>
    /// What both kinds of helper transformed once share (scalar helpers here, span helpers in
    /// <c>BodyLowering.SpanHelpers.cs</c>): the parameters after the first <paramref name="skip"/> are bound in
    /// <paramref name="frame"/> — a scalar to <paramref name="scalarValue"/>, anything else to data of its name — a
    /// parameter the body assigns is copied into a local of its name first (the parameter becoming <c>…Argument</c>),
    /// and the body is lowered in a scope of its own. Returns the body (that prologue first), the prefix of its generated
    /// methods, <c>{Objective}_{Helper}</c>, and the names of the bound parameters in the generated methods.
    /// </summary>
    private (BlockStmt Body, string Prefix, List<string> ParameterNames) LowerTransformedOnce(
        IMethodSymbol target, IBlockOperation body, InlineFrame frame, int skip, System.Func<IParameterSymbol, ScalarType, string, Expr> scalarValue)
    {
        var names = DeclarationNames(target);
        var assigned = AssignedParameters(body);
        var prologue = new List<Stmt>();
        var parameterNames = new List<string>();
        foreach (var parameter in target.Parameters.Skip(skip))
        {
            var name = assigned.Contains(parameter) ? names.Fresh(parameter.Name + "Argument") : parameter.Name;
            parameterNames.Add(name);
            if (MapType(parameter.Type) is not { } type)
            {
                frame.Bind(parameter, ParameterBinding.Data(name));
                continue;
            }
            var bound = scalarValue(parameter, type, name);
            if (assigned.Contains(parameter))
            {
                prologue.Add(new DeclareStmt(parameter.Name, type, bound) { Source = parameter.Name + " (a parameter the helper assigns)" });
                bound = new LocalExpr(type, parameter.Name);
            }
            frame.Bind(parameter, ParameterBinding.Scalar(bound));
        }
        var lowered = LowerOwnBody(body, frame, names);
        string prefix = _helperNames.Fresh(_memberPrefix + "_" + target.Name);
        return (new BlockStmt(prologue.Concat(lowered.Statements).ToEquatableArray()), prefix, parameterNames);
    }

    /// <summary>
    /// Lowers the body of a helper transformed once, which becomes a method of its own: in a scope of its own (frame
    /// <paramref name="frame"/>, names from <paramref name="names"/>), the caller's scope untouched meanwhile. The
    /// helper's local arrays are checked, and their overwritten ones marked, in the helper's own body.
    /// </summary>
    private BlockStmt LowerOwnBody(IBlockOperation body, InlineFrame frame, NameAllocator names)
    {
        var caller = _scope;
        _scope = new BodyScope(frame, names);
        try
        {
            var lowered = LowerBlock(body);
            lowered = CheckLocalArrays(lowered);
            return _scope.OverwrittenArrays.Count > 0 ? MarkOverwrittenBlock(lowered) : lowered;
        }
        finally
        {
            _scope = caller;
        }
    }

    /// <summary>The identifiers of a helper's declaration, which the names its lowering invents must not take.</summary>
    private static NameAllocator DeclarationNames(IMethodSymbol target) =>
        new((target.PartialImplementationPart ?? target).DeclaringSyntaxReferences
            .SelectMany(r => r.GetSyntax().DescendantTokens())
            .Where(t => t.IsKind(SyntaxKind.IdentifierToken))
            .Select(t => t.ValueText));

    /// <summary>The parameters of a helper that its body assigns (<c>z = …</c>, <c>z += …</c>, <c>z++</c>).</summary>
    private static HashSet<IParameterSymbol> AssignedParameters(IBlockOperation body)
    {
        var set = new HashSet<IParameterSymbol>(SymbolEqualityComparer.Default);
        foreach (var operation in body.Descendants())
        {
            var target = operation switch
            {
                ISimpleAssignmentOperation a => a.Target,
                ICompoundAssignmentOperation c => c.Target,
                IIncrementOrDecrementOperation i => i.Target,
                _ => null,
            };
            if (target is IParameterReferenceOperation p) set.Add(p.Parameter);
        }
        return set;
    }

    /// <summary>Whether the body of local function <paramref name="function"/> reads a local or parameter of a method around it.</summary>
    private static bool Captures(IMethodSymbol function, IBlockOperation body) => body.Descendants().Any(operation => operation switch
    {
        ILocalReferenceOperation local => !IsInside(local.Local.ContainingSymbol, function),
        IParameterReferenceOperation parameter => !IsInside(parameter.Parameter.ContainingSymbol, function),
        _ => false,
    });

    /// <summary>Whether <paramref name="symbol"/> is <paramref name="function"/> or a local function declared inside it.</summary>
    private static bool IsInside(ISymbol? symbol, IMethodSymbol function)
    {
        for (; symbol is IMethodSymbol method; symbol = method.ContainingSymbol)
        {
            if (SymbolEqualityComparer.Default.Equals(method.OriginalDefinition, function.OriginalDefinition)) return true;
        }
        return false;
    }

    /// <summary>Whether a helper's body may read <c>this</c>: an instance method, or a non-static local function of one.</summary>
    private static bool ReadsInstance(IMethodSymbol method) =>
        method.MethodKind == MethodKind.LocalFunction
            ? !method.IsStatic && method.ContainingSymbol is IMethodSymbol outer && ReadsInstance(outer)
            : !method.IsStatic;
}
