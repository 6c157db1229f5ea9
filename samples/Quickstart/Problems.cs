using AutoDiffLbfgs;

namespace Quickstart;

public static partial class Problems
{
    /// <summary>The extended Rosenbrock function; its minimum is 0 at (1, …, 1).</summary>
    [Objective]
    public static double Rosenbrock(ReadOnlySpan<double> x)
    {
        double s = 0;
        for (int i = 0; i + 1 < x.Length; i++)
        {
            double a = 1 - x[i], b = x[i + 1] - x[i] * x[i];
            s += a * a + 100 * b * b;
        }
        return s;
    }

    [Objective]
    public static double Horner(ReadOnlySpan<double> x, double[] c)
    {
        double total = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double y = 0;
            for (int k = c.Length - 1; k >= 0; k--)
            {
                y = y * x[i] + c[k];
            }
            total += y * y;
        }
        return Math.Log(1 + total);
    }

    [Objective]
    public static double LennardJones(ReadOnlySpan<double> x)
    {
        int n = x.Length / 3;
        double e = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                double dx = x[3 * i] - x[3 * j], dy = x[3 * i + 1] - x[3 * j + 1], dz = x[3 * i + 2] - x[3 * j + 2];
                double r2 = dx * dx + dy * dy + dz * dz;
                double ir6 = 1 / (r2 * r2 * r2);
                e += 4 * (ir6 * ir6 - ir6);
            }
        }
        return e;
    }

    [Objective]
    public static double Early(ReadOnlySpan<double> x)
    {
        double p = 1;
        for (int i = 0; i < x.Length; i++)
        {
            if (x[i] > 10) return x[i];
            if (x[i] < -10) break;
            if (x[i] == 0) continue;
            p *= x[i];
        }
        return x[0] > 0 ? Math.Sqrt(p * p + 1) : Math.Max(p, x[0]);
    }
}
