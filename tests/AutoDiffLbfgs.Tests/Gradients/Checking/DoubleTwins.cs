namespace AutoDiffLbfgs.Tests.Gradients.Checking;

/// <summary>
/// Hand-written double-precision twins of the float objectives, operation for operation (every float constant
/// they use is exact in binary, so the twins compute the same mathematical function). Finite differences are
/// taken of these: a float function's differences would lose most of their digits to rounding.
/// </summary>
public static class DoubleTwins
{
    /// <summary>Twin of <c>SignatureObjectives.FloatMathF</c>.</summary>
    public static double FloatMathF(double[] x)
    {
        double s = 0.0;
        for (int i = 0; i < x.Length; i++)
        {
            double v = x[i];
            s += Math.Sqrt(1.0 + v * v) + 0.5 * Math.Sin(v) * Math.Exp(-0.25 * v) + Math.Log(2.0 + Math.Cos(v));
        }

        s += Math.Tanh(x[0] * x[1]) + Math.Pow(1.5 + x[1] * x[1], 1.5) + Math.Abs(x[2] - 0.5);
        s += Math.Max(x[0], x[1]) * Math.Min(x[1], x[2]) + Math.FusedMultiplyAdd(x[0], x[2], 1.0);
        return s;
    }

    /// <summary>Twin of <c>SignatureObjectives.FloatRosenbrock</c>.</summary>
    public static double FloatRosenbrock(double[] x)
    {
        double s = 0.0;
        for (int i = 0; i + 1 < x.Length; i++)
        {
            double a = 1.0 - x[i], b = x[i + 1] - x[i] * x[i];
            s += a * a + 100.0 * b * b;
        }

        return s;
    }

    /// <summary>
    /// Twin of <c>SignatureObjectives.FloatWithDoubleMath</c>. The float original rounds intermediate results to float,
    /// which moves the function by ~1e-7 relative: far below the float tolerance.
    /// </summary>
    public static double FloatWithDoubleMath(double[] x) =>
        Math.Exp(0.5 * x[0]) + Math.Atan(x[1] * x[2]) + x[0] * x[1] * x[2] + Math.Sqrt(1.0 + x[3] * x[3]);
}
