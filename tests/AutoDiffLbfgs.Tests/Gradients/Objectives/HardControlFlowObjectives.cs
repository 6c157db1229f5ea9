namespace AutoDiffLbfgs.Tests.Gradients.Objectives;

/// <summary>
/// Combinations that stress the reverse transform rather than any single construct: taped state that also decides
/// a break, taped loops nested in taped loops, continue and early return inside taped loops, and user locals named
/// like the generator's temporaries.
/// </summary>
internal static partial class HardControlFlowObjectives
{
    /// <summary>The product above which <see cref="TapedStateWithBreak"/> stops.</summary>
    public const double ProductLimit = 2.5;

    // while loop with loop-carried non-linear state p (taped) and a break decided by that state (recorded).
    [Objective]
    internal static double TapedStateWithBreak(ReadOnlySpan<double> x)
    {
        double p = 1.0;
        double s = 0.0;
        int i = 0;
        while (i < x.Length)
        {
            p = p * (1.1 + 0.5 * Math.Sin(x[i]));
            if (p > ProductLimit) break;
            s += p * x[i];
            i++;
        }

        return s + p;
    }

    // a taped inner loop nested in a taped outer loop: the outer state y feeds the inner recurrence and is then
    // squashed by Tanh; data array coefficients.
    [Objective]
    internal static double NestedTapedLoops(ReadOnlySpan<double> x, double[] coefficients)
    {
        double y = 0.5;
        for (int i = 0; i < x.Length; i++)
        {
            for (int k = 0; k < coefficients.Length; k++)
            {
                y = y * x[i] + 0.1 * coefficients[k];
            }

            y = Math.Tanh(y + x[i]);
        }

        return y * y + y;
    }

    // continue inside a taped loop (state r skips some iterations) and an early return from a nested loop.
    [Objective]
    internal static double ContinueAndReturnInTapedLoops(ReadOnlySpan<double> x)
    {
        double r = 1.0;
        for (int i = 0; i < x.Length; i++)
        {
            if (x[i] < -0.5) continue;
            r = r * Math.Exp(0.3 * x[i]) + 0.1 * r * r;
        }

        double q = 0.0;
        for (int i = 0; i < x.Length; i++)
        {
            for (int j = 0; j < x.Length; j++)
            {
                q = q * 0.5 + x[i] * x[j];
                if (q > 4.0) return r + q;
            }
        }

        return r - q;
    }

    // user locals named like generated temporaries (value, tape, d, d2, done, result, iterations, xBar, sBar).
    [Objective]
    internal static double GeneratedLookingNames(ReadOnlySpan<double> x)
    {
        double value = 0.0, tape = 1.0, d = 0.5, d2 = 0.25, result = 0.0;
        double xBar = 0.1, sBar = 0.2;
        bool done = false;
        int iterations = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double y = d * x[i] + d2;
            value += y * y + xBar * x[i];
            tape *= 1.0 + sBar * x[i] * x[i];
            iterations++;
            if (iterations > 100) done = true;
        }

        result = done ? 0.0 : value * tape;
        return result;
    }
}
