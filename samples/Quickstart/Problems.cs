using AutoDiffLbfgs;

namespace Quickstart;

public static partial class Problems
{
    /// <summary>
    /// The extended Rosenbrock function of Moré, Garbow and Hillstrom (1981), problem 21: independent pairs
    /// (x₂ᵢ, x₂ᵢ₊₁), minimum 0 at (1, …, 1). The generator writes <c>ExtendedRosenbrockGradient</c>,
    /// <c>ExtendedRosenbrockHessianVectorProduct</c> and <c>ExtendedRosenbrockObjective</c> from this body.
    /// </summary>
    [Objective]
    public static double ExtendedRosenbrock(ReadOnlySpan<double> x)
    {
        double s = 0;
        for (int i = 0; i + 1 < x.Length; i += 2)
        {
            double a = 1 - x[i], b = x[i + 1] - x[i] * x[i];
            s += a * a + 100 * b * b;
        }
        return s;
    }
}
