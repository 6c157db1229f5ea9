using System.Collections.Generic;
using System.Linq;
using AutoDiffLbfgs.Generator.Model;

namespace AutoDiffLbfgs.Generator.Differentiation;

/// <summary>
/// The one place the derivative code is built: every pass, in order, for the objective and for each helper transformed
/// once, so all of them always get the same code. The emitter only prints the <see cref="DerivativeModel"/> it returns.
/// </summary>
/// <remarks>
/// The passes, each from IR to IR (one line each: what it takes → what it gives):
/// <list type="number">
/// <item><description><see cref="CallHoisting"/>: a lowered body → the same body with each call whose derivative needs its value (Exp, Sqrt, …) in a local of its own.</description></item>
/// <item><description><see cref="Structurizer"/>: → structured code: early returns, breaks and continues become flags; one final <c>return</c>.</description></item>
/// <item><description><see cref="ReverseTransform"/>: structured code → gradient code: the value, then adjoints accumulated into the gradient span (recomputed or taped loops, undo logs for overwritten arrays).</description></item>
/// <item><description><see cref="ConstantAdjoints"/>: → adjoints known to be constants replaced by them (<c>sBar * e</c> → <c>e</c>).</description></item>
/// <item><description><see cref="AccumulationMerging"/>: → adjacent accumulations into one target merged into one.</description></item>
/// <item><description><see cref="FirstAccumulations"/>: → an adjoint declared zero folded into its first accumulation.</description></item>
/// <item><description><see cref="GradientStores"/>: → gradient entries proved written once per call stored instead of accumulated (and how much of the gradient needs no clearing).</description></item>
/// <item><description><see cref="InvariantAccumulations"/>: → gradient entries a loop accumulates at an unchanging index summed in a local (not for scalar helpers, whose entries are locals already).</description></item>
/// <item><description><see cref="TangentTransform"/>: gradient code → Hessian-vector-product code (forward over reverse); on a structured body, a helper's tangent.</description></item>
/// <item><description><see cref="ScalarParameters"/>: a scalar helper's code over <c>x[j]</c>, <c>gradient[j]</c>, <c>v[j]</c> → code over its scalar parameters.</description></item>
/// </list>
/// <see cref="DeadCode"/> runs inside the two transforms on their output.
/// </remarks>
internal static class DerivativePipeline
{
    // The spans the transforms write for a scalar helper; '$' cannot start a C# identifier, and ScalarParameters rewrites
    // every use into a parameter, so these names are never printed.
    private const string HelperGradient = "$gradient", HelperDirection = "$direction", HelperResult = "$result";

    /// <summary>Builds the derivative code of <paramref name="spec"/> and of every helper it transforms once.</summary>
    public static DerivativeModel Run(ObjectiveSpec spec)
    {
        var rules = new UserRules(spec.UserFunctions);
        return new DerivativeModel(
            Objective(spec, rules),
            spec.Helpers.Select(h => Helper(h, rules)).ToEquatableArray(),
            spec.SpanHelpers.Select(h => SpanHelper(h, rules)).ToEquatableArray());
    }

    /// <summary>
    /// The passes from a lowered body to gradient code: the structured body (the input of both transforms), the
    /// gradient code, whether it uses the tape, and the index below which it stores every entry itself.
    /// </summary>
    private static (BlockStmt Structured, BlockStmt Gradient, bool UsesTape, Expr? StoredBelow) Gradient(BlockStmt body, NameAllocator names, ScalarType element, string gradient, UserRules rules, bool sumInvariantEntries)
    {
        var structured = Structurizer.Run(CallHoisting.Run(body, names), names, element);
        var (reverse, usesTape, _) = ReverseTransform.Run(structured, names, element, gradient, rules);
        var merged = FirstAccumulations.Run(AccumulationMerging.Run(ConstantAdjoints.Run(reverse)));
        var code = GradientStores.Run(merged, gradient, out var storedBelow);
        if (sumInvariantEntries) code = InvariantAccumulations.Run(code, gradient, names);
        return (structured, code, usesTape, storedBelow);
    }

    private static ObjectiveDerivatives Objective(ObjectiveSpec spec, UserRules rules)
    {
        // The parameters' names first, so they stay as a reader expects; the passes' names then avoid them.
        var names = new NameAllocator(Identifiers(spec));
        string gradient = names.Fresh("gradient");
        string tape = names.Fresh("tape");
        var (_, code, usesTape, storedBelow) = Gradient(spec.Body, names, spec.ElementType, gradient, rules, sumInvariantEntries: true);
        string direction = names.Fresh("v");
        string result = names.Fresh("result");
        var hvp = TangentTransform.Run(code, names, gradient, direction, result, rules, keepZeroStores: storedBelow is not null);
        return new ObjectiveDerivatives(gradient, tape, direction, result, code, hvp, usesTape, storedBelow);
    }

    private static HelperDerivatives Helper(HelperSpec helper, UserRules rules)
    {
        var parameters = helper.Parameters;
        int n = parameters.Count;
        var floating = Enumerable.Range(0, n).Where(j => parameters[j].Type.IsFloating()).ToList();

        // The signature's names first, so they stay as written; the transforms' names then avoid them.
        var signatureNames = new NameAllocator(parameters.Select(p => p.Name).Concat(Declared(helper.Body)));
        string[] bars = Empty(n), dots = Empty(n), barDots = Empty(n);
        foreach (int j in floating)
        {
            bars[j] = signatureNames.Fresh(parameters[j].Name + "Bar");
            dots[j] = signatureNames.Fresh(parameters[j].Name + "Dot");
            barDots[j] = signatureNames.Fresh(parameters[j].Name + "BarDot");
        }
        string tape = signatureNames.Fresh("tape");
        var reserved = parameters.Select(p => p.Name).Concat(floating.SelectMany(j => new[] { bars[j], dots[j], barDots[j] })).Append(tape).ToList();
        NameAllocator NamesFor(BlockStmt body) => new(reserved.Concat(Declared(body)));

        var (structured, gradientCode, usesTape, _) = Gradient(helper.Body, NamesFor(helper.Body), helper.ReturnType, HelperGradient, rules, sumInvariantEntries: false);
        var tangentCode = TangentTransform.Run(structured, NamesFor(structured), HelperGradient, HelperDirection, HelperResult, rules, returnsTangent: true);
        var hvpCode = TangentTransform.Run(gradientCode, NamesFor(gradientCode), HelperGradient, HelperDirection, HelperResult, rules);

        var scalars = new ScalarParameters(parameters.Select(p => p.Name).ToList(), new Dictionary<string, IReadOnlyList<string>>
        {
            [HelperGradient] = bars,
            [HelperDirection] = dots,
            [HelperResult] = barDots,
        });
        return new HelperDerivatives(
            helper, bars.ToEquatableArray(), dots.ToEquatableArray(), barDots.ToEquatableArray(), tape,
            helper.EmitsValue ? scalars.RewriteBlock(helper.Body) : null,
            scalars.RewriteBlock(gradientCode), scalars.RewriteBlock(tangentCode), scalars.RewriteBlock(hvpCode), usesTape);

        static string[] Empty(int count) => Enumerable.Repeat("", count).ToArray();
    }

    /// <summary>The objective's own passes on a span helper's body, whose span parameter is the variables.</summary>
    private static SpanHelperDerivatives SpanHelper(SpanHelperSpec helper, UserRules rules)
    {
        var names = new NameAllocator(helper.Data.Select(d => d.Name).Append(helper.VariablesName).Concat(Declared(helper.Body)));
        string gradient = names.Fresh("gradient");
        string tape = names.Fresh("tape");
        // The signature's names are taken before the transforms invent theirs, so that they read as an objective's.
        string direction = names.Fresh("v");
        string result = names.Fresh("result");
        var (_, code, usesTape, _) = Gradient(helper.Body, names, helper.Type, gradient, rules, sumInvariantEntries: true);
        var hvp = TangentTransform.Run(code, names, gradient, direction, result, rules);
        return new SpanHelperDerivatives(helper, gradient, tape, direction, result, code, hvp, usesTape);
    }

    /// <summary>Every identifier the objective's generated code must not shadow: locals, parameters, the method's own name.</summary>
    private static IEnumerable<string> Identifiers(ObjectiveSpec spec)
    {
        yield return spec.MethodName;
        yield return spec.VariablesName;
        foreach (var d in spec.Data) yield return d.Name;
        foreach (var s in IrTree.Descendants(spec.Body))
        {
            if (s is DeclareStmt d) yield return d.Name;
            if (s is ArrayDeclareStmt a) yield return a.Name;
        }
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
