namespace AutoDiffLbfgs.Tests.Gradients.Objectives;

/// <summary>
/// [Objective] overloads as users write them: a double/float twin, overloads that differ in their data, and methods
/// of one name in a nested type and in two parts of a partial type. Each overload gets its own generated members
/// (the gradient and HVP as overloads, structs named with the overload's parameter types).
/// </summary>
public static partial class OverloadObjectives
{
    /// <summary>The double twin: Σ cosh(x_i) + x_i x_{i+1}.</summary>
    [Objective]
    public static double Bowl(ReadOnlySpan<double> x)
    {
        double s = 0.0;
        for (int i = 0; i < x.Length; i++)
        {
            s += Math.Cosh(x[i]);
            if (i + 1 < x.Length) s += x[i] * x[i + 1];
        }

        return s;
    }

    /// <summary>The float twin of <see cref="Bowl(ReadOnlySpan{double})"/>, with MathF.</summary>
    [Objective]
    public static float Bowl(ReadOnlySpan<float> x)
    {
        float s = 0f;
        for (int i = 0; i < x.Length; i++)
        {
            s += MathF.Cosh(x[i]);
            if (i + 1 < x.Length) s += x[i] * x[i + 1];
        }

        return s;
    }

    /// <summary>Unweighted: Σ log(1 + x_i²).</summary>
    [Objective]
    public static double Spread(ReadOnlySpan<double> x)
    {
        double s = 0.0;
        foreach (double v in x) s += Math.Log(1.0 + v * v);
        return s;
    }

    /// <summary>Weighted by data: Σ w_i log(1 + x_i²) + Σ w_i x_i.</summary>
    [Objective]
    public static double Spread(ReadOnlySpan<double> x, double[] weights)
    {
        double s = 0.0;
        for (int i = 0; i < x.Length; i++) s += weights[i] * (Math.Log(1.0 + x[i] * x[i]) + x[i]);
        return s;
    }

    /// <summary>A method named like the outer type's objectives, in a nested type: not an overload of them.</summary>
    public static partial class Nested
    {
        [Objective]
        public static double Bowl(ReadOnlySpan<double> x) => x[0] * x[0] * x[1] + Math.Exp(x[1]);
    }
}

/// <summary>The other part of <see cref="OverloadObjectives"/>: an overload declared in a second partial declaration.</summary>
public static partial class OverloadObjectives
{
    /// <summary>An overload of <c>Spread</c> in another part of the type: scaled by a scalar datum.</summary>
    [Objective]
    public static double Spread(ReadOnlySpan<double> x, double scale)
    {
        double s = 0.0;
        foreach (double v in x) s += scale * Math.Atan(v) * v;
        return s;
    }
}
