namespace AutoDiffLbfgs.Tests.Mgh.Problems;

/// <summary>MGH (10) Meyer, m = 16: rᵢ = x₁·exp(x₂/(tᵢ + x₃)) − yᵢ, tᵢ = 45 + 5i; x₀ = (0.02, 4000, 250); f* = 87.9458.</summary>
public readonly struct Meyer : IMghProblem
{
    private static readonly double[] Y = [34780, 28610, 23650, 19630, 16370, 13720, 11540, 9744, 8261, 7030, 6005, 5147, 4427, 3820, 3307, 2872];

    public int Dimension => 3;

    public double[] StartingPoint() => [0.02, 4000, 250];

    public double Value(ReadOnlySpan<double> x) => ValueAndGradient(x, new double[3]);

    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> g)
    {
        double f = 0;
        g.Clear();
        for (int i = 1; i <= 16; i++)
        {
            double t = 45 + 5 * i, denominator = t + x[2];
            double e = Math.Exp(x[1] / denominator);
            double r = x[0] * e - Y[i - 1];
            f += r * r;
            g[0] += 2 * r * e;
            g[1] += 2 * r * x[0] * e / denominator;
            g[2] += -2 * r * x[0] * e * x[1] / (denominator * denominator);
        }
        return f;
    }
}
