using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AutoDiffLbfgs.Generator.Tests;

/// <summary>
/// The generator's folders depend on each other in one direction: Lowering (the only folder that touches Roslyn) →
/// Model ← Differentiation, Model ← Emit, and the pipeline file (<c>ObjectiveGenerator.cs</c>) wires them together.
/// Every symbol each source file binds to is checked against its folder's allowed namespaces, so a pass that reaches
/// back into Lowering or a printer that runs a pass fails here, not in review.
/// </summary>
public sealed class ArchitectureTests
{
    private const string Root = "AutoDiffLbfgs.Generator";

    /// <summary>For each folder, the namespaces its files may use besides System.*; null allows anything.</summary>
    private static readonly Dictionary<string, string[]?> Allowed = new()
    {
        ["Model"] = [Root + ".Model"],
        ["Differentiation"] = [Root + ".Differentiation", Root + ".Model"],
        ["Emit"] = [Root + ".Emit", Root + ".Model"],
        ["Lowering"] = [Root + ".Lowering", Root + ".Model", Root + ".Diagnostics", "Microsoft.CodeAnalysis"],
        ["Diagnostics"] = [Root + ".Diagnostics", Root + ".Model", "Microsoft.CodeAnalysis"],
        ["Polyfills"] = [],
        [""] = null, // the pipeline file and the step names
    };

    public static TheoryData<string> SourceFiles => new(GeneratorSources().Select(f => Path.GetRelativePath(GeneratorDirectory, f).Replace('\\', '/')));

    [Theory]
    [MemberData(nameof(SourceFiles))]
    public void EachFileUsesOnlyWhatItsFolderMayUse(string file)
    {
        string folder = file.Contains('/') ? file[..file.IndexOf('/')] : "";
        Assert.True(Allowed.ContainsKey(folder), $"No dependency rule for the folder '{folder}'; add one to {nameof(ArchitectureTests)}.");
        var allowed = Allowed[folder];
        if (allowed is null) return;

        var compilation = Compilation.Value;
        var tree = compilation.SyntaxTrees.Single(t => t.FilePath.EndsWith(file, StringComparison.Ordinal));
        var model = compilation.GetSemanticModel(tree);
        var violations = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var node in tree.GetRoot().DescendantNodes())
        {
            var symbol = model.GetSymbolInfo(node).Symbol;
            var ns = symbol is INamespaceSymbol n ? n : symbol?.ContainingNamespace;
            if (ns is null || ns.IsGlobalNamespace) continue;
            string name = ns.ToDisplayString();
            if (name == "System" || name.StartsWith("System.", StringComparison.Ordinal)) continue;
            if (allowed.Any(a => name == a || name.StartsWith(a + ".", StringComparison.Ordinal))) continue;
            if (symbol is INamespaceSymbol && allowed.Any(a => a.StartsWith(name + ".", StringComparison.Ordinal))) continue; // a prefix of an allowed one
            violations.Add($"{symbol!.ToDisplayString()} ({name}) at line {node.GetLocation().GetLineSpan().StartLinePosition.Line + 1}");
        }
        Assert.True(violations.Count == 0, $"{file} ({(folder.Length == 0 ? "root" : folder)}/) may use only {string.Join(", ", allowed)}, but uses:\n  " + string.Join("\n  ", violations));
    }

    [Fact]
    public void TheRuleSeesTheWholeGeneratorAndBindsIt()
    {
        Assert.True(GeneratorSources().Count() > 30);
        // Unbound names would make every check pass: the sources must compile here.
        var errors = Compilation.Value.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Take(5).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    private static string GeneratorDirectory => Path.Combine(RepositoryRoot(), "generator", Root);

    private static IEnumerable<string> GeneratorSources() =>
        Directory.EnumerateFiles(GeneratorDirectory, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    /// <summary>The generator's sources compiled against the test host's framework and Roslyn, for binding only.</summary>
    private static readonly Lazy<CSharpCompilation> Compilation = new(() =>
    {
        var references = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append(typeof(Microsoft.CodeAnalysis.CSharp.CSharpCompilation).Assembly.Location)
            .Append(typeof(Microsoft.CodeAnalysis.Compilation).Assembly.Location)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .GroupBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .Select(g => MetadataReference.CreateFromFile(g.First()));
        var trees = GeneratorSources().Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), new CSharpParseOptions(LanguageVersion.Latest), f));
        return CSharpCompilation.Create("GeneratorUnderInspection", trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
    });

    private static string RepositoryRoot()
    {
        var project = typeof(ArchitectureTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "ProjectDirectory").Value!;
        return Path.GetFullPath(Path.Combine(project, "..", ".."));
    }
}
