namespace AutoDiffLbfgs.Tests.Newton;

public static partial class SparseLiblinearLogistic
{
    /// <summary>Row i of <see cref="RowLoss"/> in single precision (<c>MathF</c>), for the float sub-sampled Newton tests.</summary>
    [Objective]
    public static float RowLossSingle(ReadOnlySpan<float> w, [TermIndex] int i, int[] rowStart, int[] columns, float[] values, float[] signs, float scaledC)
    {
        int d = w.Length - 1;
        float z = w[d];
        for (int k = rowStart[i]; k < rowStart[i + 1]; k++) z += values[k] * w[columns[k]];
        float m = -signs[i] * z;
        float loss = m > 0 ? m + MathF.Log(1 + MathF.Exp(-m)) : MathF.Log(1 + MathF.Exp(m));
        float norm = 0;
        for (int j = 0; j <= d; j++) norm += w[j] * w[j];
        return scaledC * loss + 0.5f * norm;
    }
}
