using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AutoDiffLbfgs.Generator.Tests.Infrastructure;

/// <summary>
/// Runs <see cref="ObjectiveGenerator"/> in-process over C# source strings, the way the compiler does in a build:
/// a <see cref="CSharpCompilation"/> referencing the whole shared framework and the AutoDiffLbfgs runtime, and a
/// <see cref="CSharpGeneratorDriver"/> that tracks incremental steps so tests can inspect caching.
/// </summary>
internal static class GeneratorHarness
{
    /// <summary>The parse options of every test tree: the newest language version, as the repository builds with.</summary>
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    /// <summary>
    /// Every assembly the test host can load (the shared framework, the runtime under test, xUnit…): the
    /// generator sees the same world as a real net10.0 project. Built once; creating references is the slow part.
    /// </summary>
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(CreateReferences);

    /// <summary>Creates a library compilation of <paramref name="sources"/> (one syntax tree each, named Source{i}.cs).</summary>
    public static CSharpCompilation CreateCompilation(params string[] sources) =>
        CSharpCompilation.Create(
            assemblyName: "GeneratorTestInput",
            syntaxTrees: sources.Select((text, i) => ParseTree(text, $"Source{i}.cs")),
            references: References.Value,
            options: new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                // ADL0107 tests use unsafe blocks; allowing them keeps the input free of compiler errors.
                allowUnsafe: true,
                deterministic: true));

    /// <summary>Parses <paramref name="text"/> with <see cref="ParseOptions"/>.</summary>
    public static SyntaxTree ParseTree(string text, string path) => CSharpSyntaxTree.ParseText(text, ParseOptions, path);

    /// <summary>A fresh driver for the generator with incremental step tracking on.</summary>
    public static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(
            generators: [new ObjectiveGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Compiles <paramref name="sources"/> and runs the generator once over them.</summary>
    public static GeneratorRun Run(params string[] sources) => Run(CreateDriver(), CreateCompilation(sources));

    /// <summary>Runs <paramref name="driver"/> (fresh or carrying the state of earlier runs) over <paramref name="compilation"/>.</summary>
    public static GeneratorRun Run(GeneratorDriver driver, Compilation compilation)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        var result = Assert.Single(driver.GetRunResult().Results);
        Assert.Null(result.Exception);
        return new GeneratorRun(driver, compilation, output, generatorDiagnostics, result);
    }

    private static ImmutableArray<MetadataReference> CreateReferences()
    {
        var paths = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append(typeof(ObjectiveAttribute).Assembly.Location)
            .Where(path => path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.Ordinal)
            // Two copies of one assembly name (e.g. the runtime under test) would make every reference ambiguous.
            .GroupBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .Select(group => group.First());
        return [.. paths.Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))];
    }
}

/// <summary>The outcome of one generator run.</summary>
/// <param name="Driver">The driver after the run; run it again to observe incremental caching.</param>
/// <param name="Input">The compilation the generator saw.</param>
/// <param name="Output">The input plus the generated trees.</param>
/// <param name="GeneratorDiagnostics">Diagnostics reported by the generator.</param>
/// <param name="Result">The run result of the generator, with its tracked steps.</param>
internal sealed record GeneratorRun(
    GeneratorDriver Driver,
    Compilation Input,
    Compilation Output,
    ImmutableArray<Diagnostic> GeneratorDiagnostics,
    GeneratorRunResult Result)
{
    /// <summary>The generated sources, by hint name.</summary>
    public ImmutableArray<GeneratedSourceResult> Sources => Result.GeneratedSources;

    /// <summary>The single generated source whose hint name is <paramref name="hintName"/>.</summary>
    public string Source(string hintName)
    {
        var matches = Sources.Where(s => s.HintName == hintName).ToList();
        Assert.True(
            matches.Count == 1,
            $"Expected one generated source named '{hintName}'; generated: [{string.Join(", ", Sources.Select(s => s.HintName))}].");
        return matches[0].SourceText.ToString();
    }

    /// <summary>Errors of the input compilation: test sources must be valid C# so the generator is judged alone.</summary>
    public ImmutableArray<Diagnostic> InputErrors => [.. Input.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error)];

    /// <summary>Errors of the output compilation (input plus generated code).</summary>
    public ImmutableArray<Diagnostic> OutputErrors => [.. Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error)];

    /// <summary>Warnings and errors located in generated trees: a user building with warnings-as-errors must not see any.</summary>
    public ImmutableArray<Diagnostic> GeneratedCodeProblems
    {
        get
        {
            var generatedTrees = Output.SyntaxTrees.Except(Input.SyntaxTrees).ToHashSet();
            return [.. Output.GetDiagnostics().Where(d =>
                d.Severity >= DiagnosticSeverity.Warning && d.Location.SourceTree is { } tree && generatedTrees.Contains(tree))];
        }
    }

    /// <summary>Formats diagnostics one per line with the text they point at, for assertion messages.</summary>
    public static string Describe(IEnumerable<Diagnostic> diagnostics) =>
        string.Join(Environment.NewLine, diagnostics.Select(d =>
        {
            var text = d.Location.SourceTree?.GetText().ToString(d.Location.SourceSpan) ?? "";
            return $"  {d.Id} {d.Location.GetLineSpan().Path}{d.Location.SourceSpan} '{text}': {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
        }));
}
