namespace AutoDiffLbfgs.Tests.Newton;

/// <summary>
/// LIBLINEAR's L2-regularised logistic regression (<c>-s 0 -B 1</c>) on CSR data: f(w) = C·Σᵢ log(1 + exp(−yᵢ·w·x̃ᵢ)) +
/// ½‖w‖², x̃ᵢ = [xᵢ, 1], the bias weight last and regularised (as <see cref="LiblinearLogistic"/>, which is dense). Once
/// as one objective — its gradient and Hessian-vector product touch only the nonzeros, as LIBLINEAR's do — and once as
/// a finite sum for the sub-sampled Hessian (term i = N·C·lossᵢ + ½‖w‖², so the mean is f).
/// </summary>
public static partial class SparseLiblinearLogistic
{
    /// <summary>f(w) over all <paramref name="rows"/> rows.</summary>
    [Objective]
    public static double Loss(ReadOnlySpan<double> w, int rows, int[] rowStart, int[] columns, double[] values, double[] signs, double c)
    {
        int d = w.Length - 1;
        double loss = 0;
        for (int i = 0; i < rows; i++)
        {
            double z = w[d];
            for (int k = rowStart[i]; k < rowStart[i + 1]; k++) z += values[k] * w[columns[k]];
            double m = -signs[i] * z;
            loss += m > 0 ? m + Math.Log(1 + Math.Exp(-m)) : Math.Log(1 + Math.Exp(m));
        }
        double norm = 0;
        for (int j = 0; j <= d; j++) norm += w[j] * w[j];
        return c * loss + 0.5 * norm;
    }

    /// <summary>Term i (row i); <paramref name="scaledC"/> = N·C.</summary>
    [Objective]
    public static double RowLoss(ReadOnlySpan<double> w, [TermIndex] int i, int[] rowStart, int[] columns, double[] values, double[] signs, double scaledC)
    {
        int d = w.Length - 1;
        double z = w[d];
        for (int k = rowStart[i]; k < rowStart[i + 1]; k++) z += values[k] * w[columns[k]];
        double m = -signs[i] * z;
        double loss = m > 0 ? m + Math.Log(1 + Math.Exp(-m)) : Math.Log(1 + Math.Exp(m));
        double norm = 0;
        for (int j = 0; j <= d; j++) norm += w[j] * w[j];
        return scaledC * loss + 0.5 * norm;
    }
}
