namespace AutoDiffLbfgs.Tests.OrthantWise;

/// <summary>The smooth part of the OWL-QN reference problems, as a user writes it; the L1 term is the solver's.</summary>
public static partial class L1Objectives
{
    /// <summary>(1/N)·Σᵢ[log(1 + e^zᵢ) − yᵢzᵢ], zᵢ = xᵢᵀw_features + b, intercept b last (make_owlqn_fixtures.c's loss).</summary>
    [Objective]
    public static double Logistic(ReadOnlySpan<double> w, double[] features, double[] labels)
    {
        int d = w.Length - 1;
        double f = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            double z = w[d];
            for (int j = 0; j < d; j++) z += features[i * d + j] * w[j];
            double softplus = z > 0 ? z + Math.Log(1 + Math.Exp(-z)) : Math.Log(1 + Math.Exp(z));
            f += softplus - labels[i] * z;
        }
        return f / labels.Length;
    }
}
