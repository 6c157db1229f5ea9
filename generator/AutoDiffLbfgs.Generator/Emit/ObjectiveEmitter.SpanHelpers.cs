using System.Linq;
using AutoDiffLbfgs.Generator.Differentiation;
using AutoDiffLbfgs.Generator.Model;

namespace AutoDiffLbfgs.Generator.Emit;

// The methods generated once per span helper transformed once (see SpanHelperSpec): a gradient and a Hessian-vector
// product with an objective's signatures, which every call site calls as it calls a user-supplied span rule.
internal static partial class ObjectiveEmitter
{
    /// <summary>Writes, for every span helper transformed once, its gradient and Hessian-vector product methods.</summary>
    private static void WriteSpanHelpers(SourceWriter w, ObjectiveSpec spec)
    {
        var rules = new UserRules(spec.UserFunctions);
        foreach (var helper in spec.SpanHelpers)
        {
            w.WriteLine();
            WriteSpanHelper(w, spec, helper, rules);
        }
    }

    /// <summary>
    /// Runs the objective's own pipeline (call hoisting, structurizer, reverse transform, constant adjoints, merged
    /// accumulations, then the tangent transform) on the helper's body, whose span parameter is the variables.
    /// </summary>
    private static void WriteSpanHelper(SourceWriter w, ObjectiveSpec spec, SpanHelperSpec helper, UserRules rules)
    {
        string t = helper.Type.Keyword();
        string u = helper.VariablesName;
        string name = helper.Name;
        string title = "<c>" + helper.Title + "</c>";
        string modifiers = "private " + (helper.IsStatic ? "static " : "");
        var names = new NameAllocator(helper.Data.Select(d => d.Name).Append(u).Concat(Declared(helper.Body)));
        string gradient = names.Fresh("gradient");
        string tape = names.Fresh("tape");
        // The signature's names are taken before the transforms invent theirs, so that they read as an objective's.
        string direction = names.Fresh("v");
        string result = names.Fresh("result");
        string Parameters(string? extra) => string.Join(", ",
            new[] { $"global::System.ReadOnlySpan<{t}> {u}" }
                .Concat(extra is null ? new string[0] : new[] { extra })
                .Concat(helper.Data.Select(d => d.Modifier + d.FullyQualifiedType + " " + d.Name)));

        if (helper.EmitsValue)
        {
            w.WriteLine($"/// <summary>A copy of {title} over a read-only span, for generated code, whose variables cannot be passed as its span parameter.</summary>");
            w.WriteLine(GeneratedCode);
            w.WriteLine($"{modifiers}{t} {name}({Parameters(null)})");
            new CodePrinter(w, u, tape).Statement(helper.Body);
            w.WriteLine();
        }

        var (_, body, usesTape, _) = GradientPipeline.Run(helper.Body, names, helper.Type, gradient, rules);
        w.WriteLine("/// <summary>");
        w.WriteLine($"/// Returns {title} at <paramref name=\"{u}\"/> and overwrites <paramref name=\"{gradient}\"/> with its gradient: the reverse-mode");
        w.WriteLine($"/// derivative of the helper's body, generated once and called at every call of {title} in <see cref=\"{spec.MethodCref}\"/>.");
        w.WriteLine("/// </summary>");
        w.WriteLine(GeneratedCode);
        w.WriteLine($"{modifiers}{t} {name}Gradient({Parameters($"global::System.Span<{t}> {gradient}")})");
        w.OpenBrace();
        w.WriteLine($"{gradient}.Clear();");
        WriteBody(w, spec, body, usesTape, tape, u);
        w.CloseBrace();

        var hvp = TangentTransform.Run(body, names, gradient, direction, result, rules);
        w.WriteLine();
        w.WriteLine("/// <summary>");
        w.WriteLine($"/// Overwrites <paramref name=\"{result}\"/> with the Hessian of {title} at <paramref name=\"{u}\"/> times <paramref name=\"{direction}\"/>:");
        w.WriteLine($"/// the tangent of <see cref=\"{name}Gradient\"/> along that direction, generated once for <see cref=\"{spec.MethodCref}\"/>.");
        w.WriteLine("/// </summary>");
        w.WriteLine(GeneratedCode);
        w.WriteLine($"{modifiers}void {name}HessianVectorProduct({Parameters($"global::System.ReadOnlySpan<{t}> {direction}, global::System.Span<{t}> {result}")})");
        w.OpenBrace();
        w.WriteLine($"{result}.Clear();");
        WriteBody(w, spec, hvp, usesTape, tape, u);
        w.CloseBrace();
    }
}
