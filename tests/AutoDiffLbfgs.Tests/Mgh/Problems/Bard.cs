namespace AutoDiffLbfgs.Tests.Mgh.Problems;

/// <summary>MGH (8) Bard, m = 15: rᵢ = yᵢ − (x₁ + uᵢ/(vᵢx₂ + wᵢx₃)), uᵢ = i, vᵢ = 16 − i, wᵢ = min(uᵢ, vᵢ); x₀ = (1, 1, 1); f* = 8.21487e-3.</summary>
public readonly struct Bard : IMghProblem
{
    private static readonly double[] Y = [0.14, 0.18, 0.22, 0.25, 0.29, 0.32, 0.35, 0.39, 0.37, 0.58, 0.73, 0.96, 1.34, 2.10, 4.39];

    public int Dimension => 3;

    public double[] StartingPoint() => [1, 1, 1];

    public double Value(ReadOnlySpan<double> x) => ValueAndGradient(x, new double[3]);

    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> g)
    {
        double f = 0;
        g.Clear();
        for (int i = 1; i <= 15; i++)
        {
            double u = i, v = 16 - i, w = Math.Min(u, v);
            double denominator = v * x[1] + w * x[2];
            double r = Y[i - 1] - (x[0] + u / denominator);
            f += r * r;
            double k = 2 * r * u / (denominator * denominator);
            g[0] += -2 * r;
            g[1] += k * v;
            g[2] += k * w;
        }
        return f;
    }
}
