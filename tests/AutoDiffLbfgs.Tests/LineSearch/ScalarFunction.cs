namespace AutoDiffLbfgs.Tests.LineSearch;

/// <summary>A one-variable objective φ given as value and derivative; searched from 0 along +1 it is φ itself.</summary>
internal readonly struct ScalarFunction(Func<double, double> value, Func<double, double> derivative) : IDifferentiableObjective<double>
{
    public double Value(ReadOnlySpan<double> x) => value(x[0]);

    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        gradient[0] = derivative(x[0]);
        return value(x[0]);
    }

    /// <summary>Moré–Thuente 1994, Table 1: φ(α) = −α/(α² + β), β = 2.</summary>
    public static ScalarFunction MoreThuente1 { get; } = new(a => -a / (a * a + 2), a => (a * a - 2) / ((a * a + 2) * (a * a + 2)));

    /// <summary>Moré–Thuente 1994, Table 2: φ(α) = (α + β)⁵ − 2(α + β)⁴, β = 0.004.</summary>
    public static ScalarFunction MoreThuente2 { get; } = new(
        a => Math.Pow(a + 0.004, 5) - 2 * Math.Pow(a + 0.004, 4),
        a => 5 * Math.Pow(a + 0.004, 4) - 8 * Math.Pow(a + 0.004, 3));

    /// <summary>Moré–Thuente 1994, Table 3: φ₀(α) + 2(1 − β)/(lπ)·sin(lπα/2), β = 0.01, l = 39 (many local minimisers).</summary>
    public static ScalarFunction MoreThuente3 { get; } = new(
        a => Phi0(a) + 2 * (1 - 0.01) / (39 * Math.PI) * Math.Sin(39 * Math.PI * a / 2),
        a => Phi0Derivative(a) + (1 - 0.01) * Math.Cos(39 * Math.PI * a / 2));

    /// <summary>φ(α) = (α − 1)², minimum at 1.</summary>
    public static ScalarFunction Parabola { get; } = new(a => (a - 1) * (a - 1), a => 2 * (a - 1));

    private static double Phi0(double a) => a <= 0.99 ? 1 - a : a >= 1.01 ? a - 1 : (a - 1) * (a - 1) / 0.02 + 0.005;

    private static double Phi0Derivative(double a) => a <= 0.99 ? -1 : a >= 1.01 ? 1 : (a - 1) / 0.01;
}
