using AutoDiffLbfgs;

namespace AutoDiffLbfgs.Benchmarks;

/// <summary>The benchmark's finite sum: one L2-regularized logistic-regression term, differentiated by the generator.</summary>
public static partial class StochasticLogisticModel
{
    /// <summary>fᵢ(w) = log(1 + exp(zᵢ)) − yᵢzᵢ + (λ/2)·‖w_features‖², zᵢ = xᵢᵀw_features + intercept (last).</summary>
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

    /// <summary>A synthetic, fixed-seed data set of <paramref name="count"/> rows and <paramref name="features"/> uniform features.</summary>
    public static LossTerms Synthetic(int count, int features, int seed)
    {
        var random = new Random(seed);
        var x = new double[count * features];
        var y = new double[count];
        double[] truth = new double[features];
        for (int j = 0; j < features; j++) truth[j] = random.NextDouble() * 2 - 1;
        for (int i = 0; i < count; i++)
        {
            double z = 0;
            for (int j = 0; j < features; j++) z += truth[j] * (x[i * features + j] = random.NextDouble() * 2 - 1);
            y[i] = random.NextDouble() < 1 / (1 + Math.Exp(-z)) ? 1 : 0;
        }
        return new LossTerms(count, x, y, 0.01);
    }
}
