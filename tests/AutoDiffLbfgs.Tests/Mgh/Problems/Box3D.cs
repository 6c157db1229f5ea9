namespace AutoDiffLbfgs.Tests.Mgh.Problems;

/// <summary>MGH (12) Box three-dimensional, m = 10: rᵢ = e^(−tᵢx₁) − e^(−tᵢx₂) − x₃(e^(−tᵢ) − e^(−10tᵢ)), tᵢ = 0.1i; x₀ = (0, 10, 20); f* = 0.</summary>
public readonly struct Box3D : IMghProblem
{
    public int Dimension => 3;

    public double[] StartingPoint() => [0, 10, 20];

    public double Value(ReadOnlySpan<double> x) => ValueAndGradient(x, new double[3]);

    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> g)
    {
        double f = 0;
        g.Clear();
        for (int i = 1; i <= 10; i++)
        {
            double t = 0.1 * i;
            double e1 = Math.Exp(-t * x[0]), e2 = Math.Exp(-t * x[1]), c = Math.Exp(-t) - Math.Exp(-10 * t);
            double r = e1 - e2 - x[2] * c;
            f += r * r;
            g[0] += -2 * r * t * e1;
            g[1] += 2 * r * t * e2;
            g[2] += -2 * r * c;
        }
        return f;
    }
}
