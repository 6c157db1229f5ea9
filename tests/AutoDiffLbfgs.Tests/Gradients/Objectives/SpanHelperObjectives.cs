namespace AutoDiffLbfgs.Tests.Gradients.Objectives;

/// <summary>
/// Objectives calling helpers over the variables that the generator transforms once per objective: each helper gets a
/// generated gradient and Hessian-vector product (the signatures of an objective's own) that every call site calls.
/// The comment above each objective names what it exercises. Helpers are internal so the tests can replay them.
/// </summary>
internal static partial class SpanHelperObjectives
{
    /// <summary>The threshold of the while condition of <see cref="SpreadSites"/>.</summary>
    public const double Threshold = 2.5;

    /// <summary>
    /// A smooth spread of u around u[k], Σ log(1 + (uᵢ − u_k − 0.3)²) over i = 0…k + 2: a loop, an integer parameter,
    /// and an early return that leaves the loop once the window is summed.
    /// </summary>
    internal static double Spread(ReadOnlySpan<double> u, int k)
    {
        double s = 0.0;
        for (int i = 0; i < u.Length; i++)
        {
            double d = u[i] - u[k] - 0.3;
            s += Math.Log(1.0 + d * d);
            if (i == k + 2) return s;
        }

        return s;
    }

    // Spread called from three sites: directly, in a loop (an integer argument), and in a while condition that depends
    // on the variables (ADL0111 while helpers with statements over spans were inlined).
    [Objective]
    internal static double SpreadSites(ReadOnlySpan<double> x)
    {
        double e = 0.5 * Spread(x, 0);
        for (int k = 1; k < x.Length; k++) e += Spread(x, k) / k;
        double y = x[1];
        int steps = 0;
        while (Spread(x, 1) + y * y > Threshold && steps < 4)
        {
            y = 0.5 * y;
            steps++;
        }

        return e + y * x[2];
    }

    /// <summary>A weighted log-sum-exp of t·wᵢ·uᵢ: a data array and a scalar data parameter.</summary>
    internal static double WeightedLogSumExp(ReadOnlySpan<double> u, double[] w, double t)
    {
        double s = 0.0;
        for (int i = 0; i < u.Length; i++) s += Math.Exp(t * w[i] * u[i]);
        double l = Math.Log(s);
        return l / t;
    }

    // WeightedLogSumExp called with the objective's data, a scalar built from data, and a literal.
    [Objective]
    internal static double DataWeighted(ReadOnlySpan<double> x, double[] w, double t)
    {
        double a = WeightedLogSumExp(x, w, t);
        double b = WeightedLogSumExp(x, w, 2.0 * t + w.Length);
        return a * b + WeightedLogSumExp(x, w, 0.5);
    }

    /// <summary>A smooth bump with a branch: a helper over scalars, transformed once.</summary>
    internal static double Bump(double z)
    {
        double q = z * z;
        if (q > 4.0) return 0.0;
        double r = 4.0 - q;
        return r * r * r / 64.0;
    }

    /// <summary>The bumps of the successive differences of u: a span helper calling a scalar helper transformed once.</summary>
    internal static double Bumps(ReadOnlySpan<double> u)
    {
        double s = 0.0;
        for (int i = 1; i < u.Length; i++) s += Bump(u[i] - u[i - 1]) * u[i];
        return s;
    }

    // A span helper that calls a scalar helper transformed once, and that scalar helper called directly too.
    [Objective]
    internal static double NestedBumps(ReadOnlySpan<double> x)
    {
        double s = Bumps(x);
        return s * s + Bump(x[0]) + Bumps(x);
    }

    /// <summary>
    /// Passes of a smoothing recurrence over a stack array, updated in place: an overwritten local array (undo log)
    /// inside a span helper.
    /// </summary>
    internal static double Relax(ReadOnlySpan<double> u, int passes)
    {
        Span<double> h = stackalloc double[u.Length];
        for (int i = 0; i < h.Length; i++) h[i] = u[i];
        for (int p = 0; p < passes; p++)
        {
            for (int i = 1; i < h.Length; i++) h[i] = Math.Tanh(h[i] + 0.5 * h[i - 1]);
        }

        double s = 0.0;
        for (int i = 0; i < h.Length; i++) s += h[i] * h[i];
        return s;
    }

    // A span helper with an overwritten local array, called twice with different integers.
    [Objective]
    internal static double Relaxed(ReadOnlySpan<double> x) => Relax(x, 1) + x[0] * Relax(x, 3);

    /// <summary>A span helper over an array parameter: generated code gets a copy over a read-only span for its value.</summary>
    internal static double Peaks(double[] u, double[] c)
    {
        double m = 0.0;
        for (int i = 0; i < u.Length; i++) m += Math.Log(1.0 + Math.Exp(c[i % c.Length] * u[i]));
        return m;
    }

    // Variables declared as an array, passed to a helper whose span parameter is an array.
    [Objective]
    internal static double ArrayPeaks(double[] x, double[] c)
    {
        double p = Peaks(x, c);
        return p * p - Peaks(x, c) * x[0];
    }

    /// <summary>The float twin of <see cref="Spread"/>'s loop, with MathF.</summary>
    internal static float FloatSpread(ReadOnlySpan<float> u, int k)
    {
        float s = 0f;
        for (int i = 0; i < u.Length; i++)
        {
            float d = u[i] - u[k] - 0.3f;
            s += MathF.Log(1f + d * d);
            if (i == k + 2) return s;
        }

        return s;
    }

    // A float objective calling a float span helper at two sites.
    [Objective]
    internal static float FloatSpreadSites(ReadOnlySpan<float> x)
    {
        float e = FloatSpread(x, 0);
        for (int k = 1; k < x.Length; k++) e += FloatSpread(x, k) * x[k];
        return e;
    }

    /// <summary>The double twin of <see cref="FloatSpreadSites"/>, itself generated: its Hessian-vector product is the float one's reference.</summary>
    [Objective]
    internal static double DoubleSpreadSites(ReadOnlySpan<double> x)
    {
        double e = Spread(x, 0);
        for (int k = 1; k < x.Length; k++) e += Spread(x, k) * x[k];
        return e;
    }
}

/// <summary>An instance objective whose span helper is an instance method reading a field: its generated methods are instance methods.</summary>
public sealed partial class TautString
{
    private readonly double _tension;

    /// <summary>Creates the string.</summary>
    public TautString(double tension) => _tension = tension;

    /// <summary>The bending energy of u, scaled by the tension.</summary>
    internal double Bending(ReadOnlySpan<double> u)
    {
        double e = 0.0;
        for (int i = 1; i + 1 < u.Length; i++)
        {
            double c = u[i + 1] - 2.0 * u[i] + u[i - 1];
            e += _tension * Math.Log(Math.Cosh(c));
        }

        return e;
    }

    // instance span helper reading a field, called twice.
    [Objective]
    public double Energy(ReadOnlySpan<double> x) => Bending(x) + 0.5 * x[0] * x[0] + Bending(x) * x[1];
}
