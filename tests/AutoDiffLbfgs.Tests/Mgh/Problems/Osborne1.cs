namespace AutoDiffLbfgs.Tests.Mgh.Problems;

/// <summary>MGH (17) Osborne 1, m = 33: rᵢ = yᵢ − (x₁ + x₂e^(−tᵢx₄) + x₃e^(−tᵢx₅)), tᵢ = 10(i − 1); x₀ = (0.5, 1.5, −1, 0.01, 0.02); f* = 5.46489e-5.</summary>
public readonly struct Osborne1 : IMghProblem
{
    private static readonly double[] Y =
    [
        0.844, 0.908, 0.932, 0.936, 0.925, 0.908, 0.881, 0.850, 0.818, 0.784, 0.751, 0.718, 0.685, 0.658, 0.628, 0.603, 0.580,
        0.558, 0.538, 0.522, 0.506, 0.490, 0.478, 0.467, 0.457, 0.448, 0.438, 0.431, 0.424, 0.420, 0.414, 0.411, 0.406,
    ];

    public int Dimension => 5;

    public double[] StartingPoint() => [0.5, 1.5, -1, 0.01, 0.02];

    public double Value(ReadOnlySpan<double> x) => ValueAndGradient(x, new double[5]);

    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> g)
    {
        double f = 0;
        g.Clear();
        for (int i = 0; i < 33; i++)
        {
            double t = 10.0 * i, e4 = Math.Exp(-t * x[3]), e5 = Math.Exp(-t * x[4]);
            double r = Y[i] - (x[0] + x[1] * e4 + x[2] * e5);
            f += r * r;
            double k = -2 * r;
            g[0] += k;
            g[1] += k * e4;
            g[2] += k * e5;
            g[3] += k * x[1] * e4 * -t;
            g[4] += k * x[2] * e5 * -t;
        }
        return f;
    }
}
