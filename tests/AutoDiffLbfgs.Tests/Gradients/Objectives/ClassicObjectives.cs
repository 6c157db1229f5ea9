namespace AutoDiffLbfgs.Tests.Gradients.Objectives;

/// <summary>
/// Classic test functions of unconstrained optimization (Moré, Garbow, Hillstrom 1981, "Testing unconstrained
/// optimization software", ACM TOMS 7(1); numbers below are theirs) and of machine learning. The comment above each
/// objective names the constructs it exercises.
/// </summary>
public static partial class ClassicObjectives
{
    /// <summary>MGH 21, extended Rosenbrock; <c>x.Length</c> even.</summary>
    // for loop over pairs; integer index arithmetic (2 * i + 1); int local from x.Length / 2; += reduction (no tape).
    [Objective]
    public static double ExtendedRosenbrock(ReadOnlySpan<double> x)
    {
        double sum = 0.0;
        int pairs = x.Length / 2;
        for (int i = 0; i < pairs; i++)
        {
            double t1 = 10.0 * (x[2 * i + 1] - x[2 * i] * x[2 * i]);
            double t2 = 1.0 - x[2 * i];
            sum += t1 * t1 + t2 * t2;
        }

        return sum;
    }

    /// <summary>DESIGN.md §2's chained Rosenbrock.</summary>
    // two declarators in one declaration; int literal 1 and 100 mixed with doubles; loop condition i + 1 < x.Length.
    [Objective]
    public static double ChainedRosenbrock(ReadOnlySpan<double> x)
    {
        double s = 0;
        for (int i = 0; i + 1 < x.Length; i++)
        {
            double a = 1 - x[i], b = x[i + 1] - x[i] * x[i];
            s += a * a + 100 * b * b;
        }

        return s;
    }

    /// <summary>MGH 13 extended, Powell singular; <c>x.Length</c> a multiple of 4. Its Hessian is singular at the minimum.</summary>
    // int local k = 4 * j used as a base index; several locals per iteration; multiple declarators.
    [Objective]
    public static double PowellSingular(ReadOnlySpan<double> x)
    {
        double sum = 0.0;
        for (int j = 0; j < x.Length / 4; j++)
        {
            int k = 4 * j;
            double a = x[k] + 10.0 * x[k + 1];
            double b = x[k + 2] - x[k + 3];
            double c = x[k + 1] - 2.0 * x[k + 2];
            double d = x[k] - x[k + 3];
            double c2 = c * c, d2 = d * d;
            sum += a * a + 5.0 * b * b + c2 * c2 + 10.0 * d2 * d2;
        }

        return sum;
    }

    /// <summary>MGH 26, trigonometric: f_i = n − Σ cos x_j + i(1 − cos x_i) − sin x_i, F = Σ f_i².</summary>
    // two sequential loops, the second reading the first's result; for bodies without braces; int * double, int − double.
    [Objective]
    public static double Trigonometric(ReadOnlySpan<double> x)
    {
        int n = x.Length;
        double cosSum = 0.0;
        for (int j = 0; j < n; j++)
            cosSum += Math.Cos(x[j]);

        double sum = 0.0;
        for (int i = 0; i < n; i++)
        {
            double fi = n - cosSum + (i + 1) * (1.0 - Math.Cos(x[i])) - Math.Sin(x[i]);
            sum += fi * fi;
        }

        return sum;
    }

    /// <summary>Lennard-Jones cluster energy, ε = σ = 1, flat coordinates (x0, y0, z0, x1, …).</summary>
    // nested pair loop with j starting at i + 1; 3 * j + 2 index arithmetic; division by a variable expression.
    [Objective]
    public static double LennardJones(ReadOnlySpan<double> x)
    {
        int atoms = x.Length / 3;
        double energy = 0.0;
        for (int i = 0; i < atoms; i++)
        {
            for (int j = i + 1; j < atoms; j++)
            {
                double dx = x[3 * j] - x[3 * i];
                double dy = x[3 * j + 1] - x[3 * i + 1];
                double dz = x[3 * j + 2] - x[3 * i + 2];
                double r2 = dx * dx + dy * dy + dz * dz;
                double inv6 = 1.0 / (r2 * r2 * r2);
                energy += 4.0 * (inv6 * inv6 - inv6);
            }
        }

        return energy;
    }

    /// <summary>Numerically stable log Σ exp x_i: shift by the maximum.</summary>
    // loop-carried non-linear state m = Math.Max(m, x[i]) (taped; ties take the first argument); Exp, Log.
    [Objective]
    public static double LogSumExp(ReadOnlySpan<double> x)
    {
        double m = x[0];
        for (int i = 1; i < x.Length; i++)
            m = Math.Max(m, x[i]);

        double s = 0.0;
        for (int i = 0; i < x.Length; i++)
            s += Math.Exp(x[i] - m);

        return m + Math.Log(s);
    }

    /// <summary>Huber loss of residuals x − targets with threshold <paramref name="delta"/>.</summary>
    // data array and scalar data parameters; if/else on |r| (branch inside a loop); Abs.
    [Objective]
    public static double Huber(ReadOnlySpan<double> x, double[] targets, double delta)
    {
        double loss = 0.0;
        for (int i = 0; i < x.Length; i++)
        {
            double r = x[i] - targets[i];
            double a = Math.Abs(r);
            if (a <= delta)
            {
                loss += 0.5 * r * r;
            }
            else
            {
                loss += delta * (a - 0.5 * delta);
            }
        }

        return loss;
    }

    /// <summary>
    /// Mean logistic loss of a linear model: features is an m × d row-major matrix flattened, labels are ±1,
    /// loss_i = log(1 + exp(−y_i ⟨w, a_i⟩)) evaluated stably on both signs of the margin.
    /// </summary>
    // two data arrays; nested loop with the inner reduction reset per row; data.Length as a loop bound;
    // ?: whose condition depends on the variables; division by an int.
    [Objective]
    public static double LogisticLoss(ReadOnlySpan<double> w, double[] features, double[] labels)
    {
        int d = w.Length;
        double loss = 0.0;
        for (int i = 0; i < labels.Length; i++)
        {
            double z = 0.0;
            for (int j = 0; j < d; j++)
            {
                z += w[j] * features[i * d + j];
            }

            double margin = labels[i] * z;
            loss += margin > 0 ? Math.Log(1.0 + Math.Exp(-margin)) : -margin + Math.Log(1.0 + Math.Exp(margin));
        }

        return loss / labels.Length;
    }

    /// <summary>Σ_i p(x_i)² with p evaluated by Horner's rule, coefficients highest degree first.</summary>
    // loop-carried non-linear state y = y * t + c[k] in an inner loop (taped); data array indexing and Length.
    [Objective]
    public static double Horner(ReadOnlySpan<double> x, double[] coefficients)
    {
        double sum = 0.0;
        for (int i = 0; i < x.Length; i++)
        {
            double t = x[i];
            double y = coefficients[0];
            for (int k = 1; k < coefficients.Length; k++)
            {
                y = y * t + coefficients[k];
            }

            sum += y * y;
        }

        return sum;
    }

    /// <summary>Π_i (1.5 + sin x_i) + Σ_i x_i / Π.</summary>
    // product loop p *= … (loop-carried non-linear state, taped); a second use of p after the loop.
    [Objective]
    public static double Product(ReadOnlySpan<double> x)
    {
        double p = 1.0;
        for (int i = 0; i < x.Length; i++)
        {
            p *= 1.5 + Math.Sin(x[i]);
        }

        double s = 0.0;
        for (int i = 0; i < x.Length; i++)
        {
            s += x[i] / p;
        }

        return p + s;
    }
}
