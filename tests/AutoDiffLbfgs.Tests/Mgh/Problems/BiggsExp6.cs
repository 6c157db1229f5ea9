namespace AutoDiffLbfgs.Tests.Mgh.Problems;

/// <summary>MGH (18) Biggs EXP6, m = 13: rᵢ = x₃e^(−tᵢx₁) − x₄e^(−tᵢx₂) + x₆e^(−tᵢx₅) − yᵢ, tᵢ = 0.1i, yᵢ = e^(−tᵢ) − 5e^(−10tᵢ) + 3e^(−4tᵢ); x₀ = (1, 2, 1, 1, 1, 1); f* = 0 (also a local 5.65565e-3).</summary>
public readonly struct BiggsExp6 : IMghProblem
{
    public int Dimension => 6;

    public double[] StartingPoint() => [1, 2, 1, 1, 1, 1];

    public double Value(ReadOnlySpan<double> x) => ValueAndGradient(x, new double[6]);

    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> g)
    {
        double f = 0;
        g.Clear();
        for (int i = 1; i <= 13; i++)
        {
            double t = 0.1 * i;
            double y = Math.Exp(-t) - 5 * Math.Exp(-10 * t) + 3 * Math.Exp(-4 * t);
            double e1 = Math.Exp(-t * x[0]), e2 = Math.Exp(-t * x[1]), e5 = Math.Exp(-t * x[4]);
            double r = x[2] * e1 - x[3] * e2 + x[5] * e5 - y;
            f += r * r;
            double k = 2 * r;
            g[0] += k * x[2] * e1 * -t;
            g[1] += k * -x[3] * e2 * -t;
            g[2] += k * e1;
            g[3] += k * -e2;
            g[4] += k * x[5] * e5 * -t;
            g[5] += k * e5;
        }
        return f;
    }
}
