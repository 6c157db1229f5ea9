namespace AutoDiffLbfgs.Tests.Gradients.Objectives;

/// <summary>
/// Objectives whose local arrays are not write-once: elements accumulated in place, overwritten, read before they are
/// written, refilled by every pass of an outer loop, or computed from the previous element (a recurrence). The gradient
/// keeps an undo log per such array; the comment above each objective names what it exercises.
/// </summary>
internal static partial class OverwrittenArrayObjectives
{
    // a hidden layer accumulated in place (h[i] += w·u, nested loops) and then activated in place (h[i] = tanh(h[i])).
    [Objective]
    internal static double AccumulatedLayer(ReadOnlySpan<double> x, double[] input)
    {
        double[] h = new double[3];
        for (int i = 0; i < h.Length; i++)
        {
            for (int j = 0; j < input.Length; j++) h[i] += x[input.Length * i + j] * input[j];
        }

        for (int i = 0; i < h.Length; i++) h[i] = Math.Tanh(h[i]);

        double output = 0.0;
        for (int i = 0; i < h.Length; i++) output += x[3 * input.Length + i] * h[i];
        return output * output;
    }

    // explicit Euler integration of y' = −k·y + a·sin(y) in a stackalloc array (each step reads the previous one), then
    // a least-squares fit to observations: the shape of an ODE calibration.
    [Objective]
    internal static double EulerCalibration(ReadOnlySpan<double> x, double[] observed)
    {
        const double dt = 0.2;
        Span<double> y = stackalloc double[observed.Length];
        y[0] = x[2];
        for (int k = 0; k + 1 < y.Length; k++)
        {
            y[k + 1] = y[k] + dt * (-x[0] * y[k] + x[1] * Math.Sin(y[k]));
        }

        double loss = 0.0;
        for (int k = 0; k < y.Length; k++)
        {
            double d = y[k] - observed[k];
            loss += d * d;
        }

        return 0.5 * loss;
    }

    // a fixed number of normalized power-iteration-like passes: every pass reads the whole array and overwrites it.
    [Objective]
    internal static double NormalizedPasses(ReadOnlySpan<double> x)
    {
        double[] v = new double[x.Length];
        for (int i = 0; i < v.Length; i++) v[i] = 1.0;

        for (int pass = 0; pass < 4; pass++)
        {
            double s = 0.0;
            for (int i = 0; i < v.Length; i++) s += v[i] * v[i];
            double inverse = 1.0 / Math.Sqrt(s);
            for (int i = 0; i < v.Length; i++) v[i] = (x[i] * v[i] + 0.3 * v[(i + 1) % v.Length]) * inverse;
        }

        double result = 0.0;
        for (int i = 0; i < v.Length; i++) result += (i + 1) * v[i];
        return result;
    }

    // Gauss–Seidel-style sweeps: each element is recomputed from its neighbour, old (i + 1) or already new (i − 1).
    [Objective]
    internal static double GaussSeidelSweeps(ReadOnlySpan<double> x)
    {
        Span<double> r = stackalloc double[x.Length];
        int passes = 0;
        while (passes < 3)
        {
            for (int i = 0; i < r.Length; i++)
            {
                double left = i > 0 ? r[i - 1] : 0.0;
                double right = i + 1 < r.Length ? r[i + 1] : 0.0;
                r[i] = Math.Sin(x[i] + 0.4 * left - 0.3 * right);
            }

            passes++;
        }

        double s = 0.0;
        foreach (double ri in r) s += ri * ri;
        return s;
    }

    // straight-line overwrites with every compound operator, ++ and --, an element read before it is first written.
    [Objective]
    internal static double CompoundUpdates(ReadOnlySpan<double> x)
    {
        double[] a = new double[3];
        double before = a[2] + x[2];
        a[0] = x[0];
        a[1] = x[1];
        a[0] *= a[1] + before;
        a[1] -= a[0] * x[2];
        a[0] /= 1.0 + x[2] * x[2];
        a[1]++;
        a[2]--;
        a[2] += a[0] * a[1];
        a[0] = a[0] * a[0] + a[1];
        return a[0] + a[1] * a[1] + a[2] * x[0];
    }

    // a per-sample array declared inside a loop body and updated in place, plus a prefix product r[i] = r[i − 1]·x[i].
    [Objective]
    internal static double PerSampleUpdates(ReadOnlySpan<double> x, double[] inputs)
    {
        double loss = 0.0;
        for (int n = 0; n < inputs.Length; n++)
        {
            double[] h = new double[2];
            h[0] += x[0] * inputs[n];
            h[1] += x[1] * inputs[n] + h[0];
            h[0] = Math.Tanh(h[0] + h[1]);
            h[1] *= h[0];
            loss += h[0] * h[0] + h[1];
        }

        double[] prefix = new double[x.Length];
        prefix[0] = x[0];
        for (int i = 1; i < prefix.Length; i++) prefix[i] = prefix[i - 1] * x[i];
        for (int i = 0; i < prefix.Length; i++) loss += prefix[i];
        return loss;
    }

    // a helper transformed once (statements, scalar parameters) whose body overwrites its own stackalloc array: the
    // helper's generated gradient and HVP keep the undo log.
    private static double Smoothed(double a, double b)
    {
        Span<double> w = stackalloc double[3];
        w[0] = a;
        w[1] = b;
        w[2] = a * b;
        for (int pass = 0; pass < 2; pass++)
        {
            for (int i = 0; i < w.Length; i++) w[i] = Math.Tanh(w[i] + 0.3 * w[(i + 1) % w.Length]);
        }

        return w[0] + w[1] * w[2];
    }

    [Objective]
    internal static double HelperWithOverwrittenArray(ReadOnlySpan<double> x)
    {
        double s = 0.0;
        for (int i = 0; i + 1 < x.Length; i++) s += Smoothed(x[i], x[i + 1]);
        return s;
    }

    // single precision: the undo log of a float array.
    [Objective]
    internal static float FloatAccumulation(ReadOnlySpan<float> x)
    {
        Span<float> s = stackalloc float[2];
        for (int i = 0; i < x.Length; i++)
        {
            s[i % 2] += x[i] * x[i];
            s[(i + 1) % 2] *= 0.5f + 0.1f * x[i];
        }

        return s[0] * s[1] + s[0];
    }
}
