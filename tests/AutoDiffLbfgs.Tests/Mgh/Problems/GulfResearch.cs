namespace AutoDiffLbfgs.Tests.Mgh.Problems;

/// <summary>MGH (11) Gulf research and development, m = 99: rᵢ = exp(−|yᵢ − x₂|^x₃ / x₁) − tᵢ, tᵢ = i/100, yᵢ = 25 + (−50 ln tᵢ)^(2/3); x₀ = (5, 2.5, 0.15); f* = 0 at (50, 25, 1.5).</summary>
public readonly struct GulfResearch : IMghProblem
{
    private const int M = 99;

    public int Dimension => 3;

    public double[] StartingPoint() => [5, 2.5, 0.15];

    public double Value(ReadOnlySpan<double> x) => ValueAndGradient(x, new double[3]);

    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> g)
    {
        double f = 0;
        g.Clear();
        for (int i = 1; i <= M; i++)
        {
            double t = i / 100.0;
            double y = 25 + Math.Pow(-50 * Math.Log(t), 2.0 / 3.0);
            double a = y - x[1], u = Math.Abs(a);
            double p = Math.Pow(u, x[2]);
            double e = Math.Exp(-p / x[0]);
            double r = e - t;
            f += r * r;
            g[0] += 2 * r * e * p / (x[0] * x[0]);
            g[1] += 2 * r * e * (x[2] * Math.Pow(u, x[2] - 1) / x[0]) * Math.Sign(a);
            g[2] += u == 0 ? 0 : 2 * r * e * (-p * Math.Log(u) / x[0]);
        }
        return f;
    }
}
