namespace AutoDiffLbfgs.Tests.Mgh.Problems;

/// <summary>MGH (6) Jennrich–Sampson, m = 10: rᵢ = 2 + 2i − (e^(i·x₁) + e^(i·x₂)); x₀ = (0.3, 0.4); f* = 124.362.</summary>
public readonly struct JennrichSampson : IMghProblem
{
    public int Dimension => 2;

    public double[] StartingPoint() => [0.3, 0.4];

    public double Value(ReadOnlySpan<double> x) => ValueAndGradient(x, new double[2]);

    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> g)
    {
        double f = 0;
        g.Clear();
        for (int i = 1; i <= 10; i++)
        {
            double e1 = Math.Exp(i * x[0]), e2 = Math.Exp(i * x[1]);
            double r = 2 + 2 * i - (e1 + e2);
            f += r * r;
            g[0] += -2 * r * i * e1;
            g[1] += -2 * r * i * e2;
        }
        return f;
    }
}
