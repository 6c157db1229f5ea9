namespace AutoDiffLbfgs.Tests.Stochastic;

/// <summary>
/// Logistic regression written the way a user writes it: one term as an <c>[Objective]</c> with a <c>[TermIndex]</c>
/// data parameter. The generator emits <c>LossGradient</c>, <c>LossHessianVectorProduct</c> and the
/// <c>LossTerms</c> struct the stochastic solver consumes.
/// </summary>
public static partial class GeneratedLogisticRegression
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
}
