namespace AutoDiffLbfgs.Tests.Mgh.Problems;

/// <summary>MGH (4) Brown badly scaled: r₁ = x₁ − 10⁶, r₂ = x₂ − 2·10⁻⁶, r₃ = x₁x₂ − 2; x₀ = (1, 1); f* = 0.</summary>
public readonly struct BrownBadlyScaled : IMghProblem
{
    public int Dimension => 2;

    public double[] StartingPoint() => [1, 1];

    public double Value(ReadOnlySpan<double> x) => ValueAndGradient(x, new double[2]);

    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> g)
    {
        double r1 = x[0] - 1e6, r2 = x[1] - 2e-6, r3 = x[0] * x[1] - 2;
        g[0] = 2 * r1 + 2 * r3 * x[1];
        g[1] = 2 * r2 + 2 * r3 * x[0];
        return r1 * r1 + r2 * r2 + r3 * r3;
    }
}
