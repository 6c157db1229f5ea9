namespace AutoDiffLbfgs.Tests.Newton;

/// <summary>
/// LIBLINEAR's L2-regularised logistic regression (<c>-s 0 -B 1</c>) as a finite sum whose mean is exactly LIBLINEAR's
/// objective f(w) = C·Σᵢ log(1 + exp(−yᵢ·w·x̃ᵢ)) + ½‖w‖², x̃ᵢ = [xᵢ, 1] (the bias weight last and regularised, unlike
/// <c>GeneratedLogisticRegression</c>): term i is N·C·log(1 + exp(−yᵢ·w·x̃ᵢ)) + ½‖w‖², so (1/N)·Σᵢ fᵢ = f.
/// </summary>
public static partial class LiblinearLogistic
{
    /// <summary>One term; <paramref name="signs"/> holds yᵢ = ±1 and <paramref name="scaledC"/> = N·C.</summary>
    [Objective]
    public static double Loss(ReadOnlySpan<double> w, [TermIndex] int i, double[] features, double[] signs, double scaledC)
    {
        int d = w.Length - 1;
        double z = w[d];
        for (int j = 0; j < d; j++) z += features[i * d + j] * w[j];
        double m = -signs[i] * z;
        double loss = m > 0 ? m + Math.Log(1 + Math.Exp(-m)) : Math.Log(1 + Math.Exp(m));
        double norm = 0;
        for (int j = 0; j <= d; j++) norm += w[j] * w[j];
        return scaledC * loss + 0.5 * norm;
    }
}
