namespace AutoDiffLbfgs.Tests.Mgh.Problems;

/// <summary>MGH (16) Brown and Dennis, m = 20: rᵢ = (x₁ + tᵢx₂ − e^tᵢ)² + (x₃ + x₄ sin tᵢ − cos tᵢ)², tᵢ = i/5; x₀ = (25, 5, −5, −1); f* = 85822.2.</summary>
public readonly struct BrownDennis : IMghProblem
{
    public int Dimension => 4;

    public double[] StartingPoint() => [25, 5, -5, -1];

    public double Value(ReadOnlySpan<double> x) => ValueAndGradient(x, new double[4]);

    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> g)
    {
        double f = 0;
        g.Clear();
        for (int i = 1; i <= 20; i++)
        {
            double t = i / 5.0, sin = Math.Sin(t);
            double a = x[0] + t * x[1] - Math.Exp(t), b = x[2] + x[3] * sin - Math.Cos(t);
            double r = a * a + b * b;
            f += r * r;
            g[0] += 4 * r * a;
            g[1] += 4 * r * a * t;
            g[2] += 4 * r * b;
            g[3] += 4 * r * b * sin;
        }
        return f;
    }
}
