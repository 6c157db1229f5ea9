namespace AutoDiffLbfgs.Tests.Bounds;

/// <summary>Compact L-BFGS matrices built from random pairs (y = As with A symmetric positive definite, so sᵀy &gt; 0), and B formed densely.</summary>
internal static class CompactMatrixCases
{
    /// <summary>An L-BFGS-B workspace (m = 5) over n variables holding <paramref name="pairs"/> random pairs.</summary>
    public static LbfgsBWorkspace<double> Workspace(Random random, int n, int pairs)
    {
        var work = new LbfgsBWorkspace<double>(n, 5);
        double[,] a = RandomSpd(random, n);
        for (int k = 0; k < pairs; k++)
        {
            Span<double> s = work.Matrix.NextS, y = work.Matrix.NextY;
            for (int i = 0; i < n; i++) s[i] = random.NextDouble() - 0.5;
            for (int i = 0; i < n; i++)
            {
                y[i] = 0;
                for (int j = 0; j < n; j++) y[i] += a[i, j] * s[j];
            }
            double sy = 0;
            for (int i = 0; i < n; i++) sy += s[i] * y[i];
            if (!work.Matrix.Commit(sy)) throw new InvalidOperationException("The factorisation failed.");
        }
        return work;
    }

    /// <summary>B = θI − WMWᵀ as a dense n × n matrix, entry by entry from W's rows and M.</summary>
    public static double[,] DenseB(CompactLbfgsMatrix<double> matrix, int n)
    {
        int k2 = 2 * matrix.Count;
        var b = new double[n, n];
        double[] wi = new double[k2], wj = new double[k2], mw = new double[k2];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double product = 0;
                if (k2 > 0)
                {
                    matrix.WRow(i, wi);
                    matrix.WRow(j, wj);
                    matrix.MultiplyM(wj, mw);
                    for (int c = 0; c < k2; c++) product += wi[c] * mw[c];
                }
                b[i, j] = (i == j ? matrix.Theta : 0) - product;
            }
        }
        return b;
    }

    private static double[,] RandomSpd(Random random, int n)
    {
        var q = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++) q[i, j] = random.NextDouble() - 0.5;
        }
        var a = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                for (int p = 0; p < n; p++) a[i, j] += q[p, i] * q[p, j];
            }
            a[i, i] += 0.5;
        }
        return a;
    }
}
