namespace AutoDiffLbfgs.Tests.Gradients.Objectives;

/// <summary>
/// Helpers that give back several values, as rotate/project/polar helpers of model code do (issue 13): out
/// parameters (declared at the call or existing locals), tuple results deconstructed at the call, and tuple swaps.
/// </summary>
public static partial class ResultObjectives
{
    /// <summary>Point pairs rotated by the angle <c>x[0]</c> through a void helper with two out parameters.</summary>
    [Objective]
    public static double Rotated(ReadOnlySpan<double> x, double[] points)
    {
        double s = 0.0;
        for (int i = 0; i < points.Length / 2; i++)
        {
            Rotate(points[2 * i], points[2 * i + 1], x[0], out double u, out var v);
            s += (u - x[1]) * (u - x[1]) + (v - x[2]) * (v - x[2]);
        }
        return s;
    }

    /// <summary>A helper with a result and an out parameter and an early return; the out target is an existing local.</summary>
    [Objective]
    public static double SplitAndKeep(ReadOnlySpan<double> x)
    {
        double rest = 0.0;
        double s = 0.0;
        for (int i = 0; i < x.Length; i++)
        {
            double head = Split(x[i], out rest);
            s += head * head + Math.Sin(rest);
        }
        return s + rest;
    }

    /// <summary>Tuple results deconstructed with <c>var</c>, with declared types, into existing locals and a discard; a tuple swap.</summary>
    [Objective]
    public static double Tuples(ReadOnlySpan<double> x)
    {
        var (cross, dot) = CrossDot(x[0], x[1], x[2], x[3]);
        (double p, double q) = PolarOf(x[4], x[5]);
        double a = x[0];
        double b = x[1];
        (a, b) = (b, a * b);
        double r;
        (r, _) = PolarOf(a, x[2]);
        return cross * dot + p * Math.Cos(q) + a - 2.0 * b + r;
    }

    private static void Rotate(double a, double b, double angle, out double u, out double v)
    {
        double c = Math.Cos(angle);
        double sn = Math.Sin(angle);
        u = c * a - sn * b;
        v = sn * a + c * b;
    }

    private static double Split(double v, out double rest)
    {
        if (v > 0.5)
        {
            rest = v - 0.5;
            return 0.5 * v;
        }
        rest = v * v;
        return v;
    }

    private static (double Cross, double Dot) CrossDot(double ax, double ay, double bx, double by) =>
        (ax * by - ay * bx, ax * bx + ay * by);

    private static (double Radius, double Angle) PolarOf(double u, double v)
    {
        double radius = Math.Sqrt(u * u + v * v + 1.0);
        if (radius > 100.0) return (100.0, 0.0);
        return (radius, Math.Atan(v / (1.0 + u * u)));
    }
}
