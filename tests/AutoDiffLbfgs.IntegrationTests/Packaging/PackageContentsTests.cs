using System.IO.Compression;
using System.Xml.Linq;

namespace AutoDiffLbfgs.IntegrationTests.Packaging;

/// <summary>The packed files: what a user's restore gets, and nothing it should not.</summary>
[Collection(PackedPackageCollection.Name)]
public sealed class PackageContentsTests(LocalPackageFeed feed)
{
    [Fact]
    public void PackageHoldsTheRuntimeWithDocsTheGeneratorAndCodeFixesAsAnalyzersAndTheReadme()
    {
        var entries = EntryNames(feed.PackagePath);

        Assert.Contains("lib/net10.0/AutoDiffLbfgs.dll", entries);
        Assert.Contains("lib/net10.0/AutoDiffLbfgs.xml", entries);
        Assert.Contains("analyzers/dotnet/cs/AutoDiffLbfgs.Generator.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/AutoDiffLbfgs.CodeFixes.dll", entries);
        Assert.Contains("PACKAGE.md", entries);
        // The generator and the code fixes run inside the compiler and the IDE only: neither may become a reference
        // of the user's program.
        Assert.Equal(new[] { "lib/net10.0/AutoDiffLbfgs.dll", "lib/net10.0/AutoDiffLbfgs.xml" }, entries.Where(e => e.StartsWith("lib/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(entries, e => e.Contains("Microsoft.CodeAnalysis", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void NuspecCarriesTheMetadataAndNoDependencies()
    {
        using var package = ZipFile.OpenRead(feed.PackagePath);
        var nuspecEntry = Assert.Single(package.Entries, e => e.FullName == "AutoDiffLbfgs.nuspec");
        using var stream = nuspecEntry.Open();
        var metadata = XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string? Value(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;

        Assert.Equal("AutoDiffLbfgs", Value("id"));
        Assert.Equal(feed.Version, Value("version"));
        Assert.Equal("AutoDiffLbfgs contributors", Value("authors"));
        Assert.Equal("MIT", Value("license"));
        Assert.Equal("PACKAGE.md", Value("readme"));
        Assert.False(string.IsNullOrWhiteSpace(Value("description")));
        Assert.False(string.IsNullOrWhiteSpace(Value("tags")));
        // The diagnostics' help links and PACKAGE.md point into this repository.
        Assert.Equal("https://github.com/AutoDiffLbfgs/AutoDiffLbfgs", Value("projectUrl"));
        var repository = metadata.Elements().Single(e => e.Name.LocalName == "repository");
        Assert.Equal("https://github.com/AutoDiffLbfgs/AutoDiffLbfgs.git", repository.Attribute("url")?.Value);
        // Neither the generator project nor Roslyn may turn into a dependency a user's restore would chase.
        Assert.DoesNotContain(metadata.Descendants(), e => e.Name.LocalName == "dependency");
    }

    [Fact]
    public void SymbolPackageHoldsTheRuntimePdb()
    {
        Assert.Contains("lib/net10.0/AutoDiffLbfgs.pdb", EntryNames(feed.SymbolPackagePath));
    }

    private static HashSet<string> EntryNames(string packagePath)
    {
        using var package = ZipFile.OpenRead(packagePath);
        return package.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
    }
}
