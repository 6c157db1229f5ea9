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
        var names = DeclarationNames(target);
        var assigned = AssignedParameters(body);
        var frame = InlineFrame.ForObjective(target, returnType);
        var prologue = new List<Stmt>();
        var parameters = new List<HelperParameterSpec>();
        foreach (var parameter in target.Parameters)
        {
            var type = MapType(parameter.Type)!.Value;
            var name = assigned.Contains(parameter) ? names.Fresh(parameter.Name + "Argument") : parameter.Name;
            parameters.Add(new HelperParameterSpec(name, type));
            Expr bound = type.IsFloating()
                ? new VariableElementExpr(type, Literals.Integer(ScalarType.Int32, parameter.Ordinal))
                : new DataExpr(type, name);
            if (assigned.Contains(parameter))
            {
                prologue.Add(new DeclareStmt(parameter.Name, type, bound) { Source = parameter.Name + " (a parameter the helper assigns)" });
                bound = new LocalExpr(type, parameter.Name);
            }
            frame.Bind(parameter, ParameterBinding.Scalar(bound));
        }

        var lowered = LowerOwnBody(body, frame, names);

        bool isLocalFunction = target.MethodKind == MethodKind.LocalFunction;
        string prefix = _helperNames.Fresh(_memberPrefix + "_" + target.Name);
        string method = isLocalFunction ? prefix
            : target.IsStatic ? target.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "." + target.Name
            : "this." + target.Name;
        var signature = new HelperSignature(prefix, method, target.Name, target.Parameters.Select(p => p.Name).ToEquatableArray());
        var spec = new HelperSpec(signature, !ReadsInstance(target), isLocalFunction, returnType, parameters.ToEquatableArray(),
            new BlockStmt(prologue.Concat(lowered.Statements).ToEquatableArray()));
        _helpers[target] = spec;
        _helperSpecs.Add(spec);
        return spec;
    }

    /// <summary>
    /// Lowers the body of a helper transformed once, which becomes a method of its own: in <paramref name="frame"/>, with
    /// names from <paramref name="names"/>, and with the caller's per-body state (frame, names, pending statements,
    /// hoisting, local arrays) set aside and restored afterwards. The helper's local arrays are checked, and their
    /// overwritten ones marked, in the helper's own body.
    /// </summary>
    private BlockStmt LowerOwnBody(IBlockOperation body, InlineFrame frame, NameAllocator names)
    {
        var caller = (_frame, _names, _noHoist, Pending: _pending.ToList(), Arrays: _arrays.ToList(), Checked: _checkedArrays.ToList(), Overwritten: _overwrittenArrays.ToList());
        _frame = frame;
        _names = names;
        _noHoist = 0;
        _pending.Clear();
        _arrays.Clear();
        _checkedArrays.Clear();
        _overwrittenArrays.Clear();
        try
        {
            var lowered = LowerBlock(body);
            CheckLocalArrays(lowered);
            return _overwrittenArrays.Count > 0 ? MarkOverwrittenBlock(lowered) : lowered;
        }
        finally
        {
            (_frame, _names, _noHoist) = (caller._frame, caller._names, caller._noHoist);
            _pending.Clear();
            _pending.AddRange(caller.Pending);
            _arrays.Clear();
            foreach (var entry in caller.Arrays) _arrays[entry.Key] = entry.Value;
            _checkedArrays.Clear();
            _checkedArrays.UnionWith(caller.Checked);
            _overwrittenArrays.Clear();
            _overwrittenArrays.UnionWith(caller.Overwritten);
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
