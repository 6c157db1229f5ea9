using System.Reflection;
using Microsoft.CodeAnalysis;

namespace AutoDiffLbfgs.Generator.Tests;

/// <summary>
/// The diagnostic catalogue of the contract: every id exists as an error descriptor of the generator, with a help
/// link or at least a title, and is documented in <c>docs/diagnostics.md</c> — including ADL0900, which no valid or
/// invalid source should ever produce and so cannot be provoked by a test of its own.
/// </summary>
public sealed class DescriptorTests
{
    public static TheoryData<string> ContractIds => new(
        "ADL0001", "ADL0002", "ADL0003", "ADL0004", "ADL0005", "ADL0006", "ADL0007", "ADL0008",
        "ADL0100", "ADL0101", "ADL0102", "ADL0103", "ADL0104", "ADL0105", "ADL0106", "ADL0107", "ADL0108", "ADL0109", "ADL0110", "ADL0111", "ADL0112", "ADL0113",
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
        Assert.Equal(ids.Distinct().Count(), ids.Count);
    }

    /// <summary>Every static DiagnosticDescriptor field of the generator assembly.</summary>
    private static IReadOnlyList<DiagnosticDescriptor> Descriptors() =>
        [.. typeof(ObjectiveGenerator).Assembly.GetTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .DistinctBy(d => d.Id)];

    private static string RepositoryRoot()
    {
        var project = typeof(DescriptorTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "ProjectDirectory").Value!;
        return Path.GetFullPath(Path.Combine(project, "..", ".."));
    }
}
