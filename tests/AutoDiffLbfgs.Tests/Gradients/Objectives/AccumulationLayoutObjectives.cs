namespace AutoDiffLbfgs.Tests.Gradients.Objectives;

/// <summary>
/// Objectives whose gradient code the generator rearranges for speed: entries stored instead of accumulated, entries a
/// loop does not move summed in a local and added after it. Their values are checked like every other objective's.
/// </summary>
internal static partial class AccumulationLayoutObjectives
{
    // x[i + 1] is invariant in the inner loop, whose last run (i = n − 1) is empty with i + 1 = n past the end: the sum
    // kept for gradient[i + 1] must not be added there.
    [Objective]
    internal static double InvariantIndexPastTheEnd(ReadOnlySpan<double> x)
    {
        double s = 0.0;
        for (int i = 0; i < x.Length; i++)
        {
            for (int j = i + 1; j < x.Length; j++) s += x[i + 1] * Math.Sin(x[j]) + x[i] * x[j];
        }

        return s;
    }

    // a while loop and an if inside a loop, both accumulating into an entry the loop does not move.
    [Objective]
    internal static double InvariantEntriesInWhileAndIf(ReadOnlySpan<double> x)
    {
        double s = 0.0;
        int k = 0;
        while (k < x.Length)
        {
            s += Math.Tanh(x[0] * x[k]);
            if (x[k] > 0.0) s += x[1] * x[k] * x[k];
            k++;
        }

        return s;
    }

    // independent pairs over x.Length / 2: with an odd length the last entry is never stored, so it alone is cleared;
    // its derivative is zero and must not be left as whatever the caller's buffer held.
    [Objective]
    internal static double PairsWithAnOddTail(ReadOnlySpan<double> x)
    {
        double s = 0.0;
        for (int i = 0; i < x.Length / 2; i++)
        {
            double t = x[2 * i + 1] - x[2 * i] * x[2 * i];
            s += t * t + 0.5 * x[2 * i];
        }

        return s;
    }

    // s += e(s): the accumulation's own adjoint is the seed of its value's propagation and is added to by it (the
    // fuzz test found both shapes wrong until the seed was copied first): a product, and a helper of s.
    [Objective]
    internal static double SelfReferencingAccumulation(ReadOnlySpan<double> x)
    {
        double s = x[0];
        for (int i = 1; i < x.Length; i++) s += s * x[i] * 0.3;
        double t = x[1];
        t += Mix(Math.Sin(t), t * x[2]);
        t -= t * t * 0.1;
        return s + t;
    }

    private static double Mix(double a, double b)
    {
        double p = a * b;
        if (p > 0.5) return Math.Tanh(p) + a;
        return p - 0.25 * b;
    }
}
