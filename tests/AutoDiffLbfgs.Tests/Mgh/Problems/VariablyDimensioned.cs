namespace AutoDiffLbfgs.Tests.Mgh.Problems;

/// <summary>MGH (25) variably dimensioned, m = n + 2: rᵢ = xᵢ − 1, rₙ₊₁ = Σ j(xⱼ − 1), rₙ₊₂ = rₙ₊₁²; x₀ⱼ = 1 − j/n; f* = 0.</summary>
public readonly struct VariablyDimensioned(int n) : IMghProblem
{
    public int Dimension => n;

    public double[] StartingPoint()
    {
        double[] x = new double[n];
        for (int j = 1; j <= n; j++) x[j - 1] = 1 - (double)j / n;
        return x;
    }

    public double Value(ReadOnlySpan<double> x) => ValueAndGradient(x, new double[x.Length]);

    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> g)
    {
        double f = 0, s = 0;
        for (int j = 1; j <= n; j++)
        {
            f += (x[j - 1] - 1) * (x[j - 1] - 1);
            s += j * (x[j - 1] - 1);
        }
        f += s * s + s * s * s * s;
        for (int j = 1; j <= n; j++) g[j - 1] = 2 * (x[j - 1] - 1) + (2 * s + 4 * s * s * s) * j;
        return f;
    }
}
