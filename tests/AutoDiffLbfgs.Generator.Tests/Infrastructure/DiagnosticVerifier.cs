using Microsoft.CodeAnalysis;

namespace AutoDiffLbfgs.Generator.Tests.Infrastructure;

/// <summary>
/// Runs the generator over marked-up source and asserts that it reports exactly the marked diagnostics (id and
/// span, nothing more, nothing less), all as errors, and that it emits no source for the rejected methods.
/// </summary>
internal static class DiagnosticVerifier
{
    /// <summary>The generator's diagnostics are the ones whose id starts with this prefix.</summary>
    public const string IdPrefix = "ADL";

    /// <summary>
    /// Wraps <paramref name="bodyMarkup"/> as the body of <c>[Objective] public static double F(<paramref name="parameters"/>)</c>
    /// in <c>Demo.Problems</c> (or of an instance method when <paramref name="isStatic"/> is false), with
    /// <paramref name="members"/> added to the class.
    /// </summary>
    public static string InObjectiveBody(string bodyMarkup, string parameters = "ReadOnlySpan<double> x", string members = "", bool isStatic = true) =>
        $$"""
        using System;
        using AutoDiffLbfgs;

        namespace Demo;

        public {{(isStatic ? "static " : "")}}partial class Problems
        {
        {{members}}
            [Objective]
            public {{(isStatic ? "static " : "")}}double F({{parameters}})
            {
        {{bodyMarkup}}
            }
        }
        """;

    /// <summary>Asserts the diagnostics of <paramref name="markup"/>; returns the run for further checks.</summary>
    /// <param name="markup">A complete source file with <c>[|…|]</c> / <c>{|ID:…|}</c> marks.</param>
    /// <param name="defaultId">The id of <c>[|…|]</c> marks.</param>
    /// <param name="rejectedMethod">The objective that must get no generated source (<c>{…}.{method}.g.cs</c>).</param>
    public static GeneratorRun Verify(string markup, string? defaultId = null, string rejectedMethod = "F")
    {
        var marked = DiagnosticMarkup.Parse(markup, defaultId);
        Assert.NotEmpty(marked.Expected);
        var run = GeneratorHarness.Run(marked.Source);

        Assert.True(run.InputErrors.IsEmpty, "The test source must be valid C#; it has errors:\n" + GeneratorRun.Describe(run.InputErrors));

        var reported = run.GeneratorDiagnostics.Where(d => d.Id.StartsWith(IdPrefix, StringComparison.Ordinal)).ToList();
        var actual = reported
            .Select(d => new ExpectedDiagnostic(d.Id, d.Location.SourceSpan))
            .OrderBy(e => e.Span.Start).ThenBy(e => e.Id, StringComparer.Ordinal)
            .ToList();
        Assert.True(
            marked.Expected.SequenceEqual(actual),
            "Expected diagnostics:\n" + string.Join("\n", marked.Expected.Select(e => e.Describe(marked.Source))) +
            "\nReported:\n" + GeneratorRun.Describe(run.GeneratorDiagnostics));

        foreach (var diagnostic in reported)
        {
            Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
            Assert.True(diagnostic.Location.IsInSource, $"{diagnostic.Id} has no source location.");
            Assert.Equal(run.Input.SyntaxTrees.Single(), diagnostic.Location.SourceTree);
        }

        var emitted = run.Sources.Where(s => s.HintName.EndsWith($".{rejectedMethod}.g.cs", StringComparison.Ordinal)).ToList();
        Assert.True(emitted.Count == 0, "No source may be emitted for a rejected objective; generated: " +
            string.Join(", ", emitted.Select(s => s.HintName)));

        return run;
    }
}
