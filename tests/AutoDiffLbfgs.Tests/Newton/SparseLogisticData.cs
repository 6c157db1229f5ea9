using AutoDiffLbfgs.Stochastic;

namespace AutoDiffLbfgs.Tests.Newton;

/// <summary>
/// The sparse synthetic logistic-regression sets of <c>Fixtures/liblinear/make_sparse_reference.c</c>, regenerated bit
/// for bit from the seed (so no data file is committed): rows in CSR form, labels ±1. The draws and their order are
/// the C harness's; every value is a multiple of 1/16 and every label a sign of an exact sum, so C and C# agree
/// without a shared libm.
/// </summary>
/// <param name="Features">d, the number of features (the bias weight is an extra, last one).</param>
/// <param name="RowStart">N + 1 offsets into <paramref name="Columns"/> and <paramref name="Values"/>.</param>
/// <param name="Columns">The feature index of each nonzero, ascending within a row.</param>
/// <param name="Values">The nonzeros.</param>
/// <param name="Signs">yᵢ = ±1.</param>
public sealed record SparseLogisticData(int Features, int[] RowStart, int[] Columns, double[] Values, double[] Signs)
{
    /// <summary>N, the number of rows.</summary>
    public int Rows => Signs.Length;

    /// <summary>The number of nonzeros.</summary>
    public int Nonzeros => RowStart[^1];

    /// <summary>The harness's fingerprint Σ (j + 1)·value over the nonzeros (exact in double).</summary>
    public double Checksum()
    {
        double sum = 0;
        for (int k = 0; k < Nonzeros; k++) sum += (Columns[k] + 1) * Values[k];
        return sum;
    }

    /// <summary>
    /// The set for (rows, features, density, levels, seed): a feature is nonzero with probability 1/density, its value
    /// m/16 with m in −16..−1, 1..16, times 2^−(j mod levels) for column j (levels = 1 scales nothing); labels are the
    /// sign of x·w_true plus uniform noise in [−4, 4].
    /// </summary>
    public static SparseLogisticData Generate(int rows, int features, int density, int levels, ulong seed)
    {
        var random = new SplitMix64(seed);
        double[] truth = new double[features];
        for (int j = 0; j < features; j++) truth[j] = ((double)(random.Next() % 33) - 16) / 16;
        int[] rowStart = new int[rows + 1];
        var columns = new List<int>(rows * (features / density + 16));
        var values = new List<double>(columns.Capacity);
        double[] signs = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            rowStart[i] = columns.Count;
            double z = 0;
            for (int j = 0; j < features; j++)
            {
                if (random.Next() % (ulong)density != 0) continue;
                int m = (int)(random.Next() % 32) - 16;
                if (m >= 0) m++;
                double v = Math.ScaleB(m / 16.0, -(j % levels));
                columns.Add(j);
                values.Add(v);
                z += v * truth[j];
            }
            z += ((double)(random.Next() % 513) - 256) / 64;
            signs[i] = z > 0 ? 1 : -1;
        }
        rowStart[rows] = columns.Count;
        return new SparseLogisticData(features, rowStart, columns.ToArray(), values.ToArray(), signs);
    }
}
