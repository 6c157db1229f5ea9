using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace AutoDiffLbfgs.Generator.Diagnostics;

/// <summary>
/// A diagnostic to report later: descriptor, the tree and span it points at, and its message arguments.
/// It is kept apart from the cached <c>ObjectiveSpec</c> so locations never spoil the model's cache.
/// </summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, SyntaxTree? Tree, TextSpan Span, Model.EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, SyntaxNode? node, params string[] arguments) =>
        new(descriptor, node?.SyntaxTree, node?.Span ?? default, new Model.EquatableArray<string>(arguments));

    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location? location, params string[] arguments) =>
        new(descriptor, location?.SourceTree, location?.SourceSpan ?? default, new Model.EquatableArray<string>(arguments));

    public Diagnostic ToDiagnostic()
    {
        var args = new object[Arguments.Count];
        for (int i = 0; i < args.Length; i++) args[i] = Arguments[i];
        var location = Tree is null ? Location.None : Location.Create(Tree, Span);
        return Diagnostic.Create(Descriptor, location, args);
    }
}
