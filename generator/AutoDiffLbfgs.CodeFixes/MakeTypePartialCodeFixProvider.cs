using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AutoDiffLbfgs.CodeFixes;

/// <summary>
/// Offers "Make 'T' partial" for ADL0001, which the generator reports on the identifier of every type around an
/// <c>[Objective]</c> method that is not <c>partial</c> (the generated members are added to those types).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakeTypePartialCodeFixProvider)), Shared]
public sealed class MakeTypePartialCodeFixProvider : CodeFixProvider
{
    /// <summary>
    /// The id of "containing type must be partial". The generator owns it (DiagnosticDescriptors.TypeNotPartial);
    /// the two assemblies share no code, so the id is repeated here.
    /// </summary>
    public const string TypeNotPartialId = "ADL0001";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(TypeNotPartialId);

    /// <summary>Every fix edits only its own declaration, so a batch of them merges without conflicts.</summary>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null) return;

        foreach (var diagnostic in context.Diagnostics)
        {
            var type = root.FindToken(diagnostic.Location.SourceSpan.Start).Parent?
                .AncestorsAndSelf().OfType<TypeDeclarationSyntax>().FirstOrDefault();
            if (type is null || type.Modifiers.Any(SyntaxKind.PartialKeyword)) continue;

            var document = context.Document;
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Make '{type.Identifier.ValueText}' partial",
                    cancellationToken => MakePartialAsync(document, type, cancellationToken),
                    equivalenceKey: TypeNotPartialId),
                diagnostic);
        }
    }

    private static async Task<Document> MakePartialAsync(Document document, TypeDeclarationSyntax type, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        return root is null ? document : document.WithSyntaxRoot(root.ReplaceNode(type, WithPartialModifier(type)));
    }

    /// <summary>
    /// Adds <c>partial</c> as the last modifier, where C# requires it (right before <c>class</c>, <c>struct</c>,
    /// <c>record</c> or <c>interface</c>).
    /// </summary>
    internal static TypeDeclarationSyntax WithPartialModifier(TypeDeclarationSyntax type)
    {
        var partial = SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space);
        if (type.Modifiers.Count > 0) return type.WithModifiers(type.Modifiers.Add(partial));

        // With no modifiers the keyword carries the line's indentation (and, without attributes, the doc comment);
        // that trivia moves to the new first token so the declaration keeps its layout.
        var keyword = type.Keyword;
        return type
            .WithKeyword(keyword.WithLeadingTrivia(SyntaxTriviaList.Empty))
            .WithModifiers(SyntaxFactory.TokenList(partial.WithLeadingTrivia(keyword.LeadingTrivia)));
    }
}
