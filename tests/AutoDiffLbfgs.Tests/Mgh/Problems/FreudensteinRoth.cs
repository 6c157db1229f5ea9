namespace AutoDiffLbfgs.Tests.Mgh.Problems;

/// <summary>MGH (2) Freudenstein–Roth: r₁ = −13 + x₁ + ((5 − x₂)x₂ − 2)x₂, r₂ = −29 + x₁ + ((x₂ + 1)x₂ − 14)x₂; x₀ = (0.5, −2); f* = 0, local 48.9842…</summary>
public readonly struct FreudensteinRoth : IMghProblem
{
    public int Dimension => 2;

    public double[] StartingPoint() => [0.5, -2];

    public double Value(ReadOnlySpan<double> x) => ValueAndGradient(x, new double[2]);

    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> g)
    {
        double a = x[0], b = x[1];
        double r1 = -13 + a + ((5 - b) * b - 2) * b;
        double r2 = -29 + a + ((b + 1) * b - 14) * b;
        g[0] = 2 * r1 + 2 * r2;
        g[1] = 2 * r1 * (10 * b - 3 * b * b - 2) + 2 * r2 * (3 * b * b + 2 * b - 14);
        return r1 * r1 + r2 * r2;
    }
}
