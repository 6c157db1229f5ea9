using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace AutoDiffLbfgs.Generator.Tests.Infrastructure;

/// <summary>
/// Test sources with their expected diagnostics marked inline, in the notation of Roslyn's analyzer testing:
/// <c>[|…|]</c> marks a span expected to carry the test's default id, <c>{|ADL0101:…|}</c> names the id explicitly.
/// Marks may nest (a declarator and the lambda inside it). <see cref="Parse"/> strips the marks and returns the
/// plain source with the expected (id, span) pairs.
/// </summary>
internal static class DiagnosticMarkup
{
    /// <summary>Strips the markup from <paramref name="markup"/>.</summary>
    /// <param name="markup">Source text with <c>[|…|]</c> and <c>{|ID:…|}</c> marks.</param>
    /// <param name="defaultId">The id of <c>[|…|]</c> marks; required when the markup uses them.</param>
    public static MarkedSource Parse(string markup, string? defaultId = null)
    {
        var text = new StringBuilder(markup.Length);
        var open = new Stack<(int Start, string Id)>();
        var expected = new List<ExpectedDiagnostic>();
        for (int i = 0; i < markup.Length; i++)
        {
            if (Matches(markup, i, "[|"))
            {
                open.Push((text.Length, defaultId ?? throw new ArgumentException("[|…|] markup needs a default id.", nameof(defaultId))));
                i += 1;
            }
            else if (Matches(markup, i, "{|"))
            {
                int colon = markup.IndexOf(':', i + 2);
                if (colon < 0) throw new FormatException($"Unterminated '{{|ID:' at offset {i}.");
                open.Push((text.Length, markup[(i + 2)..colon]));
                i = colon;
            }
            else if (Matches(markup, i, "|]") || Matches(markup, i, "|}"))
            {
                if (open.Count == 0) throw new FormatException($"Unbalanced close mark at offset {i}.");
                var (start, id) = open.Pop();
                expected.Add(new ExpectedDiagnostic(id, TextSpan.FromBounds(start, text.Length)));
                i += 1;
            }
            else
            {
                text.Append(markup[i]);
            }
        }

        if (open.Count != 0) throw new FormatException("Unclosed diagnostic mark.");
        var source = text.ToString();
        return new MarkedSource(source, [.. expected.OrderBy(e => e.Span.Start).ThenBy(e => e.Id, StringComparer.Ordinal)]);
    }

    private static bool Matches(string s, int index, string token) => string.CompareOrdinal(s, index, token, 0, token.Length) == 0;
}

/// <summary>A source stripped of its markup and the diagnostics it expects.</summary>
internal sealed record MarkedSource(string Source, IReadOnlyList<ExpectedDiagnostic> Expected);

/// <summary>An expected diagnostic: its id and the exact span (in the stripped source) it must point at.</summary>
internal sealed record ExpectedDiagnostic(string Id, TextSpan Span)
{
    /// <summary>Formats the expectation with the source text it covers.</summary>
    public string Describe(string source) => $"  {Id} {Span} '{source.Substring(Span.Start, Span.Length)}'";
}
