namespace AutoDiffLbfgs.Tests.Mgh.Problems;

/// <summary>MGH (30) Broyden tridiagonal, m = n: rᵢ = (3 − 2xᵢ)xᵢ − xᵢ₋₁ − 2xᵢ₊₁ + 1, x₀ = xₙ₊₁ = 0; x₀ = −1; f* = 0.</summary>
public readonly struct BroydenTridiagonal(int n) : IMghProblem
{
    public int Dimension => n;

    public double[] StartingPoint() => Enumerable.Repeat(-1.0, n).ToArray();

    public double Value(ReadOnlySpan<double> x) => ValueAndGradient(x, new double[x.Length]);

    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> g)
    {
        g.Clear();
        double f = 0;
        for (int i = 0; i < n; i++)
        {
            double previous = i > 0 ? x[i - 1] : 0, next = i + 1 < n ? x[i + 1] : 0;
            double r = (3 - 2 * x[i]) * x[i] - previous - 2 * next + 1;
            f += r * r;
            g[i] += 2 * r * (3 - 4 * x[i]);
            if (i > 0) g[i - 1] += -2 * r;
            if (i + 1 < n) g[i + 1] += -4 * r;
        }
        return f;
    }
}
