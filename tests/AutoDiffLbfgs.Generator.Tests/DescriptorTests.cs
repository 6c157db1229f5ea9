using System.Reflection;
using Microsoft.CodeAnalysis;

namespace AutoDiffLbfgs.Generator.Tests;

/// <summary>
/// The diagnostic catalogue of the contract: every id exists as an error descriptor of the generator, with a title
/// and a help link to its own section of <c>docs/diagnostics.md</c>, and is listed as it is declared in the release
/// tracking file — including ADL0900, which no valid or invalid source should ever produce and so cannot be
/// provoked by a test of its own.
/// </summary>
public sealed class DescriptorTests
{
    public static TheoryData<string> ContractIds => new(
        "ADL0001", "ADL0002", "ADL0003", "ADL0004", "ADL0005", "ADL0006", "ADL0007", "ADL0008",
        "ADL0100", "ADL0101", "ADL0102", "ADL0103", "ADL0104", "ADL0105", "ADL0106", "ADL0107", "ADL0108", "ADL0109", "ADL0110", "ADL0111", "ADL0112", "ADL0113",
        "ADL0114", "ADL0115", "ADL0116", "ADL0117", "ADL0118", "ADL0119",
        "ADL0900");

    [Theory]
    [MemberData(nameof(ContractIds))]
    public void EveryContractIdIsAnErrorDescriptor(string id)
    {
        var descriptor = Assert.Single(Descriptors(), d => d.Id == id);
        Assert.Equal(DiagnosticSeverity.Error, descriptor.DefaultSeverity);
        Assert.True(descriptor.IsEnabledByDefault);
        Assert.False(string.IsNullOrWhiteSpace(descriptor.Title.ToString()), $"{id} has no title.");
    }

    [Theory]
    [MemberData(nameof(ContractIds))]
    public void EveryContractIdIsDocumented(string id)
    {
        var documentation = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "diagnostics.md"));
        Assert.Contains($"## {id}", documentation, StringComparison.Ordinal);
    }

    [Fact]
    public void DescriptorIdsAreUnique()
    {
        var ids = Descriptors().Select(d => d.Id).ToList();
        Assert.Equal(ContractIds.Count, ids.Count);
        Assert.Equal(ids.Distinct().Count(), ids.Count);
    }

    /// <summary>
    /// The help link is the public repository's docs/diagnostics.md at the anchor a Markdown renderer gives the id's
    /// heading (lower case, punctuation dropped, spaces to hyphens), so the heading must read "ADL0101: " followed by
    /// the descriptor's title.
    /// </summary>
    [Fact]
    public void EveryDescriptorLinksToItsSectionOfTheDocumentation()
    {
        var anchors = File.ReadAllLines(Path.Combine(RepositoryRoot(), "docs", "diagnostics.md"))
            .Where(line => line.StartsWith("## ", StringComparison.Ordinal))
            .Select(line => Anchor(line.Substring(3)))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var descriptor in Descriptors())
        {
            const string Page = "https://github.com/AutoDiffLbfgs/AutoDiffLbfgs/blob/main/docs/diagnostics.md#";
            Assert.StartsWith(Page, descriptor.HelpLinkUri, StringComparison.Ordinal);
            var anchor = descriptor.HelpLinkUri.Substring(Page.Length);
            Assert.True(anchors.Contains(anchor), $"{descriptor.Id} links to #{anchor}, which no heading of docs/diagnostics.md has.");
            Assert.Equal(Anchor(descriptor.Id + ": " + descriptor.Title), anchor);
        }
    }

    /// <summary>AnalyzerReleases.Unshipped.md lists every descriptor with its category, severity and title as declared.</summary>
    [Fact]
    public void TheReleaseTrackingFileAgreesWithTheDescriptors()
    {
        var rows = File.ReadAllLines(Path.Combine(RepositoryRoot(), "generator", "AutoDiffLbfgs.Generator", "AnalyzerReleases.Unshipped.md"))
            .Where(line => line.StartsWith("ADL", StringComparison.Ordinal))
            .Select(line => line.Split('|').Select(cell => cell.Trim()).ToArray())
            .ToDictionary(cells => cells[0], StringComparer.Ordinal);
        foreach (var descriptor in Descriptors())
        {
            Assert.True(rows.TryGetValue(descriptor.Id, out var row), $"{descriptor.Id} is not in AnalyzerReleases.Unshipped.md.");
            Assert.Equal([descriptor.Id, descriptor.Category, descriptor.DefaultSeverity.ToString(), descriptor.Title.ToString()], row);
        }
        Assert.Equal(Descriptors().Count, rows.Count);
    }

    private static string Anchor(string heading) =>
        new([.. heading.ToLowerInvariant().Where(c => char.IsLetterOrDigit(c) || c is '-' or '_' or ' ').Select(c => c == ' ' ? '-' : c)]);

    /// <summary>Every static DiagnosticDescriptor field of the generator assembly.</summary>
    private static IReadOnlyList<DiagnosticDescriptor> Descriptors() =>
        [.. typeof(ObjectiveGenerator).Assembly.GetTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)];

    private static string RepositoryRoot()
    {
        var project = typeof(DescriptorTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "ProjectDirectory").Value!;
        return Path.GetFullPath(Path.Combine(project, "..", ".."));
    }
}
