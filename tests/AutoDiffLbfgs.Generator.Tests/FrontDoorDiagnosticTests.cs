using System.Text.RegularExpressions;
using AutoDiffLbfgs.Generator.Tests.Infrastructure;

namespace AutoDiffLbfgs.Generator.Tests;

/// <summary>
/// What a newcomer meets first when the generator refuses code: the constructs people try most (LINQ, collections,
/// <c>ref</c> helpers, logging, assertions, a misspelt Math function, a generic helper) each give exactly one error,
/// at the outermost construct, in C# words, with a help link to its section of docs/diagnostics.md — and nothing for
/// code the compiler already rejects.
/// </summary>
public sealed class FrontDoorDiagnosticTests
{
    private const string Members = """
            private static void Split(double v, out double a, out double b) { a = v; b = v * v; }
            private static void Bump(ref double v) { v += 1.0; }
            private static T Twice<T>(T v) => v;
            private static double Apply(Func<double, double> f, double v) => f(v);

        """;

    /// <summary>The C# words the message must hold, so that it names the construct as the user wrote it.</summary>
    [Theory]
    [InlineData("double s = [|data.Select(v => v * 2.0).Sum()|];\nreturn s * x[0];", "ADL0108", "LINQ call 'Enumerable.Sum'")]
    [InlineData("double s = [|System.Linq.Enumerable.Sum(data)|];\nreturn s * x[0];", "ADL0108", "LINQ call 'Enumerable.Sum'")]
    [InlineData("var [|list = new List<double>()|];\nlist.Add(x[0]);\nlist.Add(x[1]);\nreturn list[0] * list[1];", "ADL0109", "'List<double>'")]
    [InlineData("double a = x[0];\n[|Bump(ref a)|];\nreturn a;", "ADL0115", "'ref a'")]
    [InlineData("[|Split(x[0], out data[0], out double b)|];\nreturn b;", "ADL0115", "'out data[0]'")]
    [InlineData("[|Console.WriteLine(x[0])|];\nreturn x[0];", "ADL0103", "returns void")]
    [InlineData("double s = x[0];\n[|System.Diagnostics.Debug.Assert(s >= 0)|];\nreturn s;", "ADL0103", "'Debug.Assert' is not supported in an [Objective] body: it returns void")]
    [InlineData("return [|Twice(x[0])|];", "ADL0114", "it is a generic method")]
    [InlineData("return [|Apply(v => v * v, x[0])|];", "ADL0108", "lambda passed to 'Problems.Apply'")]
    [InlineData("string [|t = \"x = \" + x[0]|];\nreturn x[0];", "ADL0109", "type 'string'")]
    [InlineData("return x[0] + [|\"abc\"|].Length;", "ADL0117", "'\"abc\"' is a string")]
    [InlineData("return x[0] > 0 && [|x[1] is double d|] ? d : 0.0;", "ADL0118", "tests a type or a pattern")]
    [InlineData("return [|new double[] { x[0], x[1] }|][0];", "ADL0116", "creates a 'double[]'")]
    [InlineData("[|Math.Sqrt(x[0])|];\nreturn x[0];", "ADL0119", "computes a value and discards it")]
    [InlineData("double s = x[0];\nreturn ([|s += 1.0|]) * 2.0;", "ADL0101", "(an assignment used as a value)")]
    [InlineData("return [|x[0] % 2.0|];", "ADL0101", "the remainder '%' of floating-point values")]
    [InlineData("int k = 0;\nreturn x[[|k++|]] * x[k];", "ADL0101", "an increment used as a value in a statement that reads its local again")]
    [InlineData("return [|(x[0], x[1])|].Item1;", "ADL0101", "(a tuple)")]
    [InlineData("var [|p = (x[0], x[1])|];\nreturn p.Item1;", "ADL0109", "deconstruct a tuple into scalar locals instead")]
    public void AnUnsupportedConstruct_IsOneErrorInCSharpWordsWithAHelpLink(string body, string id, string words)
    {
        var run = DiagnosticVerifier.Verify(Source(body), id);
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        var message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(words, message, StringComparison.Ordinal);
        Assert.DoesNotMatch(OperationKindName(), message);
        Assert.DoesNotContain("?", message.Replace("'?'", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.StartsWith("https://github.com/AutoDiffLbfgs/AutoDiffLbfgs/blob/main/docs/diagnostics.md#" + id.ToLowerInvariant() + "-", diagnostic.Descriptor.HelpLinkUri, StringComparison.Ordinal);
    }

    /// <summary>An unknown member is the compiler's error (CS0117); the generator adds none of its own.</summary>
    [Theory]
    [InlineData("return Math.Erf(x[0]);", "CS0117")]
    [InlineData("return Undefined(x[0]) + x[1];", "CS0103")]
    [InlineData("double s = x[0].Frobnicate();\nreturn s;", "CS1061")]
    public void CodeTheCompilerRejects_GetsNoGeneratorError(string body, string compilerId)
    {
        var run = GeneratorHarness.Run(Source(body));
        Assert.Contains(run.InputErrors, d => d.Id == compilerId);
        Assert.Empty(run.GeneratorDiagnostics);
    }

    private static string Source(string body) =>
        DiagnosticVerifier.InObjectiveBody(body, "ReadOnlySpan<double> x, double[] data", members: Members)
            .Replace("using System;", "using System;\nusing System.Collections.Generic;\nusing System.Linq;", StringComparison.Ordinal);

    /// <summary>An operation or syntax kind printed as it is named in Roslyn (<c>DeclarationExpression</c>, <c>ExpressionStatement</c>).</summary>
    private static Regex OperationKindName() => new(@"\b[A-Z][a-z]+(Expression|Statement|Operation|Reference|Assignment)\b");
}
