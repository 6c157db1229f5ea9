namespace AutoDiffLbfgs.Tests.Mgh.Problems;

/// <summary>MGH (20) Watson, m = 31: rᵢ = Σⱼ₌₂ⁿ (j − 1)xⱼtᵢ^(j−2) − (Σⱼ₌₁ⁿ xⱼtᵢ^(j−1))² − 1, tᵢ = i/29 (i ≤ 29), r₃₀ = x₁, r₃₁ = x₂ − x₁² − 1; x₀ = 0; f*(6) = 2.28767e-3, f*(9) = 1.39976e-6.</summary>
public readonly struct Watson(int n) : IMghProblem
{
    public int Dimension => n;

    public double[] StartingPoint() => new double[n];

    public double Value(ReadOnlySpan<double> x) => ValueAndGradient(x, new double[x.Length]);

    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> g)
    {
        double f = 0;
        g.Clear();
        for (int i = 1; i <= 29; i++)
        {
            double t = i / 29.0;
            double sum1 = 0, sum2 = 0, power = 1;
            for (int j = 1; j <= n; j++)
            {
                sum2 += x[j - 1] * power;
                if (j >= 2) sum1 += (j - 1) * x[j - 1] * power / t;
                power *= t;
            }
            double r = sum1 - sum2 * sum2 - 1;
            f += r * r;
            power = 1;
            for (int j = 1; j <= n; j++)
            {
                double dr = (j >= 2 ? (j - 1) * power / t : 0) - 2 * sum2 * power;
                g[j - 1] += 2 * r * dr;
                power *= t;
            }
        }
        double r30 = x[0], r31 = x[1] - x[0] * x[0] - 1;
        f += r30 * r30 + r31 * r31;
        g[0] += 2 * r30 - 4 * r31 * x[0];
        g[1] += 2 * r31;
        return f;
    }
}
