using AutoDiffLbfgs.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace AutoDiffLbfgs.Generator.Tests;

/// <summary>
/// The generator is incremental in the way the Roslyn cookbook asks: models are value-equatable records with no
/// Roslyn object inside, so edits that do not touch an objective leave its model (and output) cached, and edits
/// that do re-run it. Modelled on dotnet/runtime's <c>JsonSourceGeneratorIncrementalTests</c>.
/// </summary>
public sealed class IncrementalTests
{
    /// <summary>The root record of the cached model, a CONTRACT name.</summary>
    private const string ObjectiveSpecTypeName = "AutoDiffLbfgs.Generator.Model.ObjectiveSpec";

    /// <summary>Roslyn types whose instances pin a compilation (or its trees) in memory and defeat caching.</summary>
    private static readonly Type[] Forbidden =
    [
        typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxToken), typeof(SyntaxTree), typeof(Compilation),
        typeof(SemanticModel), typeof(Location), typeof(IOperation), typeof(Microsoft.CodeAnalysis.Text.SourceText),
    ];

    /// <summary>Every tracking name is a step the pipeline really runs, once per objective (not a name nothing uses).</summary>
    [Fact]
    public void EveryTrackingNameIsAStepThePipelineRuns()
    {
        // One objective generates, one is rejected: models and diagnostics both have an output.
        var run = GeneratorHarness.Run(ObjectiveSources.Rosenbrock.Replace(
            "[Objective]", "[Objective]\n    public static double Bad(ReadOnlySpan<double> x) => \"abc\".Length * x[0];\n\n    [Objective]", StringComparison.Ordinal));
        Assert.Contains(run.GeneratorDiagnostics, d => d.Id == "ADL0117");
        Assert.Equal(StepAssertions.AllStepNames.Count, StepAssertions.AllStepNames.Distinct().Count());
        foreach (var name in StepAssertions.AllStepNames) Assert.NotEmpty(StepAssertions.Outputs(run, name));
    }

    [Fact]
    public void AnEditInAnotherSyntaxTreeLeavesTheModelsCached()
    {
        var first = GeneratorHarness.Run(GeneratorHarness.CreateDriver(), GeneratorHarness.CreateCompilation(ObjectiveSources.Rosenbrock, ObjectiveSources.Unrelated));
        Assert.NotEmpty(first.Sources);

        var unrelated = first.Input.SyntaxTrees.Single(t => t.FilePath == "Source1.cs");
        var edited = GeneratorHarness.ParseTree(
            ObjectiveSources.Unrelated.Replace("2 * value", "3 * value + 1", StringComparison.Ordinal), "Source1.cs");
        var second = GeneratorHarness.Run(first.Driver, first.Input.ReplaceSyntaxTree(unrelated, edited));

        var models = StepAssertions.Outputs(second, StepAssertions.Models);
        Assert.NotEmpty(models);
        Assert.All(models, o => Assert.True(
            o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
            $"Models output re-ran with reason {o.Reason} after an edit in an unrelated file."));
        StepAssertions.AssertEverythingCached(second);
    }

    [Fact]
    public void AnEditBelowTheObjectiveInItsOwnFileLeavesTheModelUnchanged()
    {
        // The tree changes, so the transform re-runs over the objective; its model must come out equal.
        var first = GeneratorHarness.Run(ObjectiveSources.Rosenbrock);
        var tree = first.Input.SyntaxTrees.Single();
        var edited = GeneratorHarness.ParseTree(
            ObjectiveSources.Rosenbrock + "\n// A comment and a new type below the objective.\ninternal static class Later { public static int One() => 1; }\n",
            tree.FilePath);

        var second = GeneratorHarness.Run(first.Driver, first.Input.ReplaceSyntaxTree(tree, edited));

        var models = StepAssertions.Outputs(second, StepAssertions.Models);
        Assert.NotEmpty(models);
        Assert.All(models, o => Assert.True(
            o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
            $"Models output has reason {o.Reason} after an edit that does not touch the objective."));
        Assert.Equal(first.Source("Demo.Problems.Rosenbrock.g.cs"), second.Source("Demo.Problems.Rosenbrock.g.cs"));
    }

    [Fact]
    public void ABodyEditModifiesTheModelAndTheOutput()
    {
        var first = GeneratorHarness.Run(ObjectiveSources.Rosenbrock);
        var tree = first.Input.SyntaxTrees.Single();
        var edited = GeneratorHarness.ParseTree(ObjectiveSources.Rosenbrock.Replace("100 * b * b", "90 * b * b", StringComparison.Ordinal), tree.FilePath);
        Assert.NotEqual(tree.ToString(), edited.ToString());

        var second = GeneratorHarness.Run(first.Driver, first.Input.ReplaceSyntaxTree(tree, edited));

        Assert.Contains(StepAssertions.Outputs(second, StepAssertions.Models), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.NotEqual(
            first.Source("Demo.Problems.Rosenbrock.g.cs"),
            second.Source("Demo.Problems.Rosenbrock.g.cs"));
    }

    [Theory]
    [MemberData(nameof(ObjectiveSources.Names), MemberType = typeof(ObjectiveSources))]
    public void EqualSourcesGiveEqualModels(string sourceName)
    {
        var source = ObjectiveSources.Get(sourceName);
        var first = ModelValues(GeneratorHarness.Run(source));
        var second = ModelValues(GeneratorHarness.Run(source));

        Assert.Equal(first.Count, second.Count);
        for (int i = 0; i < first.Count; i++)
        {
            Assert.NotSame(first[i], second[i]);
            Assert.Equal(first[i], second[i]);
            Assert.Equal(first[i].GetHashCode(), second[i].GetHashCode());
        }
    }

    [Theory]
    [MemberData(nameof(ObjectiveSources.Names), MemberType = typeof(ObjectiveSources))]
    public void TheModelGraphHoldsNoRoslynObject(string sourceName)
    {
        var models = ModelValues(GeneratorHarness.Run(ObjectiveSources.Get(sourceName)));
        Assert.NotEmpty(models);
        foreach (var model in models)
        {
            Assert.Equal(ObjectiveSpecTypeName, model.GetType().FullName);
            Assert.True(
                model.GetType().GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEquatable<>)),
                $"{ObjectiveSpecTypeName} must be value-equatable.");
            var reachable = ObjectGraph.FindReachable(model, "model", Forbidden);
            Assert.True(reachable.Count == 0, "The cached model reaches Roslyn objects:\n  " + string.Join("\n  ", reachable));
        }
    }

    [Fact]
    public void ModelsChangeWhenTheObjectiveMovesToAnotherType()
    {
        var first = ModelValues(GeneratorHarness.Run(ObjectiveSources.Rosenbrock));
        var second = ModelValues(GeneratorHarness.Run(ObjectiveSources.Rosenbrock.Replace("class Problems", "class OtherProblems", StringComparison.Ordinal)));
        Assert.NotEqual(Assert.Single(first), Assert.Single(second));
    }

    /// <summary>The values of the Models step: the models of a run, in order.</summary>
    private static List<object> ModelValues(GeneratorRun run) =>
        [.. StepAssertions.Outputs(run, StepAssertions.Models).Select(o => o.Value)];
}
