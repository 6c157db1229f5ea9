namespace AutoDiffLbfgs.Tests.Mgh.Problems;

/// <summary>MGH (28) discrete boundary value, m = n: rᵢ = 2xᵢ − xᵢ₋₁ − xᵢ₊₁ + h²(xᵢ + tᵢ + 1)³/2, h = 1/(n + 1), tᵢ = ih, x₀ = xₙ₊₁ = 0; x₀ⱼ = tⱼ(tⱼ − 1); f* = 0.</summary>
public readonly struct DiscreteBoundaryValue(int n) : IMghProblem
{
    public int Dimension => n;

    public double[] StartingPoint()
    {
        double h = 1.0 / (n + 1);
        return Enumerable.Range(1, n).Select(j => j * h * (j * h - 1)).ToArray();
    }

    public double Value(ReadOnlySpan<double> x) => ValueAndGradient(x, new double[x.Length]);

    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> g)
    {
        g.Clear();
        double h = 1.0 / (n + 1), f = 0;
        for (int i = 0; i < n; i++)
        {
            double t = (i + 1) * h, previous = i > 0 ? x[i - 1] : 0, next = i + 1 < n ? x[i + 1] : 0, u = x[i] + t + 1;
            double r = 2 * x[i] - previous - next + h * h * u * u * u / 2;
            f += r * r;
            g[i] += 2 * r * (2 + 1.5 * h * h * u * u);
            if (i > 0) g[i - 1] += -2 * r;
            if (i + 1 < n) g[i + 1] += -2 * r;
        }
        return f;
    }
}
