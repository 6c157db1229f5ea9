namespace AutoDiffLbfgs.Tests.Mgh.Problems;

/// <summary>MGH (7) helical valley: r₁ = 10(x₃ − 10θ), r₂ = 10(√(x₁² + x₂²) − 1), r₃ = x₃, θ = arctan(x₂/x₁)/2π (+ ½ when x₁ &lt; 0); x₀ = (−1, 0, 0); f* = 0.</summary>
public readonly struct HelicalValley : IMghProblem
{
    public int Dimension => 3;

    public double[] StartingPoint() => [-1, 0, 0];

    public double Value(ReadOnlySpan<double> x) => ValueAndGradient(x, new double[3]);

    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> g)
    {
        double a = x[0], b = x[1], c = x[2];
        double theta = Math.Atan(b / a) / (2 * Math.PI) + (a < 0 ? 0.5 : 0);
        double q = a * a + b * b, radius = Math.Sqrt(q);
        double r1 = 10 * (c - 10 * theta), r2 = 10 * (radius - 1), r3 = c;
        double dThetaDa = -b / (2 * Math.PI * q), dThetaDb = a / (2 * Math.PI * q);
        g[0] = 2 * r1 * -100 * dThetaDa + 2 * r2 * 10 * a / radius;
        g[1] = 2 * r1 * -100 * dThetaDb + 2 * r2 * 10 * b / radius;
        g[2] = 2 * r1 * 10 + 2 * r3;
        return r1 * r1 + r2 * r2 + r3 * r3;
    }
}
