using System.Collections.Generic;
using System.Linq;
using AutoDiffLbfgs.Generator.Differentiation;
using AutoDiffLbfgs.Generator.Model;

namespace AutoDiffLbfgs.Generator.Emit;

// The methods generated once per helper transformed once (see HelperSpec), called from every call site.
internal static partial class ObjectiveEmitter
{
    // The spans the transforms write for a helper; '$' cannot start a C# identifier, and ScalarParameters rewrites
    // every use into a parameter, so these names are never printed.
    private const string HelperGradient = "$gradient", HelperDirection = "$direction", HelperResult = "$result";

    /// <summary>Writes, for every helper transformed once, its gradient, tangent and Hessian-vector product methods.</summary>
    private static void WriteHelpers(SourceWriter w, ObjectiveSpec spec)
    {
        var rules = new UserRules(spec.UserFunctions);
        foreach (var helper in spec.Helpers)
        {
            w.WriteLine();
            WriteHelper(w, spec, helper, rules);
        }
    }

    private static void WriteHelper(SourceWriter w, ObjectiveSpec spec, HelperSpec helper, UserRules rules)
    {
        string t = helper.ReturnType.Keyword();
        string name = helper.Signature.Name;
        string title = "<c>" + helper.Signature.Title + "</c>";
        string modifiers = "private " + (helper.IsStatic ? "static " : "");
        var parameters = helper.Parameters;
        int n = parameters.Count;
        var floating = Enumerable.Range(0, n).Where(j => parameters[j].Type.IsFloating()).ToList();

        // The signature's names first, so they stay as written; the transforms' names then avoid them.
        var signatureNames = new NameAllocator(parameters.Select(p => p.Name).Concat(Declared(helper.Body)));
        string[] bars = new string[n], dots = new string[n], barDots = new string[n];
        foreach (int j in floating)
        {
            bars[j] = signatureNames.Fresh(parameters[j].Name + "Bar");
            dots[j] = signatureNames.Fresh(parameters[j].Name + "Dot");
            barDots[j] = signatureNames.Fresh(parameters[j].Name + "BarDot");
        }
        string tape = signatureNames.Fresh("tape");
        var reserved = parameters.Select(p => p.Name).Concat(floating.SelectMany(j => new[] { bars[j], dots[j], barDots[j] })).Append(tape).ToList();
        NameAllocator NamesFor(BlockStmt body) => new(reserved.Concat(Declared(body)));

        var gradientNames = NamesFor(helper.Body);
        var (structured, gradientCode, usesTape, _) = GradientPipeline.Run(helper.Body, gradientNames, helper.ReturnType, HelperGradient, rules, sumInvariantEntries: false);
        var tangentCode = TangentTransform.Run(structured, NamesFor(structured), HelperGradient, HelperDirection, HelperResult, rules, returnsTangent: true);
        var hvpCode = TangentTransform.Run(gradientCode, NamesFor(gradientCode), HelperGradient, HelperDirection, HelperResult, rules);

        var scalars = new ScalarParameters(parameters.Select(p => p.Name).ToList(), new Dictionary<string, IReadOnlyList<string>>
        {
            [HelperGradient] = bars,
            [HelperDirection] = dots,
            [HelperResult] = barDots,
        });
        string values = string.Join(", ", parameters.Select(p => p.Type.Keyword() + " " + p.Name));
        string inputs = string.Join(", ", floating.Select(j => parameters[j].Name));
        string directions = string.Join(", ", floating.Select(j => parameters[j].Type.Keyword() + " " + dots[j]));
        string Refs(string[] names) => string.Join(", ", floating.Select(j => $"<paramref name=\"{names[j]}\"/>"));
        string Outs(string[] names) => string.Join(", ", floating.Select(j => $"out {parameters[j].Type.Keyword()} {names[j]}"));
        string Join(params string[] parts) => string.Join(", ", parts.Where(p => p.Length > 0));

        if (helper.EmitsValue)
        {
            w.WriteLine($"/// <summary>A copy of the local function {title} of <see cref=\"{spec.MethodCref}\"/>, for generated code, which cannot call it.</summary>");
            w.WriteLine(GeneratedCode);
            w.WriteLine($"{modifiers}{t} {name}({values})");
            new CodePrinter(w, spec.VariablesName, tape).Statement(scalars.RewriteBlock(helper.Body));
            w.WriteLine();
        }

        w.WriteLine("/// <summary>");
        w.WriteLine($"/// Returns {title}({inputs}) and writes its partial derivatives with respect to {inputs} to {Refs(bars)}:");
        w.WriteLine($"/// the reverse-mode derivative of the helper's body, generated once and called at every call of {title} in <see cref=\"{spec.MethodCref}\"/>.");
        w.WriteLine("/// </summary>");
        w.WriteLine(GeneratedCode);
        w.WriteLine($"{modifiers}{t} {name}Gradient({Join(values, Outs(bars))})");
        w.OpenBrace();
        foreach (int j in floating) w.WriteLine($"{bars[j]} = {new CodePrinter(w, spec.VariablesName, tape).Expr(Literals.Zero(parameters[j].Type))};");
        WriteBody(w, spec, scalars.RewriteBlock(gradientCode), usesTape, tape);
        w.CloseBrace();

        w.WriteLine();
        w.WriteLine("/// <summary>");
        w.WriteLine($"/// The derivative of {title} at ({inputs}) along ({string.Join(", ", floating.Select(j => dots[j]))}): the sum of each partial derivative times its");
        w.WriteLine($"/// direction, by forward-mode differentiation of the helper's body, generated once for <see cref=\"{spec.MethodCref}\"/>.");
        w.WriteLine("/// </summary>");
        w.WriteLine(GeneratedCode);
        w.WriteLine($"{modifiers}{t} {name}Tangent({Join(values, directions)})");
        w.OpenBrace();
        new CodePrinter(w, spec.VariablesName, tape).Statements(scalars.RewriteBlock(tangentCode).Statements);
        w.CloseBrace();

        w.WriteLine();
        w.WriteLine("/// <summary>");
        w.WriteLine($"/// Writes to {Refs(barDots)} the Hessian of {title} at ({inputs}) times ({string.Join(", ", floating.Select(j => dots[j]))}):");
        w.WriteLine($"/// the tangent of <see cref=\"{name}Gradient\"/> along that direction, generated once for <see cref=\"{spec.MethodCref}\"/>.");
        w.WriteLine("/// </summary>");
        w.WriteLine(GeneratedCode);
        w.WriteLine($"{modifiers}void {name}HessianVectorProduct({Join(values, directions, Outs(barDots))})");
        w.OpenBrace();
        foreach (int j in floating) w.WriteLine($"{barDots[j]} = {new CodePrinter(w, spec.VariablesName, tape).Expr(Literals.Zero(parameters[j].Type))};");
        WriteBody(w, spec, scalars.RewriteBlock(hvpCode), usesTape, tape);
        w.CloseBrace();
    }

    /// <summary>The locals a body declares, which the names of generated code must not reuse.</summary>
    private static IEnumerable<string> Declared(BlockStmt body)
    {
        foreach (var s in IrTree.Descendants(body))
        {
            switch (s)
            {
                case DeclareStmt d: yield return d.Name; break;
                case ArrayDeclareStmt a: yield return a.Name; break;
                case HelperGradientStmt g: foreach (var p in g.Partials) yield return p; break;
                case HelperHessianVectorStmt h: foreach (var r in h.Results) yield return r; break;
            }
        }
    }
}
