namespace AutoDiffLbfgs.Tests.Bounds;

/// <summary>
/// The generalised Cauchy point against a direct computation: B = θI − WMWᵀ formed densely from the compact matrix,
/// the projected path P(x − tg) walked segment by segment, and the first local minimiser of the quadratic model taken
/// on the first segment where its slope turns non-negative (BLNZ 1995 §4).
/// </summary>
public class GeneralizedCauchyPointTests
{
    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 1)]
    [InlineData(3, 3)]
    [InlineData(4, 5)]
    [InlineData(5, 5)]
    public void MatchesTheFirstLocalMinimiserAlongTheProjectedPath(int seed, int pairs)
    {
        // Tolerance 1e-12 relative: both sides compute the same breakpoints; the model's minimiser on a segment is a
        // ratio of sums of a few dozen terms, so they differ by a few ulps of x.
        const int n = 12;
        var random = new Random(seed);
        var work = CompactMatrixCases.Workspace(random, n, pairs);
        double[] lower = new double[n], upper = new double[n], x = new double[n], g = new double[n];
        for (int i = 0; i < n; i++)
        {
            lower[i] = i % 4 == 3 ? double.NegativeInfinity : -random.NextDouble();
            upper[i] = i % 5 == 4 ? double.PositiveInfinity : random.NextDouble();
            x[i] = i % 6 == 0 && !double.IsNegativeInfinity(lower[i]) ? lower[i] : Math.Clamp(random.NextDouble() - 0.5, lower[i], upper[i]);
            g[i] = 4 * (random.NextDouble() - 0.5);
        }
        var box = new BoxBounds(lower, upper);

        GeneralizedCauchyPoint.Compute<double>(box, x, g, work);
        double[] expected = Reference(CompactMatrixCases.DenseB(work.Matrix, n), lower, upper, x, g);

        for (int i = 0; i < n; i++) Assert.Equal(expected[i], work.CauchyPoint[i], 1e-12 * Math.Max(1, Math.Abs(expected[i])));
    }

    private static double[] Reference(double[,] b, double[] lower, double[] upper, double[] x, double[] g)
    {
        int n = x.Length;
        double[] point = (double[])x.Clone();
        double Breakpoint(int i) => g[i] < 0 ? (upper[i] - x[i]) / -g[i] : g[i] > 0 ? (x[i] - lower[i]) / g[i] : double.PositiveInfinity;
        double[] t = Enumerable.Range(0, n).Select(Breakpoint).ToArray();
        double start = 0;
        foreach (double end in t.Where(v => v > 0).Append(double.PositiveInfinity).Distinct().Order())
        {
            // On [start, end) the path moves along d = −g in the variables whose breakpoint is later.
            double[] d = Enumerable.Range(0, n).Select(i => t[i] > start ? -g[i] : 0).ToArray();
            double slope = 0, curvature = 0;
            for (int i = 0; i < n; i++)
            {
                double bz = 0, bd = 0;
                for (int j = 0; j < n; j++)
                {
                    bz += b[i, j] * (point[j] - x[j]);
                    bd += b[i, j] * d[j];
                }
                slope += (g[i] + bz) * d[i];
                curvature += d[i] * bd;
            }
            if (slope >= 0) return point;
            double step = curvature > 0 ? -slope / curvature : double.PositiveInfinity;
            if (start + step < end)
            {
                for (int i = 0; i < n; i++) point[i] += step * d[i];
                return point;
            }
            for (int i = 0; i < n; i++) point[i] = t[i] <= end ? Math.Clamp(x[i] - t[i] * g[i], lower[i], upper[i]) : point[i] + (end - start) * d[i];
            start = end;
        }
        return point;
    }
}
