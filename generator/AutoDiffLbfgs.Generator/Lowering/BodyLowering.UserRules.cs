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

        var frame = _frame.ForHelper(candidate, returnType);
        foreach (var parameter in candidate.Parameters) frame.Bind(parameter, ParameterBinding.Scalar(placeholders[parameter.Ordinal]));
        var caller = _frame;
        _frame = frame;
        try
        {
            return NotHoisted(() => Convert(Value(returned), returnType));
        }
        finally
        {
            _frame = caller;
        }
    }
}
