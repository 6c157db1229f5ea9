namespace AutoDiffLbfgs.Tests.Mgh.Problems;

/// <summary>MGH (13) Powell singular for n = 4 and (22) extended Powell singular: per block of four, r₁ = x₁ + 10x₂, r₂ = √5(x₃ − x₄), r₃ = (x₂ − 2x₃)², r₄ = √10(x₁ − x₄)²; x₀ = (3, −1, 0, 1, …); f* = 0.</summary>
public readonly struct ExtendedPowellSingular(int n) : IMghProblem
{
    public int Dimension => n;

    public double[] StartingPoint() => Enumerable.Range(0, n).Select(i => (i % 4) switch { 0 => 3.0, 1 => -1.0, 2 => 0.0, _ => 1.0 }).ToArray();

    public double Value(ReadOnlySpan<double> x) => ValueAndGradient(x, new double[x.Length]);

    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> g)
    {
        double f = 0, sqrt5 = Math.Sqrt(5), sqrt10 = Math.Sqrt(10);
        for (int i = 0; i + 3 < x.Length; i += 4)
        {
            double a = x[i], b = x[i + 1], c = x[i + 2], d = x[i + 3];
            double r1 = a + 10 * b, r2 = sqrt5 * (c - d), u = b - 2 * c, r3 = u * u, v = a - d, r4 = sqrt10 * v * v;
            f += r1 * r1 + r2 * r2 + r3 * r3 + r4 * r4;
            g[i] = 2 * r1 + 2 * r4 * 2 * sqrt10 * v;
            g[i + 1] = 20 * r1 + 2 * r3 * 2 * u;
            g[i + 2] = 2 * r2 * sqrt5 - 2 * r3 * 4 * u;
            g[i + 3] = -2 * r2 * sqrt5 - 2 * r4 * 2 * sqrt10 * v;
        }
        return f;
    }
}
