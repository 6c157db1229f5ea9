using System.Globalization;
using System.Text.Json;
using AutoDiffLbfgs.LineSearch;
using AutoDiffLbfgs.Stochastic;

namespace AutoDiffLbfgs.Tests.OrthantWise;

/// <summary>One liblbfgs 1.10 OWL-QN reference run from Fixtures/owlqn/owlqn_liblbfgs.json (made by make_owlqn_fixtures.c).</summary>
/// <param name="Name">The problem's name in the fixture.</param>
/// <param name="Penalty">C of the L1 term (on the features, not the intercept).</param>
/// <param name="Features">Row-major N × d features.</param>
/// <param name="Labels">N labels, 0 or 1.</param>
/// <param name="DefaultIterations">liblbfgs' iterations with epsilon 1e-6.</param>
/// <param name="DefaultEvaluations">liblbfgs' evaluations with epsilon 1e-6.</param>
/// <param name="TightValue">F at liblbfgs' result with epsilon 1e-10.</param>
/// <param name="TightWeights">liblbfgs' weights with epsilon 1e-10 (intercept last).</param>
public sealed record OwlQnReferenceProblem(
    string Name, double Penalty, double[] Features, double[] Labels,
    int DefaultIterations, int DefaultEvaluations, double TightValue, double[] TightWeights)
{
    public override string ToString() => Name;

    /// <summary>Number of features d (the weights are d + 1 long).</summary>
    public int FeatureCount => TightWeights.Length - 1;

    /// <summary>Options equal to the driver's liblbfgs settings: m = 6, backtracking with c₁ = 1e-4 and 40 evaluations, ε_rel as given.</summary>
    public LbfgsOptions Options(double epsilon) => new()
    {
        L1Penalty = Penalty,
        L1End = FeatureCount,
        Memory = 6,
        RelativeGradientTolerance = epsilon,
        LineSearch = new BacktrackingLineSearch { MaxEvaluations = 40 },
    };

    /// <summary>Solves from w = 0.</summary>
    public LbfgsResult Solve(double[] w, LbfgsOptions options) =>
        Lbfgs.Minimize(new L1Objectives.LogisticObjective(Features, Labels), w.AsSpan(), options);

    /// <summary>The problems of the fixture.</summary>
    public static IReadOnlyList<OwlQnReferenceProblem> All { get; } = Read();

    private static List<OwlQnReferenceProblem> Read()
    {
        string folder = Path.Combine(AppContext.BaseDirectory, "Fixtures");
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "owlqn", "owlqn_liblbfgs.json")));
        (double[] cancerFeatures, double[] cancerLabels) = BreastCancer(Path.Combine(folder, "logreg", "breast_cancer_std.csv"));
        var problems = new List<OwlQnReferenceProblem>();
        foreach (JsonElement p in doc.RootElement.GetProperty("problems").EnumerateArray())
        {
            int rows = p.GetProperty("rows").GetInt32(), d = p.GetProperty("features").GetInt32();
            (double[] features, double[] labels) = p.TryGetProperty("labels", out JsonElement stored)
                ? (Synthetic(rows, d), stored.EnumerateArray().Select(e => (double)e.GetInt32()).ToArray())
                : (cancerFeatures, cancerLabels);
            JsonElement defaults = p.GetProperty("default"), tight = p.GetProperty("tight");
            problems.Add(new OwlQnReferenceProblem(
                p.GetProperty("name").GetString()!, p.GetProperty("c").GetDouble(), features, labels,
                defaults.GetProperty("iterations").GetInt32(), defaults.GetProperty("evaluations").GetInt32(),
                tight.GetProperty("f").GetDouble(), tight.GetProperty("w").EnumerateArray().Select(e => e.GetDouble()).ToArray()));
        }
        return problems;
    }

    private static (double[] Features, double[] Labels) BreastCancer(string path)
    {
        string[] lines = File.ReadAllLines(path);
        var features = new List<double>();
        var labels = new List<double>();
        foreach (string line in lines.Skip(1))
        {
            double[] cells = line.Split(',').Select(c => double.Parse(c, CultureInfo.InvariantCulture)).ToArray();
            features.AddRange(cells[..^1]);
            labels.Add(cells[^1]);
        }
        return (features.ToArray(), labels.ToArray());
    }

    /// <summary>The driver's synthetic features: SplitMix64 from 42, two draws per entry, (k − 8)/8 with probability 1/4.</summary>
    private static double[] Synthetic(int rows, int d)
    {
        var random = new SplitMix64(42);
        double[] x = new double[rows * d];
        for (int i = 0; i < x.Length; i++)
        {
            ulong r1 = random.Next(), r2 = random.Next();
            x[i] = r1 % 4 == 0 ? ((double)(r2 % 17) - 8) / 8 : 0;
        }
        return x;
    }
}
