namespace AutoDiffLbfgs.Tests.Gradients.Objectives;

/// <summary>
/// Objectives exercising the control flow and helpers of the differentiable subset: foreach, switch statements and expressions,
/// Math.Clamp, helper methods and local functions (inlined at their calls, or transformed once when they have statements
/// over scalars). The comment above each objective names the constructs it exercises.
/// </summary>
internal static partial class ControlFlowAndHelperObjectives
{
    /// <summary>The Huber threshold of <see cref="RobustRegression"/>.</summary>
    public const double HuberDelta = 0.6;

    /// <summary>The clamp bounds of <see cref="ClampedSquares"/>.</summary>
    public const double ClampLow = -0.5, ClampHigh = 0.8;

    // foreach over the variables (a reduction: no tape), over a data array (inactive), and over the variables with a
    // counter advanced in the body (loop-carried int: taped).
    [Objective]
    internal static double ForEachLoops(ReadOnlySpan<double> x, double[] weights)
    {
        double squares = 0.0;
        foreach (double xi in x) squares += xi * xi;

        double norm = 0.0;
        foreach (var w in weights) norm += w * w;

        double mixed = 0.0;
        int k = 0;
        foreach (double xi in x)
        {
            mixed += weights[k] * Math.Sin(xi);
            k++;
        }

        return squares * norm + mixed;
    }

    // switch statement on an int inside a loop: several labels on one section, a when guard, a continue out of a
    // section, a section that is a block, default in the middle; a switch expression with relational and or patterns.
    [Objective]
    internal static double SwitchOnIndex(ReadOnlySpan<double> x)
    {
        double sum = 0.0;
        for (int i = 0; i < x.Length; i++)
        {
            double v = x[i];
            switch (i % 5)
            {
                case 0:
                    sum += v * v;
                    break;
                case 1 when x.Length > 4:
                    sum += Math.Sin(v);
                    break;
                default:
                    sum += Math.Exp(0.3 * v);
                    break;
                case 3:
                {
                    double c = Math.Cos(v);
                    sum += c * c * v;
                    break;
                }
                case 4:
                    continue;
            }

            double weight = (i % 4) switch
            {
                0 => 1.0,
                1 or 2 => 0.5,
                < 0 => 0.0,
                _ => 2.0,
            };
            sum += weight * v;
        }

        return sum;
    }

    // a switch whose sections return (early returns through the structurizer) on a value computed from data.
    [Objective]
    internal static double SwitchWithReturns(ReadOnlySpan<double> x, int mode)
    {
        double s = x[0] * x[1];
        switch (mode + 1)
        {
            case 1:
                return s + Math.Sin(x[2]);
            case 2:
                s *= Math.Exp(x[2]);
                break;
        }

        return s + x[2] * x[2];
    }

    // Math.Clamp with constant bounds (derivative to the value strictly inside, none outside) and with active bounds
    // (the derivative flows to the bound that is selected).
    [Objective]
    internal static double ClampedSquares(ReadOnlySpan<double> x)
    {
        double sum = 0.0;
        for (int i = 0; i < x.Length; i++)
        {
            double c = Math.Clamp(x[i], ClampLow, ClampHigh);
            sum += c * c + 0.1 * x[i];
        }

        return sum + Math.Clamp(x[0], x[1], x[1] + 1.0) * x[2];
    }

    private static double Softplus(double z) => Math.Log(1.0 + Math.Exp(z));

    private static double Huber(double r, double delta)
    {
        double a = Math.Abs(r);
        if (a <= delta) return 0.5 * r * r;
        return delta * (a - 0.5 * delta);
    }

    private static double Dot(ReadOnlySpan<double> u, ReadOnlySpan<double> w)
    {
        double s = 0.0;
        for (int i = 0; i < u.Length; i++) s += u[i] * w[i];
        return s;
    }

    // helpers: expression-bodied, with an early return, over spans (the variables and data), a local function
    // capturing a data parameter, a helper called with a constant and in a loop.
    [Objective]
    internal static double RobustRegression(ReadOnlySpan<double> x, double[] targets, double scale)
    {
        double Scaled(double v) => scale * v;
        double s = 0.0;
        for (int i = 0; i < x.Length; i++)
        {
            s += Softplus(x[i]) + Huber(Scaled(x[i]) - targets[i], HuberDelta);
        }

        double d = Dot(x, targets);
        return s + 0.5 * d * d;
    }

    private static double Neuron(ReadOnlySpan<double> w, int offset, int inputs, double input0, double input1)
    {
        double z = w[offset];
        z += w[offset + 1] * input0;
        if (inputs > 1) z += w[offset + 2] * input1;
        return Math.Tanh(z);
    }

    private static double SquaredError(double prediction, double target)
    {
        double e = prediction - target;
        return e * e;
    }

    // a two-input, two-hidden-unit network fitted to data: helpers calling helpers, helpers with int parameters,
    // a helper reading the variables through a span parameter, calls in a reduction loop.
    [Objective]
    internal static double TinyNetwork(ReadOnlySpan<double> x, double[] inputs, double[] targets)
    {
        double loss = 0.0;
        for (int n = 0; n < targets.Length; n++)
        {
            double a = inputs[2 * n], b = inputs[2 * n + 1];
            double h0 = Neuron(x, 0, 2, a, b);
            double h1 = Neuron(x, 3, 2, a, b);
            double output = x[6] + x[7] * h0 + x[8] * h1;
            loss += SquaredError(output, targets[n]);
        }

        return loss / targets.Length;
    }

    // a helper with carried state in a loop (taped inside the inlined body), a local function with statements,
    // an expression-bodied helper in a while condition (substituted: nothing may be hoisted from a loop condition).
    [Objective]
    internal static double HelpersWithLoops(ReadOnlySpan<double> x, double[] coefficients)
    {
        double Damped(double v)
        {
            double t = Math.Tanh(v);
            return t * Math.Exp(-0.1 * v * v);
        }

        double sum = 0.0;
        for (int i = 0; i < x.Length; i++) sum += Horner(x[i], coefficients) + Damped(x[i]);

        double y = sum;
        int steps = 0;
        while (Decay(y) > 0.05 && steps < 4)
        {
            y = 0.5 * y + 0.1 * x[0];
            steps++;
        }

        return sum + y;
    }

    // a residual vector on the stack, filled by one loop and read by a foreach (no tape, no saved values).
    [Objective]
    internal static double StackResiduals(ReadOnlySpan<double> x, double[] times, double[] observed)
    {
        Span<double> r = stackalloc double[times.Length];
        for (int i = 0; i < r.Length; i++)
        {
            r[i] = x[0] * Math.Exp(-x[1] * times[i]) + x[2] - observed[i];
        }

        double s = 0.0;
        foreach (double ri in r) s += ri * ri;
        return 0.5 * s;
    }

    // a hidden layer in a heap array read by a reduction loop and by a loop with carried state (taped), an element
    // left at zero by an if, and a helper that declares its own local array (fresh names at each inlined call) and
    // returns early between its declaration and its fill.
    [Objective]
    internal static double HiddenLayer(ReadOnlySpan<double> x, double[] input)
    {
        const int hidden = 3;
        double[] h = new double[hidden];
        for (int j = 0; j < hidden; j++)
        {
            double z = x[j];
            for (int k = 0; k < input.Length; k++) z += x[hidden + j * input.Length + k] * input[k];
            if (j != 1 || z > -10.0) h[j] = Math.Tanh(z);
        }

        double output = 0.0;
        for (int j = 0; j < h.Length; j++) output += h[j] * h[j] * x[j];
        double product = 1.0;
        for (int j = 0; j < hidden; j++) product *= 1.0 + 0.5 * h[j];
        return output + product + Smoothed(x, 0) + Smoothed(x, 1);
    }

    private static double Smoothed(ReadOnlySpan<double> x, int shift)
    {
        double[] w = new double[x.Length];
        if (shift < 0) return 0.0; // an early return between the declaration and the fill (structurized when inlined)
        for (int i = 0; i < w.Length; i++) w[i] = Math.Sin(x[(i + shift) % x.Length]);
        double s = 0.0;
        for (int i = 0; i + 1 < w.Length; i++) s += w[i] * w[i + 1];
        return s;
    }

    // a local array declared inside a loop body (fresh each sample): the per-sample network of TinyNetwork with its
    // hidden units in an array.
    [Objective]
    internal static double NetworkWithArrays(ReadOnlySpan<double> x, double[] inputs, double[] targets)
    {
        double loss = 0.0;
        for (int n = 0; n < targets.Length; n++)
        {
            double[] units = new double[2];
            for (int u = 0; u < units.Length; u++)
            {
                units[u] = Math.Tanh(x[3 * u] + x[3 * u + 1] * inputs[2 * n] + x[3 * u + 2] * inputs[2 * n + 1]);
            }

            double output = x[6] + x[7] * units[0] + x[8] * units[1];
            loss += SquaredError(output, targets[n]);
        }

        return loss / targets.Length;
    }

    // user-supplied derivative rules: a helper whose body is outside the subset (a loop with a data-dependent stop
    // and BitConverter), a two-argument rule whose partials call the helper again, an integer parameter, and a rule
    // whose derivative is itself a [Derivative] helper (second derivatives for the HVP come from it).
    [Objective]
    internal static double UserRules(ReadOnlySpan<double> x)
    {
        double s = 0.0;
        for (int i = 0; i + 1 < x.Length; i++)
        {
            s += LogCosh(x[i] - 0.3) * Hypot(x[i], x[i + 1]) + IntegerPower(x[i], 3) + Softsign(x[i + 1]);
        }

        return s;
    }

    [Derivative(nameof(LogCoshDerivative))]
    private static double LogCosh(double z)
    {
        double a = BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(z) & long.MaxValue);
        return a + Math.Log(1.0 + Math.Exp(-2.0 * a)) - Math.Log(2.0);
    }

    private static double LogCoshDerivative(double z) => Math.Tanh(z);

    [Derivative(nameof(HypotDx), nameof(HypotDy))]
    private static double Hypot(double x, double y)
    {
        double s = Math.Max(Math.Abs(x), Math.Abs(y));
        if (s == 0.0) return 0.0;
        double u = x / s, w = y / s;
        return s * Math.Sqrt(u * u + w * w);
    }

    private static double HypotDx(double x, double y) => x / Hypot(x, y);

    private static double HypotDy(double x, double y) => y / Hypot(x, y);

    [Derivative(nameof(IntegerPowerDerivative))]
    private static double IntegerPower(double z, int n)
    {
        double p = 1.0;
        for (int k = 0; k < n; k++) p *= z;
        return p;
    }

    private static double IntegerPowerDerivative(double z, int n) => n * Math.Pow(z, n - 1);

    [Derivative(nameof(SoftsignDerivative))]
    private static double Softsign(double z) => z / (1.0 + Math.Abs(z));

    [Derivative(nameof(SoftsignSecond))]
    private static double SoftsignDerivative(double z)
    {
        double d = 1.0 + Math.Abs(z);
        return 1.0 / (d * d);
    }

    private static double SoftsignSecond(double z) => -2.0 * Math.Sign(z) / ((1.0 + Math.Abs(z)) * (1.0 + Math.Abs(z)) * (1.0 + Math.Abs(z)));

    // corners of inlining: an int helper with statements in a for increment, static local functions over the
    // variables (a span cannot be captured) calling one another, a switch and a foreach inside a helper, a helper result
    // used as an index.
    [Objective]
    internal static double InliningCorners(ReadOnlySpan<double> x)
    {
        static double Square(ReadOnlySpan<double> u, int i) => u[i] * u[i];
        static double Pair(ReadOnlySpan<double> u, int i)
        {
            double p = Square(u, i) + Square(u, (i + 1) % u.Length);
            return Math.Sqrt(1.0 + p);
        }

        double s = 0.0;
        for (int i = 0; i < x.Length; i = NextIndex(i, x.Length))
        {
            s += Pair(x, i) * Mode(i, x[i]);
        }

        return s + Total(x) * x[Wrap(7, x.Length)];
    }

    private static int NextIndex(int i, int n)
    {
        int next = i + 1;
        if (next > n) next = n;
        return next;
    }

    private static int Wrap(int k, int n) => k % n;

    private static double Mode(int i, double v)
    {
        switch (i % 3)
        {
            case 0:
                return Math.Cos(v);
            case 1:
                return v * v;
            default:
                break;
        }

        return 1.0 + 0.5 * v;
    }

    private static double Total(ReadOnlySpan<double> u)
    {
        double t = 0.0;
        foreach (double e in u) t += Math.Atan(e);
        return t;
    }

    private static double Horner(double t, double[] c)
    {
        double y = 0.0;
        for (int k = 0; k < c.Length; k++) y = y * t + c[k];
        return y;
    }

    private static double Decay(double y) => Math.Abs(y) / (1.0 + y * y);
}

/// <summary>A polynomial model with its coefficients in a field: an instance objective calling an instance helper.</summary>
public sealed partial class PolynomialModel
{
    private readonly double[] _powers;

    /// <summary>Creates the model; <paramref name="powers"/> are the exponents of the terms.</summary>
    public PolynomialModel(double[] powers) => _powers = powers;

    private double Term(double v, int k) => Math.Pow(1.0 + v * v, 0.5 * _powers[k]);

    // instance helper reading a field through 'this'; called inside a foreach over the variables.
    [Objective]
    public double Energy(ReadOnlySpan<double> x)
    {
        double energy = 0.0;
        int k = 0;
        foreach (double xi in x)
        {
            energy += Term(xi, k % _powers.Length);
            k++;
        }

        return energy;
    }
}

/// <summary>Model data in a <c>readonly struct</c>: fields and properties (computed ones too) read as data.</summary>
public readonly struct SpringData
{
    private readonly double _scale;

    /// <summary>Creates the data.</summary>
    public SpringData(double stiffness, double[] rest, double scale)
    {
        Stiffness = stiffness;
        Rest = rest;
        _scale = scale;
    }

    /// <summary>The spring constant.</summary>
    public double Stiffness { get; }

    /// <summary>The rest positions, one per variable.</summary>
    public double[] Rest { get; }

    /// <summary>A computed property over a private field.</summary>
    public double Scale => 2.0 * _scale;
}

/// <summary>An instance objective reading a field and a property of its own type and a readonly struct data parameter.</summary>
public sealed partial class SpringSet
{
    private readonly double _weight = 0.5;

    private double Offset { get; } = 0.1;

    // readonly struct data by value and by 'in'; a field and a property of the containing type; a helper reading both.
    [Objective]
    public double Energy(ReadOnlySpan<double> x, SpringData springs, in SpringData pull)
    {
        double e = 0.0;
        foreach (double xi in x) e += Pull(xi, pull.Stiffness);
        for (int i = 0; i < x.Length; i++)
        {
            double d = x[i] - springs.Rest[i] - Offset;
            e += 0.5 * springs.Stiffness * d * d * springs.Scale;
        }

        return e;
    }

    private double Pull(double v, double strength) => _weight * strength * Math.Sin(v);
}
