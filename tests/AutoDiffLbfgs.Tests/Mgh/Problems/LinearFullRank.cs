namespace AutoDiffLbfgs.Tests.Mgh.Problems;

/// <summary>MGH (32) linear function, full rank: rᵢ = xᵢ − (2/m)Σxⱼ − 1 (i ≤ n), rᵢ = −(2/m)Σxⱼ − 1 (i &gt; n); x₀ = 1; f* = m − n.</summary>
public readonly struct LinearFullRank(int n, int m) : IMghProblem
{
    public int Dimension => n;

    public double[] StartingPoint() => Enumerable.Repeat(1.0, n).ToArray();

    public double Value(ReadOnlySpan<double> x) => ValueAndGradient(x, new double[x.Length]);

    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> g)
    {
        double sum = 0;
        for (int j = 0; j < n; j++) sum += x[j];
        double common = -2.0 / m * sum - 1;
        double f = (m - n) * common * common, residualSum = (m - n) * common;
        for (int i = 0; i < n; i++)
        {
            double r = x[i] + common;
            f += r * r;
            residualSum += r;
        }
        // ∂rᵢ/∂xⱼ = δᵢⱼ − 2/m.
        for (int j = 0; j < n; j++) g[j] = 2 * (x[j] + common) - 4.0 / m * residualSum;
        return f;
    }
}
