namespace AutoDiffLbfgs.Tests.Mgh.Problems;

/// <summary>MGH (3) Powell badly scaled: r₁ = 10⁴x₁x₂ − 1, r₂ = e^(−x₁) + e^(−x₂) − 1.0001; x₀ = (0, 1); f* = 0.</summary>
public readonly struct PowellBadlyScaled : IMghProblem
{
    public int Dimension => 2;

    public double[] StartingPoint() => [0, 1];

    public double Value(ReadOnlySpan<double> x) => ValueAndGradient(x, new double[2]);

    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> g)
    {
        double e1 = Math.Exp(-x[0]), e2 = Math.Exp(-x[1]);
        double r1 = 1e4 * x[0] * x[1] - 1, r2 = e1 + e2 - 1.0001;
        g[0] = 2 * r1 * 1e4 * x[1] - 2 * r2 * e1;
        g[1] = 2 * r1 * 1e4 * x[0] - 2 * r2 * e2;
        return r1 * r1 + r2 * r2;
    }
}
