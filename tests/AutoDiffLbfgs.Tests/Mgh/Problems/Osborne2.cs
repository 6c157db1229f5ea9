namespace AutoDiffLbfgs.Tests.Mgh.Problems;

/// <summary>MGH (19) Osborne 2, m = 65: rᵢ = yᵢ − (x₁e^(−tᵢx₅) + x₂e^(−(tᵢ−x₉)²x₆) + x₃e^(−(tᵢ−x₁₀)²x₇) + x₄e^(−(tᵢ−x₁₁)²x₈)), tᵢ = (i − 1)/10; f* = 4.01377e-2.</summary>
public readonly struct Osborne2 : IMghProblem
{
    private static readonly double[] Y =
    [
        1.366, 1.191, 1.112, 1.013, 0.991, 0.885, 0.831, 0.847, 0.786, 0.725, 0.746, 0.679, 0.608, 0.655, 0.616, 0.606, 0.602,
        0.626, 0.651, 0.724, 0.649, 0.649, 0.694, 0.644, 0.624, 0.661, 0.612, 0.558, 0.533, 0.495, 0.500, 0.423, 0.395, 0.375,
        0.372, 0.391, 0.396, 0.405, 0.428, 0.429, 0.523, 0.562, 0.607, 0.653, 0.672, 0.708, 0.633, 0.668, 0.645, 0.632, 0.591,
        0.559, 0.597, 0.625, 0.739, 0.710, 0.729, 0.720, 0.636, 0.581, 0.428, 0.292, 0.162, 0.098, 0.054,
    ];

    public int Dimension => 11;

    public double[] StartingPoint() => [1.3, 0.65, 0.65, 0.7, 0.6, 3, 5, 7, 2, 4.5, 5.5];

    public double Value(ReadOnlySpan<double> x) => ValueAndGradient(x, new double[11]);

    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> g)
    {
        double f = 0;
        g.Clear();
        for (int i = 0; i < 65; i++)
        {
            double t = i / 10.0;
            double e1 = Math.Exp(-t * x[4]);
            double d2 = t - x[8], d3 = t - x[9], d4 = t - x[10];
            double e2 = Math.Exp(-d2 * d2 * x[5]), e3 = Math.Exp(-d3 * d3 * x[6]), e4 = Math.Exp(-d4 * d4 * x[7]);
            double r = Y[i] - (x[0] * e1 + x[1] * e2 + x[2] * e3 + x[3] * e4);
            f += r * r;
            double k = -2 * r;
            g[0] += k * e1;
            g[1] += k * e2;
            g[2] += k * e3;
            g[3] += k * e4;
            g[4] += k * x[0] * e1 * -t;
            g[5] += k * x[1] * e2 * -d2 * d2;
            g[6] += k * x[2] * e3 * -d3 * d3;
            g[7] += k * x[3] * e4 * -d4 * d4;
            g[8] += k * x[1] * e2 * 2 * d2 * x[5];
            g[9] += k * x[2] * e3 * 2 * d3 * x[6];
            g[10] += k * x[3] * e4 * 2 * d4 * x[7];
        }
        return f;
    }
}
