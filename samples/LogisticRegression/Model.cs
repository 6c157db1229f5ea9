using AutoDiffLbfgs;

namespace LogisticRegression;

/// <summary>
/// L2-regularized logistic regression, written as one term of the finite sum L(w) = (1/N)·Σᵢ fᵢ(w). The generator
/// turns it into <c>LossGradient</c>, <c>LossHessianVectorProduct</c> and the <c>LossTerms</c> struct that the
/// stochastic solver samples from: <c>new Model.LossTerms(termCount, features, labels, lambda)</c>.
/// </summary>
public static partial class Model
{
    /// <summary>
    /// fᵢ(w) = log(1 + exp(zᵢ)) − yᵢ·zᵢ + (λ/2)·‖w_features‖², zᵢ = xᵢᵀw_features + w_intercept (the intercept is the
    /// last weight and is not regularized).
    /// </summary>
    /// <param name="w">The d feature weights, then the intercept.</param>
    /// <param name="i">The term (row of the data set).</param>
    /// <param name="features">Row-major N × d feature matrix.</param>
    /// <param name="labels">N labels, 0 or 1.</param>
    /// <param name="lambda">λ, the weight of the L2 penalty.</param>
    [Objective]
    public static double Loss(ReadOnlySpan<double> w, [TermIndex] int i, double[] features, double[] labels, double lambda)
    {
        int d = w.Length - 1;
        double z = w[d];
        for (int j = 0; j < d; j++) z += features[i * d + j] * w[j];
        // log(1 + eᶻ) evaluated without overflow on either side.
        double softplus = z > 0 ? z + Math.Log(1 + Math.Exp(-z)) : Math.Log(1 + Math.Exp(z));
        double penalty = 0;
        for (int j = 0; j < d; j++) penalty += w[j] * w[j];
        return softplus - labels[i] * z + 0.5 * lambda * penalty;
    }
}
