using AutoDiffLbfgs.Sharding;
using AutoDiffLbfgs.Tests.Stochastic;

namespace AutoDiffLbfgs.Tests.Sharding;

/// <summary>A synthetic logistic-regression data set (fixed seed) and its split into shards of generated <c>LossTerms</c>.</summary>
internal sealed class ShardedLogisticData
{
    public const double Lambda = 0.01;

    public ShardedLogisticData(int termCount, int features, int seed)
    {
        var random = new Random(seed);
        Features = new double[termCount * features];
        Labels = new double[termCount];
        FeatureCount = features;
        double[] truth = Enumerable.Range(0, features).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        for (int i = 0; i < termCount; i++)
        {
            double z = 0;
            for (int j = 0; j < features; j++) z += truth[j] * (Features[i * features + j] = random.NextDouble() * 2 - 1);
            Labels[i] = random.NextDouble() < 1 / (1 + Math.Exp(-3 * z)) ? 1 : 0;
        }
    }

    public double[] Features { get; }

    public double[] Labels { get; }

    public int FeatureCount { get; }

    public int Dimension => FeatureCount + 1;

    public int TermCount => Labels.Length;

    /// <summary>All terms as one generated struct.</summary>
    public GeneratedLogisticRegression.LossTerms Terms() => new(TermCount, Features, Labels, Lambda);

    /// <summary>The terms of rows [first, first + count), with their own copies of the data.</summary>
    public GeneratedLogisticRegression.LossTerms Terms(int first, int count) =>
        new(count, Features.AsSpan(first * FeatureCount, count * FeatureCount).ToArray(), Labels.AsSpan(first, count).ToArray(), Lambda);

    /// <summary>The data cut into consecutive shards of the given row counts.</summary>
    public IShardTerms<double>[] Shards(int[] rowCounts, int threads = 2)
    {
        var shards = new IShardTerms<double>[rowCounts.Length];
        for (int s = 0, first = 0; s < rowCounts.Length; first += rowCounts[s], s++)
        {
            shards[s] = new ShardTerms<double, GeneratedLogisticRegression.LossTerms>(Terms(first, rowCounts[s]), Dimension, threads, parallelThreshold: 100);
        }
        return shards;
    }

    public InProcessShardedSum<double> Sum(int[] rowCounts, int threads = 2) => new(Shards(rowCounts, threads));
}
