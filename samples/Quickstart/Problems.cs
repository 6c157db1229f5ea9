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
}
