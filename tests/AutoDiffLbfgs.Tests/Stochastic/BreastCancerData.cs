using System.Globalization;

namespace AutoDiffLbfgs.Tests.Stochastic;

/// <summary>
/// The standardized Wisconsin breast-cancer fixture (569 rows, 30 features, label last) and the reference optimum of
/// L2-regularized logistic regression on it (λ = 0.01, intercept not regularized), from Fixtures/logreg/README.
/// </summary>
internal static class BreastCancerData
{
    /// <summary>λ of the reference problem.</summary>
    public const double Lambda = 0.01;

    /// <summary>L* = min L(w), scipy L-BFGS-B polished by Newton to ‖∇L‖∞ = 7e-18.</summary>
    public const double OptimalLoss = 0.0995913754847055;

    private static readonly Lazy<(double[] Features, double[] Labels)> Data = new(Load);

    /// <summary>Row-major 569 × 30 features.</summary>
    public static double[] Features => Data.Value.Features;

    /// <summary>569 labels (0 = malignant, 1 = benign).</summary>
    public static double[] Labels => Data.Value.Labels;

    /// <summary>The objective in double precision.</summary>
    public static LogisticRegressionTerms<double> Objective() => new(Features, Labels, Lambda);

    /// <summary>The objective in single precision (data rounded to float).</summary>
    public static LogisticRegressionTerms<float> ObjectiveSingle() =>
        new(Array.ConvertAll(Features, v => (float)v), Array.ConvertAll(Labels, v => (float)v), (float)Lambda);

    private static (double[], double[]) Load()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "logreg", "breast_cancer_std.csv");
        string[] lines = File.ReadAllLines(path);
        var features = new List<double>();
        var labels = new List<double>();
        foreach (string line in lines.Skip(1))
        {
            if (line.Length == 0) continue;
            string[] cells = line.Split(',');
            for (int j = 0; j < cells.Length - 1; j++) features.Add(double.Parse(cells[j], CultureInfo.InvariantCulture));
            labels.Add(double.Parse(cells[^1], CultureInfo.InvariantCulture));
        }
        return (features.ToArray(), labels.ToArray());
    }
}
