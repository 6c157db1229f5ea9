using System.Globalization;
using System.Text.Json;
using AutoDiffLbfgs.LineSearch;
using AutoDiffLbfgs.Tests.Mgh.Problems;

namespace AutoDiffLbfgs.Tests.Bounds;

/// <summary>One scipy L-BFGS-B reference problem from Fixtures/lbfgsb/lbfgsb_scipy.json (made by make_lbfgsb_fixtures.py).</summary>
/// <param name="Name">The problem's name in the fixture.</param>
/// <param name="Start">x₀ (scipy clips it onto the box, as we project it).</param>
/// <param name="Lower">Lower bounds (−∞ for none).</param>
/// <param name="Upper">Upper bounds (+∞ for none).</param>
/// <param name="DefaultIterations">scipy's iterations with its defaults (m = 10, gtol 1e-5, ftol 2.2e-9).</param>
/// <param name="DefaultEvaluations">scipy's evaluations with its defaults.</param>
/// <param name="DefaultValue">scipy's final f with its defaults.</param>
/// <param name="TightValue">scipy's final f run tight (gtol 1e-12, ftol 0).</param>
/// <param name="TightActive">Indices at a bound at the end of the tight run.</param>
/// <param name="Data">The problem's extra arrays (a, b for quadratics; t, y for the curve fit).</param>
public sealed record LbfgsBReferenceProblem(
    string Name, double[] Start, double[] Lower, double[] Upper,
    int DefaultIterations, int DefaultEvaluations, double DefaultValue,
    double TightValue, int[] TightActive, IReadOnlyDictionary<string, double[]> Data)
{
    public override string ToString() => Name;

    /// <summary>Solves the problem with the given options on its objective (MGH problems hand-coded, the others generated;
    /// the fixture's ½xᵀAx − bᵀx is HessianObjectives' ½xᵀAx + bᵀx with b negated).</summary>
    public LbfgsResult Solve(double[] x, LbfgsOptions options) => Name switch
    {
        _ when Name.StartsWith("beale", StringComparison.Ordinal) => Lbfgs.Minimize(new Beale(), x.AsSpan(), options),
        _ when Name.StartsWith("wood", StringComparison.Ordinal) => Lbfgs.Minimize(new Wood(), x.AsSpan(), options),
        _ when Name.StartsWith("helical", StringComparison.Ordinal) => Lbfgs.Minimize(new HelicalValley(), x.AsSpan(), options),
        _ when Name.StartsWith("penalty1", StringComparison.Ordinal) => Lbfgs.Minimize(new PenaltyI(x.Length), x.AsSpan(), options),
        _ when Name.StartsWith("ext_rosenbrock", StringComparison.Ordinal) => Lbfgs.Minimize(new ExtendedRosenbrock(x.Length), x.AsSpan(), options),
        _ when Name.StartsWith("box_quadratic", StringComparison.Ordinal) => Lbfgs.Minimize(new Hessians.HessianObjectives.QuadraticObjective(Data["a"], Data["b"].Select(v => -v).ToArray()), x.AsSpan(), options),
        _ when Name.StartsWith("curve_fit", StringComparison.Ordinal) => Lbfgs.Minimize(new BoundedObjectives.DecayFitObjective(Data["t"], Data["y"]), x.AsSpan(), options),
        _ => throw new InvalidOperationException($"No objective for {Name}."),
    };

    /// <summary>The problems of the fixture.</summary>
    public static IReadOnlyList<LbfgsBReferenceProblem> All { get; } = Read();

    /// <summary>Options equal to scipy's defaults: pgtol 1e-5 absolute, factr 1e7 (ftol 2.2e-9), m = 10, dcsrch's c₁ = 1e-3 and xtol = 0.1.</summary>
    public static LbfgsOptions ScipyDefaults(LbfgsBReferenceProblem problem) => new()
    {
        LowerBounds = problem.Lower,
        UpperBounds = problem.Upper,
        AbsoluteGradientTolerance = 1e-5,
        RelativeGradientTolerance = 0,
        Past = 1,
        Delta = 2.220446049250313e-09,
        LineSearch = new MoreThuenteLineSearch { SufficientDecrease = 1e-3, IntervalTolerance = 0.1 },
    };

    private static List<LbfgsBReferenceProblem> Read()
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "lbfgsb", "lbfgsb_scipy.json")));
        var problems = new List<LbfgsBReferenceProblem>();
        foreach (JsonElement p in doc.RootElement.GetProperty("problems").EnumerateArray())
        {
            var data = new Dictionary<string, double[]>();
            foreach (string key in new[] { "a", "b", "t", "y" })
            {
                if (p.TryGetProperty(key, out JsonElement array)) data[key] = Numbers(array);
            }
            JsonElement defaults = p.GetProperty("default"), tight = p.GetProperty("tight");
            problems.Add(new LbfgsBReferenceProblem(
                p.GetProperty("name").GetString()!,
                Numbers(p.GetProperty("x0")), Numbers(p.GetProperty("lower")), Numbers(p.GetProperty("upper")),
                defaults.GetProperty("nit").GetInt32(), defaults.GetProperty("nfev").GetInt32(), defaults.GetProperty("f").GetDouble(),
                tight.GetProperty("f").GetDouble(), tight.GetProperty("active").EnumerateArray().Select(e => e.GetInt32()).ToArray(), data));
        }
        return problems;
    }

    private static double[] Numbers(JsonElement array) =>
        array.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String
            ? double.Parse(e.GetString()!.Replace("inf", "Infinity", StringComparison.Ordinal), CultureInfo.InvariantCulture)
            : e.GetDouble()).ToArray();
}
