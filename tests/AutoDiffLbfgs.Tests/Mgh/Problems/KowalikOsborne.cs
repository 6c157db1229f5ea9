namespace AutoDiffLbfgs.Tests.Mgh.Problems;

/// <summary>MGH (15) Kowalik–Osborne, m = 11: rᵢ = yᵢ − x₁(uᵢ² + uᵢx₂)/(uᵢ² + uᵢx₃ + x₄); x₀ = (0.25, 0.39, 0.415, 0.39); f* = 3.07505e-4.</summary>
public readonly struct KowalikOsborne : IMghProblem
{
    private static readonly double[] Y = [0.1957, 0.1947, 0.1735, 0.1600, 0.0844, 0.0627, 0.0456, 0.0342, 0.0323, 0.0235, 0.0246];
    private static readonly double[] U = [4, 2, 1, 0.5, 0.25, 0.167, 0.125, 0.1, 0.0833, 0.0714, 0.0625];

    public int Dimension => 4;

    public double[] StartingPoint() => [0.25, 0.39, 0.415, 0.39];

    public double Value(ReadOnlySpan<double> x) => ValueAndGradient(x, new double[4]);

    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> g)
    {
        double f = 0;
        g.Clear();
        for (int i = 0; i < 11; i++)
        {
            double u = U[i], numerator = u * u + u * x[1], denominator = u * u + u * x[2] + x[3];
            double r = Y[i] - x[0] * numerator / denominator;
            f += r * r;
            double k = -2 * r;
            g[0] += k * numerator / denominator;
            g[1] += k * x[0] * u / denominator;
            double dDenominator = -x[0] * numerator / (denominator * denominator);
            g[2] += k * dDenominator * u;
            g[3] += k * dDenominator;
        }
        return f;
    }
}
