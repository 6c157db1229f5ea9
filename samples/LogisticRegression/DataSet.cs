using System.Globalization;

namespace LogisticRegression;

/// <summary>A CSV data set with a header row, numeric features and the 0/1 label in the last column.</summary>
/// <param name="Features">Row-major N × d features.</param>
/// <param name="Labels">N labels.</param>
/// <param name="FeatureCount">d.</param>
public sealed record DataSet(double[] Features, double[] Labels, int FeatureCount)
{
    /// <summary>The number of rows N.</summary>
    public int Count => Labels.Length;

    /// <summary>Reads the file (invariant culture).</summary>
    public static DataSet Load(string path)
    {
        var features = new List<double>();
        var labels = new List<double>();
        int featureCount = 0;
        foreach (string line in File.ReadLines(path).Skip(1))
        {
            if (line.Length == 0) continue;
            string[] cells = line.Split(',');
            featureCount = cells.Length - 1;
            for (int j = 0; j < featureCount; j++) features.Add(double.Parse(cells[j], CultureInfo.InvariantCulture));
            labels.Add(double.Parse(cells[^1], CultureInfo.InvariantCulture));
        }
        return new DataSet(features.ToArray(), labels.ToArray(), featureCount);
    }

    /// <summary>The fraction of rows whose label the model w predicts (probability ≥ ½ means 1).</summary>
    public double Accuracy(ReadOnlySpan<double> w)
    {
        int correct = 0;
        for (int i = 0; i < Count; i++)
        {
            double z = w[FeatureCount];
            for (int j = 0; j < FeatureCount; j++) z += Features[i * FeatureCount + j] * w[j];
            if ((z >= 0 ? 1.0 : 0.0) == Labels[i]) correct++;
        }
        return (double)correct / Count;
    }
}
