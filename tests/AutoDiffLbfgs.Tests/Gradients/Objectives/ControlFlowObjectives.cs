namespace AutoDiffLbfgs.Tests.Gradients.Objectives;

/// <summary>
/// Objectives exercising the statements of the differentiable subset: loops of every kind, break, continue,
/// early returns, branches, the conditional operator, logical operators, compound assignment, integer
/// arithmetic, casts and constants. The comment above each objective names the constructs it exercises.
/// </summary>
internal static partial class ControlFlowObjectives
{
    /// <summary>The partial sum above which <see cref="WhileWithBreak"/> stops.</summary>
    public const double BreakLimit = 3.0;

    /// <summary>The partial sum above which <see cref="EarlyReturn"/> returns from inside its loop.</summary>
    public const double ReturnThreshold = 6.0;

    private const double Scale = 2.5;

    // while loop; break whose condition depends on the accumulated value (recorded, not recomputable); i++ on an int;
    // class const read.
    [Objective]
    internal static double WhileWithBreak(ReadOnlySpan<double> x)
    {
        double sum = 0.0;
        int i = 0;
        while (i < x.Length)
        {
            if (sum > BreakLimit) break;
            sum += x[i] * x[i] + 0.1 * x[i];
            i++;
        }

        return sum;
    }

    // continue on an integer condition; % for a periodic neighbour index; expression reused (no local).
    [Objective]
    internal static double ContinueOnIndex(ReadOnlySpan<double> x)
    {
        double sum = 0.0;
        for (int i = 0; i < x.Length; i++)
        {
            if (i % 3 == 2) continue;
            double next = x[(i + 1) % x.Length];
            sum += (x[i] - next) * (x[i] - next) * Math.Exp(0.1 * x[i]);
        }

        return sum;
    }

    // continue whose condition depends on the variables; cube via repeated products.
    [Objective]
    internal static double ContinueOnValue(ReadOnlySpan<double> x)
    {
        double sum = 0.0;
        for (int i = 0; i < x.Length; i++)
        {
            double v = x[i];
            if (v < 0.0)
            {
                sum += 0.5 * v;
                continue;
            }

            sum += v * v * v;
        }

        return sum;
    }

    // early returns: a guard that is never taken, a return inside a loop, a return under a branch on the variables.
    [Objective]
    internal static double EarlyReturn(ReadOnlySpan<double> x)
    {
        if (x.Length == 0) return 0.0;
        double sum = 0.0;
        for (int i = 0; i < x.Length; i++)
        {
            sum += Math.Exp(x[i]);
            if (sum > ReturnThreshold) return Math.Log(sum) + x[0] * sum;
        }

        if (x[0] > 0.5) return sum * x[0];
        return sum - x[0] * x[0];
    }

    // do-while loop; i++ inside the body; condition tested after the body.
    [Objective]
    internal static double DoWhile(ReadOnlySpan<double> x)
    {
        double sum = 0.0;
        int i = 0;
        do
        {
            sum += Math.Sin(x[i]) * x[i];
            i++;
        }
        while (i < x.Length);

        return sum;
    }

    // ?: with a condition on the variables, nested ?: in the false arm, ?: choosing between locals.
    [Objective]
    internal static double Ternary(ReadOnlySpan<double> x)
    {
        double sum = 0.0;
        for (int i = 0; i < x.Length; i++)
        {
            double v = x[i];
            sum += v > 0.0 ? v * v * v : v < -1.0 ? -Math.Sin(v) : 0.5 * v * v;
        }

        double first = x[0], last = x[x.Length - 1];
        return sum + (first > last ? first : last) * 0.25;
    }

    // bool local; && || ! and comparisons (<, <=, >, >=, ==, !=); else if chains.
    [Objective]
    internal static double LogicalOperators(ReadOnlySpan<double> x)
    {
        double sum = 0.0;
        for (int i = 0; i < x.Length; i++)
        {
            double v = x[i];
            bool inside = v > -1.0 && v < 1.0;
            if (inside || i == 0)
            {
                sum += v * v;
            }
            else if (!(v >= 1.0) && i != 1)
            {
                sum += Math.Exp(v);
            }
            else if (v <= -1.0)
            {
                sum -= v;
            }
            else
            {
                sum += 2.0 * v - 1.0;
            }
        }

        return sum;
    }

    // nested for loops; break out of the inner loop on an integer condition; Cos of a difference.
    [Objective]
    internal static double NestedLoopsWithBreak(ReadOnlySpan<double> x)
    {
        double sum = 0.0;
        for (int i = 0; i < x.Length; i++)
        {
            for (int j = 0; j < x.Length; j++)
            {
                if (j > i) break;
                sum += x[i] * x[j] * Math.Cos(x[i] - x[j]);
            }
        }

        return sum;
    }

    // compound assignment += -= *= /=; unary minus; reassignment reading the old value; k-- in a while loop;
    // prefix and postfix ++ on an int; a triple-nested loop over integer bounds.
    [Objective]
    internal static double CompoundAssignments(ReadOnlySpan<double> x)
    {
        double a = x[0];
        a *= x[1];
        a += 2.0;
        a /= 1.0 + x[2] * x[2];
        a -= -x[3];
        double b = a;
        b = b * b - a;
        int k = x.Length;
        while (k > 0)
        {
            k--;
            b += 0.1 * x[k] * a;
        }

        int count = 0;
        count++;
        ++count;
        for (int i = 0; i < 2; i++)
        {
            for (int j = 0; j < 2; j++)
            {
                for (int l = 0; l < 2; l++)
                {
                    b -= 0.01 * x[i + j + l] * x[l];
                }
            }
        }

        return b + count * a;
    }

    // int and long locals; int arithmetic (*, /, %); int → double and long → double conversions (implicit and
    // explicit); (int) cast of a double computed from the variables (zero derivative); float local; Floor.
    [Objective]
    internal static double IntegerArithmeticAndCasts(ReadOnlySpan<double> x)
    {
        int n = x.Length;
        long total = 0L;
        for (int i = 0; i < n; i++)
        {
            total += i * i;
        }

        double mean = 0.0;
        for (int i = 0; i < n; i++)
        {
            mean += x[i];
        }

        mean /= n;
        double weight = (double)total / (n * n);
        int bucket = (int)Math.Floor(x[0] * 2.0);
        float half = 0.5f;
        int middle = (int)(n / 2) % n;
        return weight * mean * mean + bucket * x[1] + half * x[middle] * x[middle] + (double)(n % 4) * x[n - 1];
    }

    // local const (negative) and int const; class const; literal forms 1e-3, 1_000.0e-4, 0x10; *= in an inner
    // loop bounded by a const.
    [Objective]
    internal static double ConstantsAndLiterals(ReadOnlySpan<double> x)
    {
        const double Offset = -0.75;
        const int Power = 3;
        double sum = 0.0;
        for (int i = 0; i < x.Length; i++)
        {
            double t = x[i] - Offset;
            double term = 1.0;
            for (int p = 0; p < Power; p++)
            {
                term *= t;
            }

            sum += Scale * term + 1e-3 * t + 1_000.0e-4 * t * t + 0x10 * 0.0625 * t;
        }

        return sum;
    }
}
