namespace AutoDiffLbfgs.Tests.Mgh.Problems;

/// <summary>
/// MGH (24) penalty II, m = 2n: r₁ = x₁ − 0.2; rᵢ = √a(e^(xᵢ/10) + e^(xᵢ₋₁/10) − yᵢ), yᵢ = e^(i/10) + e^((i−1)/10) (2 ≤ i ≤ n);
/// rᵢ = √a(e^(xᵢ₋ₙ₊₁/10) − e^(−1/10)) (n &lt; i &lt; 2n); r₂ₙ = Σⱼ (n − j + 1)xⱼ² − 1; a = 1e-5; x₀ = ½; f*(4) = 9.37629e-6, f*(10) = 2.93660e-4.
/// </summary>
public readonly struct PenaltyII(int n) : IMghProblem
{
    private const double A = 1e-5;

    public int Dimension => n;

    public double[] StartingPoint() => Enumerable.Repeat(0.5, n).ToArray();

    public double Value(ReadOnlySpan<double> x) => ValueAndGradient(x, new double[x.Length]);

    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> g)
    {
        g.Clear();
        double r1 = x[0] - 0.2;
        double f = r1 * r1;
        g[0] += 2 * r1;
        double sqrtA = Math.Sqrt(A), tenth = Math.Exp(-0.1);
        for (int i = 2; i <= n; i++)
        {
            double y = Math.Exp(i / 10.0) + Math.Exp((i - 1) / 10.0);
            double ei = Math.Exp(x[i - 1] / 10), ep = Math.Exp(x[i - 2] / 10);
            double r = sqrtA * (ei + ep - y);
            f += r * r;
            g[i - 1] += 2 * r * sqrtA * ei / 10;
            g[i - 2] += 2 * r * sqrtA * ep / 10;
        }
        for (int i = n + 1; i < 2 * n; i++)
        {
            double e = Math.Exp(x[i - n] / 10);
            double r = sqrtA * (e - tenth);
            f += r * r;
            g[i - n] += 2 * r * sqrtA * e / 10;
        }
        double weighted = 0;
        for (int j = 1; j <= n; j++) weighted += (n - j + 1) * x[j - 1] * x[j - 1];
        double last = weighted - 1;
        f += last * last;
        for (int j = 1; j <= n; j++) g[j - 1] += 2 * last * 2 * (n - j + 1) * x[j - 1];
        return f;
    }
}
