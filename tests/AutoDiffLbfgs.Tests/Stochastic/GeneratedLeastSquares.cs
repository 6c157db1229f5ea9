namespace AutoDiffLbfgs.Tests.Stochastic;

/// <summary>The least-squares example of docs/stochastic.md, compiled so the documentation cannot rot.</summary>
public static partial class GeneratedLeastSquares
{
    /// <summary>fᵢ(w) = ½(aᵢᵀw − bᵢ)², A row-major N × n.</summary>
    [Objective]
    public static double Residual(ReadOnlySpan<double> w, [TermIndex] int i, double[] a, double[] b)
    {
        int n = w.Length;
        double r = -b[i];
        for (int j = 0; j < n; j++) r += a[i * n + j] * w[j];
        return 0.5 * r * r;
    }
}
