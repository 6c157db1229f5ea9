using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AutoDiffLbfgs.Generator.Diagnostics;
using AutoDiffLbfgs.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffLbfgs.Generator.Lowering;

/// <summary>The transform step's output: a model when the method is fully understood, and every diagnostic.</summary>
internal sealed record ParseResult(ObjectiveSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>Checks an <c>[Objective]</c> method's signature and lowers its body. The only class that touches Roslyn symbols.</summary>
internal static class ObjectiveParser
{
    public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var method = (IMethodSymbol)context.TargetSymbol;
        var syntax = (MethodDeclarationSyntax)context.TargetNode;
        try
        {
            var spec = ParseCore(method, syntax, context.SemanticModel, diagnostics, cancellationToken);
            // A helper inlined at several calls reports a problem in its body once per call: keep one of each.
            return new ParseResult(diagnostics.Count == 0 ? spec : null, diagnostics.Distinct().ToEquatableArray());
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, syntax.Identifier.GetLocation(), method.Name, ex.GetType().Name + ": " + ex.Message));
            return new ParseResult(null, diagnostics.ToEquatableArray());
        }
    }

    private static ObjectiveSpec? ParseCore(IMethodSymbol method, MethodDeclarationSyntax syntax, SemanticModel model, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        var identifier = syntax.Identifier.GetLocation();
        var containing = ContainingTypes(method, diagnostics);

        if (method.IsGenericMethod)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GenericNotSupported, identifier, method.Name));
        }

        var element = method.ReturnType.SpecialType switch
        {
            SpecialType.System_Double => ScalarType.Double,
            SpecialType.System_Single => ScalarType.Single,
            _ => (ScalarType?)null,
        };
        if (element is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedReturnType, syntax.ReturnType, method.Name, method.ReturnType.ToDisplayString()));
        }

        if (method.Parameters.Length == 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoVariables, identifier, method.Name));
            return null;
        }

        for (int i = 0; i < method.Parameters.Length; i++)
        {
            var parameter = method.Parameters[i];
            if (parameter.RefKind is RefKind.Ref or RefKind.Out or RefKind.RefReadOnlyParameter)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedParameterModifier, syntax.ParameterList.Parameters[i], parameter.Name, parameter.RefKind.ToString().ToLowerInvariant()));
            }
        }

        var variables = method.Parameters[0];
        var variablesKind = VariablesKindOf(variables.Type, method.ReturnType);
        if (variablesKind is null && element is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedVariablesType, syntax.ParameterList.Parameters[0], variables.Name, variables.Type.ToDisplayString(), element.Value.Keyword()));
        }

        if (syntax.Body is null && syntax.ExpressionBody is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoBody, identifier, method.Name));
            return null;
        }

        if (element is null || variablesKind is null) return null;

        var overload = Overload(method);
        if (overload is not null && CollidingOverload(method, overload.Suffix) is { } other)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.CollidingOverloads, identifier, method.Name, other.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat)));
            return null;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var operation = model.GetOperation(syntax, cancellationToken) as IMethodBodyOperation;
        if (operation is null)
        {
            return null; // the compiler reports the syntax errors itself
        }
        var lowering = new BodyLowering(method, variables, element.Value, method.Name + overload?.Suffix, model, diagnostics);
        var body = lowering.Lower(operation);

        var data = method.Parameters.Skip(1).Select(p => new DataParameterSpec(
            p.Name,
            p.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            p.Type.IsRefLikeType,
            p.RefKind == RefKind.In ? "in " : p.ScopedKind == ScopedKind.ScopedValue ? "scoped " : "",
            p.Type.SpecialType == SpecialType.System_Int32 && p.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "AutoDiffLbfgs.TermIndexAttribute"))).ToEquatableArray();

        return new ObjectiveSpec(
            method.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : null,
            containing,
            method.Name,
            AccessibilityText(method.DeclaredAccessibility),
            method.IsStatic,
            element.Value,
            variablesKind.Value,
            variables.Name,
            data,
            body,
            lowering.UserFunctions,
            lowering.Helpers,
            lowering.SpanHelpers,
            overload);
    }

    /// <summary>
    /// The overload mark of <paramref name="method"/> when its type declares another [Objective] method of the same name
    /// (in any part of a partial type); null when it is the only one, whose generated names carry no suffix.
    /// </summary>
    private static OverloadSpec? Overload(IMethodSymbol method)
    {
        var overloads = method.ContainingType.GetMembers(method.Name).OfType<IMethodSymbol>().Where(IsObjective).ToList();
        if (overloads.Count < 2) return null;
        var cref = method.Name + "(" + string.Join(", ", method.Parameters.Select(p =>
            p.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Replace('<', '{').Replace('>', '}'))) + ")";
        return new OverloadSpec(OverloadSuffix(method), cref);
    }

    /// <summary>
    /// Another [Objective] overload whose generated members would be the same as <paramref name="method"/>'s: the
    /// generated gradient takes the variables as <c>ReadOnlySpan&lt;T&gt;</c> whatever their declared kind, so
    /// <c>F(ReadOnlySpan&lt;double&gt;)</c> and <c>F(double[])</c> would both generate <c>FGradient(ReadOnlySpan&lt;double&gt;, Span&lt;double&gt;)</c>.
    /// </summary>
    private static IMethodSymbol? CollidingOverload(IMethodSymbol method, string suffix) =>
        method.ContainingType.GetMembers(method.Name).OfType<IMethodSymbol>()
            .Where(o => IsObjective(o) && !SymbolEqualityComparer.Default.Equals(o, method))
            .FirstOrDefault(o => OverloadSuffix(o) == suffix);

    private static bool IsObjective(IMethodSymbol method) =>
        method.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "AutoDiffLbfgs.ObjectiveAttribute");

    /// <summary>The words of an overload's parameter types after the variables' kind: <c>Single</c>, <c>DoubleDoubleArray</c>.</summary>
    private static string OverloadSuffix(IMethodSymbol method)
    {
        var words = new System.Text.StringBuilder(TypeWord(method.ReturnType));
        foreach (var parameter in method.Parameters.Skip(1)) words.Append(TypeWord(parameter.Type));
        return words.ToString();
    }

    /// <summary>A type as one identifier word: <c>Double</c>, <c>DoubleArray</c>, <c>ReadOnlySpanDouble</c>.</summary>
    private static string TypeWord(ITypeSymbol type) => type switch
    {
        IArrayTypeSymbol array => TypeWord(array.ElementType) + (array.Rank == 1 ? "Array" : "Array" + array.Rank.ToString(System.Globalization.CultureInfo.InvariantCulture) + "D"),
        INamedTypeSymbol { IsGenericType: true } named => named.Name + string.Concat(named.TypeArguments.Select(TypeWord)),
        _ => type.Name.Length > 0 ? type.Name : "Unknown",
    };

    private static EquatableArray<ContainingTypeSpec> ContainingTypes(IMethodSymbol method, List<DiagnosticInfo> diagnostics)
    {
        var list = new List<ContainingTypeSpec>();
        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            var declaration = type.DeclaringSyntaxReferences.Select(r => r.GetSyntax()).OfType<TypeDeclarationSyntax>().FirstOrDefault();
            bool isPartial = type.DeclaringSyntaxReferences.Select(r => r.GetSyntax()).OfType<TypeDeclarationSyntax>()
                .Any(d => d.Modifiers.Any(SyntaxKind.PartialKeyword));
            var location = declaration?.Identifier.GetLocation();
            if (!isPartial)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TypeNotPartial, location, type.Name, method.Name));
            }
            if (type.TypeParameters.Length > 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GenericNotSupported, location, type.Name));
            }
            string keyword = declaration switch
            {
                RecordDeclarationSyntax r when r.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) => "record struct",
                RecordDeclarationSyntax => "record",
                StructDeclarationSyntax => "struct",
                InterfaceDeclarationSyntax => "interface",
                _ => "class",
            };
            if (type.IsRefLikeType) keyword = "ref " + keyword;
            if (type.IsReadOnly && type.IsValueType) keyword = "readonly " + keyword;
            list.Insert(0, new ContainingTypeSpec(keyword, type.Name, type.IsStatic, type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)));
        }
        return list.ToEquatableArray();
    }

    private static VariablesKind? VariablesKindOf(ITypeSymbol type, ITypeSymbol element)
    {
        if (type is IArrayTypeSymbol { Rank: 1 } array && SymbolEqualityComparer.Default.Equals(array.ElementType, element))
        {
            return VariablesKind.Array;
        }
        if (type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named
            && SymbolEqualityComparer.Default.Equals(named.TypeArguments[0], element)
            && named.ContainingNamespace?.ToDisplayString() == "System")
        {
            if (named.Name == "ReadOnlySpan") return VariablesKind.ReadOnlySpan;
            if (named.Name == "Span") return VariablesKind.Span;
        }
        return null;
    }

    private static string AccessibilityText(Accessibility accessibility) => accessibility switch
    {
        Accessibility.Public => "public",
        Accessibility.Internal => "internal",
        Accessibility.Protected => "protected",
        Accessibility.ProtectedOrInternal => "protected internal",
        Accessibility.ProtectedAndInternal => "private protected",
        _ => "private",
    };
}
