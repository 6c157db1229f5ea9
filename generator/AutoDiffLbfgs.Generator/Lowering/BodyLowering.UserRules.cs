using System.Collections.Generic;
using System.Linq;
using AutoDiffLbfgs.Generator.Diagnostics;
using AutoDiffLbfgs.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffLbfgs.Generator.Lowering;

// Calls of methods marked [Derivative]: kept as calls, with the partial derivatives the user names.
internal sealed partial class BodyLowering
{
    /// <summary>The metadata name of the runtime's <c>[Derivative]</c> attribute.</summary>
    private const string DerivativeAttributeName = "AutoDiffLbfgs.DerivativeAttribute";

    /// <summary>The rules of the [Derivative] methods met so far, by fully qualified method name, in the order met.</summary>
    private readonly Dictionary<string, UserFunctionSpec?> _userFunctions = new();

    /// <summary>The rules of every [Derivative] method the body calls, directly or through other rules.</summary>
    public EquatableArray<UserFunctionSpec> UserFunctions =>
        _userFunctions.Values.Where(f => f is not null).Select(f => f!).ToEquatableArray();

    /// <summary>The partial-derivative method names of a [Derivative] method, or null when it has no such attribute.</summary>
    private static IReadOnlyList<string>? DerivativeNames(IMethodSymbol method)
    {
        var attribute = method.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == DerivativeAttributeName);
        if (attribute is null) return null;
        if (attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Kind != TypedConstantKind.Array) return new string[0];
        return attribute.ConstructorArguments[0].Values.Select(v => v.Value as string ?? "").ToList();
    }

    /// <summary>The Gradient and HessianVectorProduct names of a span rule's [Derivative], or null when it names none.</summary>
    private static (string? Gradient, string? HessianVectorProduct)? SpanRuleNames(IMethodSymbol method)
    {
        var attribute = method.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == DerivativeAttributeName);
        if (attribute is null) return null;
        string? gradient = null, hvp = null;
        foreach (var named in attribute.NamedArguments)
        {
            if (named.Key == "Gradient") gradient = named.Value.Value as string;
            if (named.Key == "HessianVectorProduct") hvp = named.Value.Value as string;
        }
        return gradient is null && hvp is null ? null : (gradient, hvp);
    }

    /// <summary>
    /// Lowers a call of a span rule — a helper <c>T F(ReadOnlySpan&lt;T&gt; u, data…)</c> whose [Derivative] names a
    /// gradient and a Hessian-vector product with the signatures of generated ones — to a <see cref="SpanRuleCallExpr"/>.
    /// The call must pass the objective's variables as <c>u</c> and data (or integers) for the rest: the rule
    /// differentiates the span argument only, so an argument that could depend on the variables is refused.
    /// </summary>
    private Expr LowerSpanRuleCall(IInvocationOperation invocation, (string? Gradient, string? HessianVectorProduct) names, ScalarType type)
    {
        var method = invocation.TargetMethod.OriginalDefinition;
        var site = invocation.Syntax;
        var element = method.Parameters.Length > 0 && method.Parameters[0].Type is INamedTypeSymbol { Name: "ReadOnlySpan" } span ? MapType(span.TypeArguments[0]) : null;
        if (!method.IsStatic || method.IsGenericMethod || element is not { } t || !t.IsFloating() || MapType(method.ReturnType) != t)
        {
            Report(DiagnosticDescriptors.InvalidDerivativeRule, site, method.Name, "a [Derivative] with a Gradient must mark a static, non-generic method whose first parameter is ReadOnlySpan<T> and which returns T (T double or float)");
            return Placeholder();
        }
        if (t != _element)
        {
            Report(DiagnosticDescriptors.InvalidDerivativeRule, site, method.Name, $"it takes ReadOnlySpan<{t.Keyword()}> but the objective's variables are {_element.Keyword()}");
            return Placeholder();
        }
        if (names.Gradient is null || names.HessianVectorProduct is null)
        {
            Report(DiagnosticDescriptors.InvalidDerivativeRule, site, method.Name, "it must name both a Gradient and a HessianVectorProduct");
            return Placeholder();
        }
        var rest = method.Parameters.Skip(1).Select(p => p.Type).ToList();
        var spanType = method.Parameters[0].Type;
        bool Matches(IMethodSymbol m, int leading, bool returnsValue) =>
            m.IsStatic && !m.IsGenericMethod && m.Parameters.Length == leading + rest.Count
            && (returnsValue ? MapType(m.ReturnType) == t : m.ReturnsVoid)
            && m.Parameters.Skip(leading).Select(p => p.Type).SequenceEqual(rest, SymbolEqualityComparer.Default)
            && m.Parameters.Take(leading).All(p => p.RefKind == RefKind.None && p.Type is INamedTypeSymbol { Name: "ReadOnlySpan" or "Span" } s && MapType(s.TypeArguments[0]) == t)
            && SymbolEqualityComparer.Default.Equals(m.Parameters[0].Type, spanType)
            && m.Parameters[leading - 1].Type is INamedTypeSymbol { Name: "Span" };
        var gradient = method.ContainingType.GetMembers(names.Gradient).OfType<IMethodSymbol>().FirstOrDefault(m => Matches(m, 2, returnsValue: true));
        if (gradient is null)
        {
            Report(DiagnosticDescriptors.InvalidDerivativeRule, site, method.Name, $"no static method '{names.Gradient}' in '{method.ContainingType.Name}' has the signature {t.Keyword()} {names.Gradient}(ReadOnlySpan<{t.Keyword()}> u, Span<{t.Keyword()}> gradient, …the other parameters)");
            return Placeholder();
        }
        var hvp = method.ContainingType.GetMembers(names.HessianVectorProduct).OfType<IMethodSymbol>().FirstOrDefault(m => Matches(m, 3, returnsValue: false));
        if (hvp is null)
        {
            Report(DiagnosticDescriptors.InvalidDerivativeRule, site, method.Name, $"no static method '{names.HessianVectorProduct}' in '{method.ContainingType.Name}' has the signature void {names.HessianVectorProduct}(ReadOnlySpan<{t.Keyword()}> u, ReadOnlySpan<{t.Keyword()}> v, Span<{t.Keyword()}> result, …the other parameters)");
            return Placeholder();
        }

        var args = new Expr[method.Parameters.Length - 1];
        bool ok = true;
        foreach (var argument in invocation.Arguments)
        {
            var parameter = argument.Parameter!;
            var value = WithoutImplicitConversions(argument.Value);
            if (parameter.Ordinal == 0)
            {
                if (!(IsVariablesAccess(value) && value is IParameterReferenceOperation))
                {
                    Report(DiagnosticDescriptors.InvalidDerivativeRule, argument.Syntax, method.Name, "its span argument must be the objective's variables, whole");
                    ok = false;
                }
                continue;
            }
            if (MapType(parameter.Type) is { } scalar)
            {
                var lowered = Convert(Value(argument.Value), scalar);
                if (scalar.IsFloating() && !IsPlainData(lowered))
                {
                    Report(DiagnosticDescriptors.InvalidDerivativeRule, argument.Syntax, method.Name, $"'{SourceText(argument.Syntax)}' may depend on the variables, but the rule differentiates the span argument only; pass data, a constant or an integer");
                    ok = false;
                }
                args[parameter.Ordinal - 1] = lowered;
            }
            else if (DataText(value) is { } text)
            {
                args[parameter.Ordinal - 1] = new DataExpr(t, text); // a data array or object, written verbatim (its type is not a scalar's)
            }
            else
            {
                Report(DiagnosticDescriptors.InvalidDerivativeRule, argument.Syntax, method.Name, $"'{SourceText(argument.Syntax)}' is not data: pass a data parameter, a field or a property");
                ok = false;
            }
        }
        if (!ok) return Placeholder();
        var qualified = method.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        return Convert(new SpanRuleCallExpr(t, qualified + "." + method.Name, qualified + "." + gradient.Name, qualified + "." + hvp.Name, args.ToEquatableArray()), type);
    }

    /// <summary>Whether a lowered floating-point argument is data: built from literals, data and integers only, never from a floating-point local or the variables.</summary>
    private static bool IsPlainData(Expr e) => e switch
    {
        ConstExpr or DataExpr or VariablesLengthExpr or ArrayLengthExpr => true,
        LocalExpr l => !l.Type.IsFloating(),
        DataElementExpr d => IsPlainData(d.Index) && (d.Row is null || IsPlainData(d.Row)),
        DataRowLengthExpr r => IsPlainData(r.Row),
        UnaryExpr u => IsPlainData(u.Operand),
        BinaryExpr b => IsPlainData(b.Left) && IsPlainData(b.Right),
        CallExpr c => c.Args.All(IsPlainData),
        ConvertExpr c => IsPlainData(c.Operand),
        ConditionalExpr c => IsPlainData(c.Condition) && IsPlainData(c.WhenTrue) && IsPlainData(c.WhenFalse),
        _ => false,
    };

    /// <summary>
    /// Lowers a call of a [Derivative] method to a <see cref="UserCallExpr"/> and makes sure its rule (and the rules
    /// of every [Derivative] method its partials call) is in <see cref="_userFunctions"/>.
    /// </summary>
    private Expr LowerUserRuleCall(IInvocationOperation invocation, IReadOnlyList<string> partials, ScalarType type)
    {
        var target = invocation.TargetMethod.OriginalDefinition;
        var args = new Expr[target.Parameters.Length];
        foreach (var argument in invocation.Arguments)
        {
            var parameter = argument.Parameter!;
            args[parameter.Ordinal] = Convert(Value(argument.Value), MapType(parameter.Type) ?? type);
        }
        var name = UserRule(target, partials, invocation.Syntax);
        return name is null ? Placeholder() : Convert(new UserCallExpr(MapType(target.ReturnType)!.Value, name, args.ToEquatableArray()), type);
    }

    /// <summary>
    /// The fully qualified name of <paramref name="method"/> after recording its rule; null (reported at
    /// <paramref name="site"/>) when the method or a partial-derivative method does not have the required shape.
    /// </summary>
    private string? UserRule(IMethodSymbol method, IReadOnlyList<string> partials, SyntaxNode site)
    {
        var name = method.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "." + method.Name;
        if (_userFunctions.ContainsKey(name)) return name; // known, or being built (a partial that calls the method again)

        var returnType = MapType(method.ReturnType);
        var floating = method.Parameters.Where(p => MapType(p.Type)?.IsFloating() == true).ToList();
        bool shape = returnType?.IsFloating() == true && method.IsStatic && !method.IsGenericMethod && method.MethodKind == MethodKind.Ordinary
            && method.Parameters.All(p => p.RefKind is RefKind.None or RefKind.In && MapType(p.Type) is { } t && t != ScalarType.Boolean);
        if (!shape)
        {
            Report(DiagnosticDescriptors.InvalidDerivativeRule, site, method.Name, "a [Derivative] method must be static, non-generic, return double or float and take double, float, int or long parameters");
            return null;
        }
        if (partials.Count != floating.Count)
        {
            Report(DiagnosticDescriptors.InvalidDerivativeRule, site, method.Name, $"it has {floating.Count} floating-point parameter(s) but [Derivative] names {partials.Count} method(s)");
            return null;
        }

        _userFunctions[name] = null; // being built
        var placeholders = method.Parameters.Select((p, i) => (Expr)new LocalExpr(MapType(p.Type)!.Value, UserFunctionSpec.ParameterPlaceholder(i))).ToArray();
        var rules = new List<Expr>();
        int next = 0;
        foreach (var parameter in method.Parameters)
        {
            if (MapType(parameter.Type)?.IsFloating() != true)
            {
                rules.Add(Literals.Zero(returnType!.Value));
                continue;
            }
            var partial = PartialRule(method, partials[next++], placeholders, returnType!.Value, site);
            if (partial is null) return null;
            rules.Add(partial);
        }
        _userFunctions[name] = new UserFunctionSpec(name, rules.ToEquatableArray());
        return name;
    }

    /// <summary>
    /// The partial derivative named <paramref name="partialName"/> as an expression of the placeholders: a call of
    /// another [Derivative] method, or the body of a single-expression method lowered with its parameters bound to the
    /// placeholders. Null, reported, for anything else.
    /// </summary>
    private Expr? PartialRule(IMethodSymbol method, string partialName, Expr[] placeholders, ScalarType returnType, SyntaxNode site)
    {
        var candidate = method.ContainingType.GetMembers(partialName).OfType<IMethodSymbol>().FirstOrDefault(m =>
            m.Parameters.Length == method.Parameters.Length
            && m.Parameters.Select(p => p.Type).SequenceEqual(method.Parameters.Select(p => p.Type), SymbolEqualityComparer.Default));
        if (candidate is null || MapType(candidate.ReturnType) != returnType)
        {
            Report(DiagnosticDescriptors.InvalidDerivativeRule, site, method.Name, $"no method '{partialName}' in '{method.ContainingType.Name}' takes the same parameters and returns {returnType.Keyword()}");
            return null;
        }
        if (DerivativeNames(candidate) is { } nested)
        {
            var nestedName = UserRule(candidate, nested, site);
            return nestedName is null ? null : new UserCallExpr(returnType, nestedName, placeholders.ToEquatableArray());
        }
        var body = HelperBody(candidate);
        if (body is null || body.Operations.Length != 1 || body.Operations[0] is not IReturnOperation { ReturnedValue: { } returned })
        {
            Report(DiagnosticDescriptors.InvalidDerivativeRule, site, method.Name, $"'{partialName}' must be a single expression ('=> …') or carry a [Derivative] of its own, so that its own derivative is known");
            return null;
        }

        var frame = _scope.Frame.ForHelper(candidate, returnType);
        foreach (var parameter in candidate.Parameters) frame.Bind(parameter, ParameterBinding.Scalar(placeholders[parameter.Ordinal]));
        var caller = _scope.Frame;
        _scope.Frame = frame;
        try
        {
            return NotHoisted(() => Convert(Value(returned), returnType));
        }
        finally
        {
            _scope.Frame = caller;
        }
    }
}
