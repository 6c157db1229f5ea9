using System.Linq;
using AutoDiffLbfgs.Generator.Model;

namespace AutoDiffLbfgs.Generator.Emit;

// The methods generated once per helper transformed once (see HelperSpec), called from every call site.
internal static partial class ObjectiveEmitter
{
    /// <summary>Prints a helper's generated value copy (for a local function), gradient, tangent and Hessian-vector product methods.</summary>
    private static void WriteHelper(SourceWriter w, ObjectiveSpec spec, HelperDerivatives d)
    {
        var helper = d.Helper;
        string t = helper.ReturnType.Keyword();
        string name = helper.Signature.Name;
        string title = "<c>" + helper.Signature.Title + "</c>";
        string modifiers = "private " + (helper.IsStatic ? "static " : "");
        var parameters = helper.Parameters;
        var floating = Enumerable.Range(0, parameters.Count).Where(j => parameters[j].Type.IsFloating()).ToList();
        string tape = d.Tape;

        string values = string.Join(", ", parameters.Select(p => p.Type.Keyword() + " " + p.Name));
        string inputs = string.Join(", ", floating.Select(j => parameters[j].Name));
        string directions = string.Join(", ", floating.Select(j => parameters[j].Type.Keyword() + " " + d.Dots[j]));
        string Refs(EquatableArray<string> names) => string.Join(", ", floating.Select(j => $"<paramref name=\"{names[j]}\"/>"));
        string Outs(EquatableArray<string> names) => string.Join(", ", floating.Select(j => $"out {parameters[j].Type.Keyword()} {names[j]}"));
        string Join(params string[] parts) => string.Join(", ", parts.Where(p => p.Length > 0));
        var printer = new CodePrinter(w, spec.VariablesName, tape);

        if (d.ValueCode is { } valueCode)
        {
            w.WriteLine($"/// <summary>A copy of the local function {title} of <see cref=\"{spec.MethodCref}\"/>, for generated code, which cannot call it.</summary>");
            w.WriteLine(GeneratedCode);
            w.WriteLine($"{modifiers}{t} {name}({values})");
            printer.Statement(valueCode);
            w.WriteLine();
        }

        w.WriteLine("/// <summary>");
        w.WriteLine($"/// Returns {title}({inputs}) and writes its partial derivatives with respect to {inputs} to {Refs(d.Bars)}:");
        w.WriteLine($"/// the reverse-mode derivative of the helper's body, generated once and called at every call of {title} in <see cref=\"{spec.MethodCref}\"/>.");
        w.WriteLine("/// </summary>");
        w.WriteLine(GeneratedCode);
        w.WriteLine($"{modifiers}{t} {name}Gradient({Join(values, Outs(d.Bars))})");
        w.OpenBrace();
        foreach (int j in floating) w.WriteLine($"{d.Bars[j]} = {printer.Expr(Literals.Zero(parameters[j].Type))};");
        WriteBody(w, spec, d.GradientCode, d.UsesTape, tape);
        w.CloseBrace();

        w.WriteLine();
        w.WriteLine("/// <summary>");
        w.WriteLine($"/// The derivative of {title} at ({inputs}) along ({string.Join(", ", floating.Select(j => d.Dots[j]))}): the sum of each partial derivative times its");
        w.WriteLine($"/// direction, by forward-mode differentiation of the helper's body, generated once for <see cref=\"{spec.MethodCref}\"/>.");
        w.WriteLine("/// </summary>");
        w.WriteLine(GeneratedCode);
        w.WriteLine($"{modifiers}{t} {name}Tangent({Join(values, directions)})");
        w.OpenBrace();
        printer.Statements(d.TangentCode.Statements);
        w.CloseBrace();

        w.WriteLine();
        w.WriteLine("/// <summary>");
        w.WriteLine($"/// Writes to {Refs(d.BarDots)} the Hessian of {title} at ({inputs}) times ({string.Join(", ", floating.Select(j => d.Dots[j]))}):");
        w.WriteLine($"/// the tangent of <see cref=\"{name}Gradient\"/> along that direction, generated once for <see cref=\"{spec.MethodCref}\"/>.");
        w.WriteLine("/// </summary>");
        w.WriteLine(GeneratedCode);
        w.WriteLine($"{modifiers}void {name}HessianVectorProduct({Join(values, directions, Outs(d.BarDots))})");
        w.OpenBrace();
        foreach (int j in floating) w.WriteLine($"{d.BarDots[j]} = {printer.Expr(Literals.Zero(parameters[j].Type))};");
        WriteBody(w, spec, d.HessianVectorCode, d.UsesTape, tape);
        w.CloseBrace();
    }
}
