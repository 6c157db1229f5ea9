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

        cancellationToken.ThrowIfCancellationRequested();
        var operation = model.GetOperation(syntax, cancellationToken) as IMethodBodyOperation;
        if (operation is null)
        {
            return null; // the compiler reports the syntax errors itself
        }
        var lowering = new BodyLowering(method, variables, element.Value, model, diagnostics);
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
            lowering.SpanHelpers);
    }

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
