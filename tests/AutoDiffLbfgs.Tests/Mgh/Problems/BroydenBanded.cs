namespace AutoDiffLbfgs.Tests.Mgh.Problems;

/// <summary>MGH (31) Broyden banded, m = n: rᵢ = xᵢ(2 + 5xᵢ²) + 1 − Σ_{j∈Jᵢ} xⱼ(1 + xⱼ), Jᵢ = {j ≠ i : max(1, i − 5) ≤ j ≤ min(n, i + 1)}; x₀ = −1; f* = 0.</summary>
public readonly struct BroydenBanded(int n) : IMghProblem
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
            int low = Math.Max(0, i - 5), high = Math.Min(n - 1, i + 1);
            double r = x[i] * (2 + 5 * x[i] * x[i]) + 1;
            for (int j = low; j <= high; j++) if (j != i) r -= x[j] * (1 + x[j]);
            f += r * r;
            g[i] += 2 * r * (2 + 15 * x[i] * x[i]);
            for (int j = low; j <= high; j++) if (j != i) g[j] += -2 * r * (1 + 2 * x[j]);
        }
        return f;
    }
}
