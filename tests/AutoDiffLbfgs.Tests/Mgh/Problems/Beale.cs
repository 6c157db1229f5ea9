namespace AutoDiffLbfgs.Tests.Mgh.Problems;

/// <summary>MGH (5) Beale: rᵢ = yᵢ − x₁(1 − x₂ⁱ), y = (1.5, 2.25, 2.625); x₀ = (1, 1); f* = 0.</summary>
public readonly struct Beale : IMghProblem
{
    private static readonly double[] Y = [1.5, 2.25, 2.625];

    public int Dimension => 2;

    public double[] StartingPoint() => [1, 1];

    public double Value(ReadOnlySpan<double> x) => ValueAndGradient(x, new double[2]);

    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> g)
    {
        double f = 0;
        g.Clear();
        for (int i = 1; i <= 3; i++)
        {
            double p = Math.Pow(x[1], i);
            double r = Y[i - 1] - x[0] * (1 - p);
            f += r * r;
            g[0] += -2 * r * (1 - p);
            g[1] += 2 * r * x[0] * i * Math.Pow(x[1], i - 1);
        }
        return f;
    }
}
