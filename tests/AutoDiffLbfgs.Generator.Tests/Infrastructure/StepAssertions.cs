using Microsoft.CodeAnalysis;

namespace AutoDiffLbfgs.Generator.Tests.Infrastructure;

/// <summary>
/// The incremental steps the generator tracks (<see cref="TrackingNames"/>) and assertions over their outputs.
/// </summary>
internal static class StepAssertions
{
    /// <summary>The transform step: its outputs carry the diagnostics.</summary>
    public const string Parse = TrackingNames.Parse;

    /// <summary>The equatable model step (root record <c>AutoDiffLbfgs.Generator.Model.ObjectiveSpec</c>).</summary>
    public const string Models = TrackingNames.Models;

    /// <summary>The diagnostics step.</summary>
    public const string Diagnostics = TrackingNames.Diagnostics;

    /// <summary>Every step the generator names for tracking.</summary>
    public static IReadOnlyList<string> AllStepNames { get; } = [Parse, Models, Diagnostics];

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
