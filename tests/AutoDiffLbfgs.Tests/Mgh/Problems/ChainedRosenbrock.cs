namespace AutoDiffLbfgs.Tests.Mgh.Problems;

/// <summary>Chained (generalised) Rosenbrock, the chained variant of MGH (21): f = Σᵢ 100(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)²; x₀ = (−1.2, 1, …); f* = 0.</summary>
public readonly struct ChainedRosenbrock(int n) : IMghProblem
{
    public int Dimension => n;

    public double[] StartingPoint() => Enumerable.Range(0, n).Select(i => i % 2 == 0 ? -1.2 : 1.0).ToArray();

    public double Value(ReadOnlySpan<double> x) => ValueAndGradient(x, new double[x.Length]);

    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> g)
    {
        g.Clear();
        double f = 0;
        for (int i = 0; i + 1 < x.Length; i++)
        {
            double a = 1 - x[i], b = x[i + 1] - x[i] * x[i];
            f += a * a + 100 * b * b;
            g[i] += -2 * a - 400 * x[i] * b;
            g[i + 1] += 200 * b;
        }
        return f;
    }
}
