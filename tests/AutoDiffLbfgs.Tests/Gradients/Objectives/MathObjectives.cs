namespace AutoDiffLbfgs.Tests.Gradients.Objectives;

/// <summary>
/// Every supported <see cref="Math"/> function, each applied to an expression of the variables. The domains in
/// <c>GradientCases</c> keep every argument inside the function's domain and away from its kinks.
/// </summary>
public static partial class MathObjectives
{
    // Sqrt, Cbrt (also of a negative argument), Exp, Log, Log2, Log10; x ∈ [0.5, 2]⁶.
    [Objective]
    public static double RootsAndLogarithms(ReadOnlySpan<double> x) =>
        Math.Sqrt(x[0]) + Math.Cbrt(x[1]) + Math.Exp(0.5 * x[2]) + Math.Log(x[3]) + Math.Log2(x[4] * x[0])
        + Math.Log10(x[5]) + Math.Cbrt(x[0] - 3.0) * Math.Sqrt(x[5] + x[1]);

    // Pow with a constant exponent, a constant base, both variable, an integer exponent and a negative exponent.
    [Objective]
    public static double Powers(ReadOnlySpan<double> x) =>
        Math.Pow(x[0], 2.5) + Math.Pow(2.0, x[1]) + Math.Pow(x[2], x[3]) + Math.Pow(x[0], 3) + Math.Pow(x[1], -1.5);

    // Sin, Cos, Tan, Asin, Acos, Atan, Atan2 (with a negative x argument too); x ∈ [−1, 1]⁶.
    [Objective]
    public static double Trigonometry(ReadOnlySpan<double> x)
    {
        double s = Math.Sin(x[0]) * Math.Cos(x[1]) + Math.Tan(x[2]);
        s += Math.Asin(0.9 * x[3]) + Math.Acos(0.8 * x[4]) + Math.Atan(3.0 * x[5]);
        s += Math.Atan2(x[0], x[1] + 2.0) + Math.Atan2(x[2] + 2.0, x[3] - 2.0);
        return s;
    }

    // Sinh, Cosh, Tanh.
    [Objective]
    public static double Hyperbolic(ReadOnlySpan<double> x) =>
        Math.Sinh(x[0]) * Math.Cosh(x[1]) + Math.Tanh(x[2] * x[0]) + Math.Cosh(x[2]);

    // Abs, Max, Min (of variables, of a variable and a constant), FusedMultiplyAdd.
    [Objective]
    public static double AbsMaxMinFma(ReadOnlySpan<double> x)
    {
        double s = Math.Abs(x[0]) * x[1] + Math.Abs(x[1] - x[2]);
        s += Math.Max(x[1], x[2]) * Math.Min(x[2] * x[3], x[1]);
        s += Math.Max(x[3], 0.25) + Math.Min(-0.25, x[0]);
        s += Math.FusedMultiplyAdd(x[0], x[1], x[2] * x[3]);
        return s;
    }

    // Floor, Ceiling, Round, Truncate, Sign: zero derivative, but their values scale smooth terms.
    [Objective]
    public static double ZeroDerivativeFunctions(ReadOnlySpan<double> x)
    {
        double s = x[0] * x[0] * Math.Floor(x[1]) + Math.Ceiling(x[2]) * x[3];
        s += Math.Round(x[3]) * Math.Sin(x[0]) + Math.Truncate(x[4]) * x[4];
        s += Math.Sign(x[0]) * x[2] + Math.Floor(x[0] * x[1]);
        return s;
    }
}
