namespace AutoDiffLbfgs.Tests.Gradients.Objectives;

/// <summary>
/// Objectives evaluated exactly at their kinks, where DESIGN.md §2 fixes the derivative by convention:
/// Abs'(0) = +1, Max/Min ties take the first argument, and the untaken side of a branch contributes nothing
/// (so an infinite partial there cannot turn into NaN).
/// </summary>
public static partial class ConventionObjectives
{
    // Abs at 0 (and of −0.0).
    [Objective]
    public static double AbsAtKink(ReadOnlySpan<double> x) => Math.Abs(x[0]) + 3.0 * Math.Abs(x[1]);

    // Max and Min with equal arguments.
    [Objective]
    public static double MaxMinTies(ReadOnlySpan<double> x) => Math.Max(x[0], x[1]) + 2.0 * Math.Min(x[2], x[3]);

    // ?: whose untaken arm has an infinite derivative at the evaluation point (Sqrt at 0).
    [Objective]
    public static double UntakenConditionalArm(ReadOnlySpan<double> x) => x[0] > 0.0 ? Math.Sqrt(x[0]) : 2.0 * x[0];

    // if/else whose untaken branch has an infinite derivative at the evaluation point (Log at 0), inside a loop.
    [Objective]
    public static double UntakenBranch(ReadOnlySpan<double> x)
    {
        double s = 0.0;
        for (int i = 0; i < x.Length; i++)
        {
            if (x[i] > 0.0)
            {
                s += Math.Log(x[i]);
            }
            else
            {
                s += x[i];
            }
        }

        return s;
    }

    // float Abs at 0 and MathF.Max tie.
    [Objective]
    public static float FloatKinks(ReadOnlySpan<float> x) => MathF.Abs(x[0]) + MathF.Max(x[1], x[2]);
}
