using System.Linq;
using AutoDiffLbfgs.Generator.Model;

namespace AutoDiffLbfgs.Generator.Emit;

// The methods generated once per span helper transformed once (see SpanHelperSpec): a gradient and a Hessian-vector
// product with an objective's signatures, which every call site calls as it calls a user-supplied span rule.
internal static partial class ObjectiveEmitter
{
    /// <summary>Prints a span helper's generated value copy (when its span parameter is not read-only), gradient and Hessian-vector product.</summary>
    private static void WriteSpanHelper(SourceWriter w, ObjectiveSpec spec, SpanHelperDerivatives d)
    {
        var helper = d.Helper;
        string t = helper.Type.Keyword();
        string u = helper.VariablesName;
        string name = helper.Name;
        string title = "<c>" + helper.Title + "</c>";
        string modifiers = "private " + (helper.IsStatic ? "static " : "");
        string gradient = d.Gradient, tape = d.Tape, direction = d.Direction, result = d.Result;
        string Parameters(string? extra) => string.Join(", ",
            new[] { $"global::System.ReadOnlySpan<{t}> {u}" }
                .Concat(extra is null ? new string[0] : new[] { extra })
                .Concat(helper.Data.Select(p => p.Modifier + p.FullyQualifiedType + " " + p.Name)));

        if (helper.EmitsValue)
        {
            w.WriteLine($"/// <summary>A copy of {title} over a read-only span, for generated code, whose variables cannot be passed as its span parameter.</summary>");
            w.WriteLine(GeneratedCode);
            w.WriteLine($"{modifiers}{t} {name}({Parameters(null)})");
            new CodePrinter(w, u, tape).Statement(helper.Body);
            w.WriteLine();
        }

        w.WriteLine("/// <summary>");
        w.WriteLine($"/// Returns {title} at <paramref name=\"{u}\"/> and overwrites <paramref name=\"{gradient}\"/> with its gradient: the reverse-mode");
        w.WriteLine($"/// derivative of the helper's body, generated once and called at every call of {title} in <see cref=\"{spec.MethodCref}\"/>.");
        w.WriteLine("/// </summary>");
        w.WriteLine(GeneratedCode);
        w.WriteLine($"{modifiers}{t} {name}Gradient({Parameters($"global::System.Span<{t}> {gradient}")})");
        w.OpenBrace();
        w.WriteLine($"{gradient}.Clear();");
        WriteBody(w, spec, d.GradientCode, d.UsesTape, tape, u);
        w.CloseBrace();

        w.WriteLine();
        w.WriteLine("/// <summary>");
        w.WriteLine($"/// Overwrites <paramref name=\"{result}\"/> with the Hessian of {title} at <paramref name=\"{u}\"/> times <paramref name=\"{direction}\"/>:");
        w.WriteLine($"/// the tangent of <see cref=\"{name}Gradient\"/> along that direction, generated once for <see cref=\"{spec.MethodCref}\"/>.");
        w.WriteLine("/// </summary>");
        w.WriteLine(GeneratedCode);
        w.WriteLine($"{modifiers}void {name}HessianVectorProduct({Parameters($"global::System.ReadOnlySpan<{t}> {direction}, global::System.Span<{t}> {result}")})");
        w.OpenBrace();
        w.WriteLine($"{result}.Clear();");
        WriteBody(w, spec, d.HessianVectorCode, d.UsesTape, tape, u);
        w.CloseBrace();
    }
}
