using AutoDiffLbfgs.Sharding;

namespace AutoDiffLbfgs.Orleans.Tests;

/// <summary>Logistic regression written as a user writes it (one term, <c>[TermIndex]</c>), and a synthetic data set cut into shards.</summary>
public static partial class Model
{
    public const double Lambda = 0.01;
    public const int Features = 8;
    public const int Dimension = Features + 1;

    /// <summary>Rows per shard: six uneven shards, 6,000 rows.</summary>
    public static readonly int[] RowCounts = [1000, 800, 1200, 900, 1100, 1000];

    private static readonly (double[] X, double[] Y) Data = Generate(RowCounts.Sum(), seed: 5);

    /// <summary>fᵢ(w) = log(1 + exp(zᵢ)) − yᵢzᵢ + (λ/2)‖w_features‖², zᵢ = xᵢ·w_features + intercept.</summary>
    [Objective]
    public static double Loss(ReadOnlySpan<double> w, [TermIndex] int i, double[] features, double[] labels, double lambda)
    {
        int d = w.Length - 1;
        double z = w[d];
        for (int j = 0; j < d; j++) z += features[i * d + j] * w[j];
        double softplus = z > 0 ? z + Math.Log(1 + Math.Exp(-z)) : Math.Log(1 + Math.Exp(z));
        double penalty = 0;
        for (int j = 0; j < d; j++) penalty += w[j] * w[j];
        return softplus - labels[i] * z + 0.5 * lambda * penalty;
    }

    /// <summary>Shard s's terms, built from its own copy of its rows (as a silo would load them).</summary>
    public static IShardTerms<double> Shard(int shard)
    {
        int first = RowCounts[..shard].Sum(), count = RowCounts[shard];
        var terms = new LossTerms(count, Data.X.AsSpan(first * Features, count * Features).ToArray(), Data.Y.AsSpan(first, count).ToArray(), Lambda);
        return new ShardTerms<double, LossTerms>(terms, Dimension);
    }

    /// <summary>The same layout in this process.</summary>
    public static InProcessShardedSum<double> InProcess() => new(Enumerable.Range(0, RowCounts.Length).Select(Shard).ToArray());

    private static (double[], double[]) Generate(int count, int seed)
    {
        var random = new Random(seed);
        var x = new double[count * Features];
        var y = new double[count];
        double[] truth = Enumerable.Range(0, Features).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        for (int i = 0; i < count; i++)
        {
            double z = 0;
            for (int j = 0; j < Features; j++) z += truth[j] * (x[i * Features + j] = random.NextDouble() * 2 - 1);
            y[i] = random.NextDouble() < 1 / (1 + Math.Exp(-3 * z)) ? 1 : 0;
        }
        return (x, y);
    }
}
