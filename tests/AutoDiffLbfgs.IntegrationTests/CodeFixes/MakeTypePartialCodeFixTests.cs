using System.Collections.Immutable;
using AutoDiffLbfgs.CodeFixes;
using AutoDiffLbfgs.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace AutoDiffLbfgs.IntegrationTests.CodeFixes;

/// <summary>
/// The "make the type partial" fix, applied to the ADL0001 diagnostics the real generator reports, until the generator
/// reports none.
/// </summary>
public sealed class MakeTypePartialCodeFixTests
{
    /// <summary>The framework's reference assemblies as loaded by this process, plus the AutoDiffLbfgs runtime.</summary>
    private static readonly ImmutableArray<MetadataReference> References =
    [
        .. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(path) is "netstandard.dll" or "mscorlib.dll")
            .Select(path => MetadataReference.CreateFromFile(path)),
        MetadataReference.CreateFromFile(typeof(ObjectiveAttribute).Assembly.Location),
    ];

    [Theory]
    [InlineData(
        "public static class Problems",
        "public static partial class Problems")]
    [InlineData(
        "public readonly record struct Problems",
        "public readonly partial record struct Problems")]
    [InlineData(
        "/// <summary>Objectives.</summary>\nclass Problems",
        "/// <summary>Objectives.</summary>\npartial class Problems")]
    [InlineData(
        "[System.Obsolete(\"old\")]\nstatic class Problems",
        "[System.Obsolete(\"old\")]\nstatic partial class Problems")]
    public async Task FixAddsPartialAsTheLastModifierAndKeepsTheLayout(string declaration, string expected)
    {
        string Source(string header) => $$"""
            using System;
            using AutoDiffLbfgs;

            namespace Demo;

            {{header}}
            {
                [Objective]
                public static double Square(ReadOnlySpan<double> x) => x[0] * x[0];
            }
            """;

        string fixedSource = await ApplyFixesUntilNoAdl0001Async(Source(declaration));

        Assert.Equal(Source(expected).ReplaceLineEndings("\n"), fixedSource.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task EveryNonPartialContainingTypeOfANestedObjectiveIsFixed()
    {
        const string source = """
            using System;
            using AutoDiffLbfgs;

            namespace Demo;

            public class Outer
            {
                internal sealed class Inner
                {
                    [Objective]
                    public static double Square(ReadOnlySpan<double> x) => x[0] * x[0];
                }
            }
            """;

        string fixedSource = await ApplyFixesUntilNoAdl0001Async(source);

        Assert.Contains("public partial class Outer", fixedSource, StringComparison.Ordinal);
        Assert.Contains("internal sealed partial class Inner", fixedSource, StringComparison.Ordinal);
    }

    /// <summary>
    /// Runs the generator, applies the one fix offered for the first ADL0001, and repeats; returns the text once the
    /// generator reports no ADL0001 and has generated the objective's members.
    /// </summary>
    private static async Task<string> ApplyFixesUntilNoAdl0001Async(string source)
    {
        using var workspace = new AdhocWorkspace();
        var project = workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(), VersionStamp.Create(), "Consumer", "Consumer", LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
            metadataReferences: References));
        var document = workspace.AddDocument(project.Id, "Problems.cs", SourceText.From(source));
        var provider = new MakeTypePartialCodeFixProvider();

        // One round per non-partial type; a declaration nested four deep would be unusual in a test.
        for (int round = 0; round < 4; round++)
        {
            var (diagnostics, generatedFiles) = await RunGeneratorAsync(document.Project);
            var typeNotPartial = diagnostics.Where(d => d.Id == MakeTypePartialCodeFixProvider.TypeNotPartialId).ToList();
            if (typeNotPartial.Count == 0)
            {
                Assert.DoesNotContain(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
                Assert.True(generatedFiles > 0, "the generator produced nothing once the types were partial");
                return (await document.GetTextAsync()).ToString();
            }

            var actions = new List<CodeAction>();
            var context = new CodeFixContext(document, typeNotPartial[0], (action, _) => actions.Add(action), CancellationToken.None);
            await provider.RegisterCodeFixesAsync(context);
            var fix = Assert.Single(actions);
            var operations = await fix.GetOperationsAsync(CancellationToken.None);
            var changed = Assert.Single(operations.OfType<ApplyChangesOperation>()).ChangedSolution;
            document = changed.GetDocument(document.Id)!;
        }
        throw new Xunit.Sdk.XunitException("ADL0001 was still reported after four fixes.");
    }

    private static async Task<(ImmutableArray<Diagnostic> Diagnostics, int GeneratedFiles)> RunGeneratorAsync(Project project)
    {
        var compilation = await project.GetCompilationAsync() ?? throw new InvalidOperationException("The project has no compilation.");
        var driver = CSharpGeneratorDriver.Create(new ObjectiveGenerator()).RunGenerators(compilation);
        var result = driver.GetRunResult();
        return (result.Diagnostics, result.GeneratedTrees.Length);
    }
}
