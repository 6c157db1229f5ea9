namespace AutoDiffLbfgs.Tests.Mgh.Problems;

/// <summary>MGH (26) trigonometric, m = n: rᵢ = n − Σⱼ cos xⱼ + i(1 − cos xᵢ) − sin xᵢ; x₀ = 1/n; f* = 0 (for n = 10 also a local 2.79506e-5).</summary>
public readonly struct Trigonometric(int n) : IMghProblem
{
    public int Dimension => n;

    public double[] StartingPoint() => Enumerable.Repeat(1.0 / Dimension, Dimension).ToArray();

    public double Value(ReadOnlySpan<double> x) => ValueAndGradient(x, new double[x.Length]);

    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> g)
    {
        double cosines = 0;
        for (int j = 0; j < n; j++) cosines += Math.Cos(x[j]);
        double f = 0, residualSum = 0;
        Span<double> r = n <= 256 ? stackalloc double[n] : new double[n];
        for (int i = 1; i <= n; i++)
        {
            r[i - 1] = n - cosines + i * (1 - Math.Cos(x[i - 1])) - Math.Sin(x[i - 1]);
            f += r[i - 1] * r[i - 1];
            residualSum += r[i - 1];
        }
        // ∂rᵢ/∂xⱼ = sin xⱼ + δᵢⱼ(i·sin xᵢ − cos xᵢ).
        for (int j = 1; j <= n; j++)
            g[j - 1] = 2 * residualSum * Math.Sin(x[j - 1]) + 2 * r[j - 1] * (j * Math.Sin(x[j - 1]) - Math.Cos(x[j - 1]));
        return f;
    }
}
