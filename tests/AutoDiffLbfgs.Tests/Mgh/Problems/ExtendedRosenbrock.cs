namespace AutoDiffLbfgs.Tests.Mgh.Problems;

/// <summary>MGH (1) Rosenbrock for n = 2 and (21) extended Rosenbrock: r₂ᵢ₋₁ = 10(x₂ᵢ − x₂ᵢ₋₁²), r₂ᵢ = 1 − x₂ᵢ₋₁; x₀ = (−1.2, 1, …); f* = 0.</summary>
public readonly struct ExtendedRosenbrock(int n) : IMghProblem
{
    public int Dimension => n;

    public double[] StartingPoint() => Enumerable.Range(0, n).Select(i => i % 2 == 0 ? -1.2 : 1.0).ToArray();

    public double Value(ReadOnlySpan<double> x) => ValueAndGradient(x, new double[x.Length]);

    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> g)
    {
        double f = 0;
        for (int i = 0; i + 1 < x.Length; i += 2)
        {
            double r1 = 10 * (x[i + 1] - x[i] * x[i]), r2 = 1 - x[i];
            f += r1 * r1 + r2 * r2;
            g[i] = -40 * x[i] * r1 - 2 * r2;
            g[i + 1] = 20 * r1;
        }
        return f;
    }
}
