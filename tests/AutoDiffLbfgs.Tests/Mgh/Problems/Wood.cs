namespace AutoDiffLbfgs.Tests.Mgh.Problems;

/// <summary>MGH (14) Wood: r₁ = 10(x₂ − x₁²), r₂ = 1 − x₁, r₃ = √90(x₄ − x₃²), r₄ = 1 − x₃, r₅ = √10(x₂ + x₄ − 2), r₆ = (x₂ − x₄)/√10; x₀ = (−3, −1, −3, −1); f* = 0.</summary>
public readonly struct Wood : IMghProblem
{
    public int Dimension => 4;

    public double[] StartingPoint() => [-3, -1, -3, -1];

    public double Value(ReadOnlySpan<double> x) => ValueAndGradient(x, new double[4]);

    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> g)
    {
        double s90 = Math.Sqrt(90), s10 = Math.Sqrt(10);
        double r1 = 10 * (x[1] - x[0] * x[0]), r2 = 1 - x[0], r3 = s90 * (x[3] - x[2] * x[2]), r4 = 1 - x[2];
        double r5 = s10 * (x[1] + x[3] - 2), r6 = (x[1] - x[3]) / s10;
        g[0] = 2 * r1 * (-20 * x[0]) - 2 * r2;
        g[1] = 20 * r1 + 2 * r5 * s10 + 2 * r6 / s10;
        g[2] = 2 * r3 * (-2 * s90 * x[2]) - 2 * r4;
        g[3] = 2 * r3 * s90 + 2 * r5 * s10 - 2 * r6 / s10;
        return r1 * r1 + r2 * r2 + r3 * r3 + r4 * r4 + r5 * r5 + r6 * r6;
    }
}
