namespace AutoDiffLbfgs.Tests.Mgh.Problems;

/// <summary>MGH (29) discrete integral equation, m = n: rᵢ = xᵢ + h[(1 − tᵢ)Σⱼ≤ᵢ tⱼ(xⱼ + tⱼ + 1)³ + tᵢΣⱼ&gt;ᵢ (1 − tⱼ)(xⱼ + tⱼ + 1)³]/2; x₀ as (28); f* = 0.</summary>
public readonly struct DiscreteIntegralEquation(int n) : IMghProblem
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
        for (int i = 1; i <= n; i++)
        {
            double ti = i * h, lower = 0, upper = 0;
            for (int j = 1; j <= n; j++)
            {
                double tj = j * h, u = x[j - 1] + tj + 1, cube = u * u * u;
                if (j <= i) lower += tj * cube;
                else upper += (1 - tj) * cube;
            }
            double r = x[i - 1] + h * ((1 - ti) * lower + ti * upper) / 2;
            f += r * r;
            g[i - 1] += 2 * r;
            for (int j = 1; j <= n; j++)
            {
                double tj = j * h, u = x[j - 1] + tj + 1, weight = j <= i ? (1 - ti) * tj : ti * (1 - tj);
                g[j - 1] += 2 * r * h * weight * 3 * u * u / 2;
            }
        }
        return f;
    }
}
