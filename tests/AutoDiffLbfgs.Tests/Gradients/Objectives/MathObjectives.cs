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

    // Asinh, Acosh (argument > 1), Atanh (|argument| < 1), Hypot, Log with a base (variable argument and variable base);
    // x ∈ [−0.9, 0.9]⁴.
    [Objective]
    public static double InverseHyperbolicHypotAndLogBase(ReadOnlySpan<double> x)
    {
        double s = Math.Asinh(2.0 * x[0]) + Math.Acosh(1.5 + x[1] * x[1]) + Math.Atanh(x[2]);
        s += double.Hypot(x[0], x[1] + 2.0) * x[3] + Math.Log(x[3] + 2.0, 3.0) + Math.Log(2.5, x[0] + 2.0);
        return s;
    }

    // The generic-math spellings double.Sqrt, double.Exp, … of the Math functions, double.Clamp and double.Log(a, b);
    // x ∈ [0.5, 2]⁴.
    [Objective]
    public static double GenericMathSpellings(ReadOnlySpan<double> x)
    {
        double s = double.Sqrt(x[0]) + double.Exp(0.5 * x[1]) + double.Pow(x[2], 1.5) + double.Log(x[3]);
        s += double.Sin(x[0]) * double.Cos(x[1]) + double.Tanh(x[2]) + double.Cbrt(x[3]) + double.Atan2(x[0], x[1]);
        s += double.Abs(x[0] - 3.0) + double.Max(x[1], 1.0) * double.Min(x[2], 1.5) + double.Clamp(x[3], 0.75, 1.75);
        s += double.FusedMultiplyAdd(x[0], x[1], x[2]) + double.Log(x[0] + 1.0, x[3] + 1.0) + double.Asinh(x[1]);
        return s;
    }

    // The float spellings: float.Sqrt, float.Hypot, MathF.Atanh, float.Log(a, b); x ∈ [0.5, 2]³.
    [Objective]
    public static float SingleSpellings(ReadOnlySpan<float> x) =>
        float.Sqrt(x[0]) * float.Hypot(x[1], x[2]) + MathF.Atanh(0.25f * x[0]) + float.Log(x[1] + 1f, 3f) + float.Exp(-x[2]);

    // Guards around Log: double.IsFinite, double.IsNaN, double.IsInfinity in conditions (zero derivative), the way model
    // code protects a logarithm; x ∈ [−1, 1]³.
    [Objective]
    public static double FloatingPointGuards(ReadOnlySpan<double> x)
    {
        double s = 0.0;
        double t = Math.Log(1.0 + x[0] * x[0]);
        if (double.IsFinite(t) && !double.IsNaN(x[1])) s += t * x[1];
        if (double.IsInfinity(x[2]) || double.IsPositiveInfinity(s) || double.IsNegativeInfinity(s)) return 0.0;
        return s + (double.IsNaN(t) ? 0.0 : x[2] * x[2]);
    }

    // Increments used as indices, as ports of packed-triangle code write them (ADBench's GMM: icf[lp++]): postfix in a
    // declaration, prefix in an expression, a decrement; x ∈ [−1, 1]⁶ holds the lower triangle of a 3 × 3 matrix.
    [Objective]
    public static double PackedTriangle(ReadOnlySpan<double> x)
    {
        int lp = 0;
        double s = 0.0;
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double v = x[lp++];
                s += v * v * (i + 1) + Math.Sin(v);
            }
        }
        int k = x.Length;
        s += x[--k] * x[0];
        int m = 2;
        return s + x[m--] * Math.Cos(x[1]);
    }
}
