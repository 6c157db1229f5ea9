using System.Reflection;
using Microsoft.CodeAnalysis;

namespace AutoDiffLbfgs.Generator.Tests.Infrastructure;

/// <summary>
/// The incremental steps the generator promises to track (public constants of
/// <c>AutoDiffLbfgs.Generator.TrackingNames</c>) and assertions over their outputs. The constants are read by
/// reflection so that a missing or renamed constant fails the tests that need it, not the build of every test.
/// </summary>
internal static class StepAssertions
{
    /// <summary>The full name of the type holding the step-name constants.</summary>
    public const string TrackingNamesTypeName = "AutoDiffLbfgs.Generator.TrackingNames";

    /// <summary>The transform step: its outputs carry the diagnostics.</summary>
    public static string Parse => StepName(nameof(Parse));

    /// <summary>The equatable model step (root record <c>AutoDiffLbfgs.Generator.Model.ObjectiveSpec</c>).</summary>
    public static string Models => StepName(nameof(Models));

    /// <summary>The diagnostics step.</summary>
    public static string Diagnostics => StepName(nameof(Diagnostics));

    /// <summary>The type declaring the constants, or null when the generator does not declare it.</summary>
    public static Type? TrackingNamesType => typeof(ObjectiveGenerator).Assembly.GetType(TrackingNamesTypeName);

    /// <summary>Every public string constant of the tracking-names type.</summary>
    public static IReadOnlyList<string> AllStepNames =>
        [.. (TrackingNamesType ?? throw new InvalidOperationException($"{TrackingNamesTypeName} is missing."))
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)];

    /// <summary>The value of the public constant <paramref name="constant"/> of the tracking-names type.</summary>
    public static string StepName(string constant)
    {
        var type = TrackingNamesType;
        Assert.True(type is not null, $"The generator assembly declares no {TrackingNamesTypeName}.");
        var field = type!.GetField(constant, BindingFlags.Public | BindingFlags.Static);
        Assert.True(field is { IsLiteral: true } && field.FieldType == typeof(string), $"{TrackingNamesTypeName}.{constant} is not a public string constant.");
        return (string)field!.GetRawConstantValue()!;
    }

    /// <summary>The outputs of the tracked step <paramref name="stepName"/> in <paramref name="run"/>; fails when the step never ran.</summary>
    public static IReadOnlyList<(object Value, IncrementalStepRunReason Reason)> Outputs(GeneratorRun run, string stepName)
    {
        Assert.True(
            run.Result.TrackedSteps.TryGetValue(stepName, out var steps),
            $"Step '{stepName}' was not tracked; tracked: [{string.Join(", ", run.Result.TrackedSteps.Keys)}].");
        return [.. steps!.SelectMany(step => step.Outputs)];
    }

    /// <summary>
    /// Asserts that nothing was recomputed into a different value: every output of every tracked step and of the
    /// source outputs is <see cref="IncrementalStepRunReason.Cached"/> or <see cref="IncrementalStepRunReason.Unchanged"/>.
    /// </summary>
    public static void AssertEverythingCached(GeneratorRun run)
    {
        Assert.NotEmpty(Outputs(run, Models));
        foreach (var name in AllStepNames)
        {
            if (!run.Result.TrackedSteps.TryGetValue(name, out var steps)) continue;
            foreach (var (_, reason) in steps.SelectMany(step => step.Outputs))
            {
                Assert.True(
                    reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                    $"Step '{name}' produced an output with reason {reason} on a run where nothing it depends on changed.");
            }
        }

        foreach (var (kind, steps) in run.Result.TrackedOutputSteps)
        {
            foreach (var (_, reason) in steps.SelectMany(step => step.Outputs))
            {
                Assert.True(
                    reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                    $"Output step '{kind}' re-ran with reason {reason}.");
            }
        }
    }
}
