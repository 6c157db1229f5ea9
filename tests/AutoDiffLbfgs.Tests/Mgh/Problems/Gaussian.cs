namespace AutoDiffLbfgs.Tests.Mgh.Problems;

/// <summary>MGH (9) Gaussian, m = 15: rᵢ = x₁·exp(−x₂(tᵢ − x₃)²/2) − yᵢ, tᵢ = (8 − i)/2; x₀ = (0.4, 1, 0); f* = 1.12793e-8.</summary>
public readonly struct Gaussian : IMghProblem
{
    private static readonly double[] Y = [0.0009, 0.0044, 0.0175, 0.0540, 0.1295, 0.2420, 0.3521, 0.3989, 0.3521, 0.2420, 0.1295, 0.0540, 0.0175, 0.0044, 0.0009];

    public int Dimension => 3;

    public double[] StartingPoint() => [0.4, 1, 0];

    public double Value(ReadOnlySpan<double> x) => ValueAndGradient(x, new double[3]);

    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> g)
    {
        double f = 0;
        g.Clear();
        for (int i = 1; i <= 15; i++)
        {
            double t = (8 - i) / 2.0, d = t - x[2];
            double e = Math.Exp(-x[1] * d * d / 2);
            double r = x[0] * e - Y[i - 1];
            f += r * r;
            g[0] += 2 * r * e;
            g[1] += 2 * r * x[0] * e * (-d * d / 2);
            g[2] += 2 * r * x[0] * e * x[1] * d;
        }
        return f;
    }
}
