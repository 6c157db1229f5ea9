namespace AutoDiffLbfgs.Generator.Tests.ControlFlowAndHelpers;

/// <summary>
/// Objectives that use the control flow and helpers of the differentiable subset (foreach, switch, Math.Clamp, helper methods and
/// local functions). Each is a complete, valid C# file the generator must accept without a diagnostic.
/// </summary>
public static class ControlFlowAndHelperSources
{
    /// <summary>foreach over the variables and over data, a switch statement, a switch expression and Math.Clamp.</summary>
    public const string ForEachAndSwitch = """
        using System;
        using AutoDiffLbfgs;

        namespace Demo;

        public static partial class Shapes
        {
            [Objective]
            public static double Piecewise(ReadOnlySpan<double> x, double[] weights, int mode)
            {
                double s = 0.0;
                foreach (double xi in x) s += xi * xi;
                foreach (var w in weights) s += w * Math.Sin(x[0]);
                switch (mode)
                {
                    case 0:
                        s += Math.Sin(x[1]);
                        break;
                    case 1:
                    case 2:
                        s *= 0.5;
                        break;
                    default:
                        s += Math.Clamp(x[1], -1.0, 1.0);
                        break;
                }
                double scale = mode switch { 0 => 1.0, < 3 => 2.0, _ => 3.0 };
                return scale * s;
            }
        }
        """;

    /// <summary>
    /// Helpers: an expression-bodied one and one over spans (inlined at their calls), one with an early return over scalars
    /// (transformed once), an expression-bodied local function (inlined).
    /// </summary>
    public const string Helpers = """
        using System;
        using AutoDiffLbfgs;

        namespace Demo;

        public static partial class Losses
        {
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

            [Objective]
            public static double Robust(ReadOnlySpan<double> x, double[] targets)
            {
                double s = 0.0;
                for (int i = 0; i < x.Length; i++)
                {
                    s += Softplus(x[i]) + Huber(x[i] - targets[i], 0.5);
                }
                double Square(double v) => v * v;
                return s + Square(Dot(x, targets));
            }
        }
        """;

    /// <summary>Write-once local arrays: a residual vector on the stack, a hidden layer on the heap read by a taped loop.</summary>
    public const string LocalArrays = """
        using System;
        using AutoDiffLbfgs;

        namespace Demo;

        public static partial class Fits
        {
            [Objective]
            public static double Residuals(ReadOnlySpan<double> x, double[] t, double[] y)
            {
                Span<double> r = stackalloc double[t.Length];
                for (int i = 0; i < r.Length; i++)
                {
                    r[i] = x[0] * Math.Exp(-x[1] * t[i]) - y[i];
                }
                double s = 0.0;
                for (int i = 0; i < r.Length; i++) s += r[i] * r[i];
                return 0.5 * s;
            }

            [Objective]
            public static double Layer(ReadOnlySpan<double> x, double[] input)
            {
                int hidden = 3;
                double[] h = new double[hidden];
                for (int j = 0; j < hidden; j++)
                {
                    double z = x[j];
                    for (int k = 0; k < input.Length; k++) z += x[hidden + j * input.Length + k] * input[k];
                    h[j] = Math.Tanh(z);
                }
                double output = 0.0;
                for (int j = 0; j < hidden; j++) output += h[j] * h[j] * x[j];
                double p = 1.0;
                for (int j = 0; j < hidden; j++) p *= 1.0 + h[j];
                return output + p;
            }
        }
        """;

    /// <summary>Overwritten local arrays: a layer accumulated and activated in place, and an Euler recurrence refilled per pass.</summary>
    /// <summary>A scratch vector declared once and rewritten for every row: a per-iteration array (<c>ScratchArrays</c>).</summary>
    public const string PerIterationArrays = """
        using System;
        using AutoDiffLbfgs;

        namespace Demo;

        public static partial class Mixtures
        {
            [Objective]
            public static double Rows(ReadOnlySpan<double> x, double[] rows, int width)
            {
                double[] centered = new double[width];
                double s = 0.0;
                for (int r = 0; r < rows.Length / width; r++)
                {
                    for (int c = 0; c < width; c++) centered[c] = rows[r * width + c] - x[c];
                    double q = 0.0;
                    for (int c = 0; c < width; c++) q += centered[c] * centered[c];
                    s += Math.Log(1.0 + q);
                }
                return s;
            }
        }
        """;

    public const string SpanSlices = """
        using System;
        using AutoDiffLbfgs;

        namespace Demo;

        public static partial class Slices
        {
            [Objective]
            public static double Rows(ReadOnlySpan<double> x, double[] rows, int width)
            {
                ReadOnlySpan<double> weights = x[..width];
                double s = 0.0;
                for (int r = 0; r < rows.Length / width; r++)
                {
                    ReadOnlySpan<double> row = rows.AsSpan(r * width, width);
                    double z = x[^1];
                    for (int c = 0; c < width; c++) z += row[c] * weights[c];
                    s += Math.Log(1.0 + Math.Exp(z));
                }
                return s + 0.5 * SquaredNorm(x.Slice(1, width - 1));
            }

            private static double SquaredNorm(ReadOnlySpan<double> v)
            {
                double q = 0.0;
                foreach (double e in v) q += e * e;
                return q;
            }
        }
        """;

    public const string OverwrittenArrays = """
        using System;
        using AutoDiffLbfgs;

        namespace Demo;

        public static partial class Dynamics
        {
            [Objective]
            public static double Layer(ReadOnlySpan<double> x, double[] input)
            {
                double[] h = new double[2];
                for (int i = 0; i < h.Length; i++)
                {
                    for (int j = 0; j < input.Length; j++) h[i] += x[i * input.Length + j] * input[j];
                }
                for (int i = 0; i < h.Length; i++) h[i] = Math.Tanh(h[i]);
                return h[0] * h[1];
            }

            [Objective]
            public static double Euler(ReadOnlySpan<double> x, double[] observed)
            {
                Span<double> y = stackalloc double[observed.Length];
                y[0] = x[1];
                for (int k = 1; k < y.Length; k++) y[k] = y[k - 1] - 0.1 * x[0] * y[k - 1];
                double loss = 0.0;
                for (int k = 0; k < y.Length; k++) loss += (y[k] - observed[k]) * (y[k] - observed[k]);
                return loss;
            }
        }
        """;

    /// <summary>User-supplied derivative rules: a one-argument rule, and a two-argument rule whose partials call it again.</summary>
    public const string UserRules = """
        using System;
        using AutoDiffLbfgs;

        namespace Demo;

        public static partial class Special
        {
            [Derivative(nameof(LogCoshDerivative))]
            public static double LogCosh(double z)
            {
                double a = Math.Abs(z);
                return a + Math.Log(1.0 + Math.Exp(-2.0 * a)) - Math.Log(2.0);
            }

            public static double LogCoshDerivative(double z) => Math.Tanh(z);

            [Derivative(nameof(HypotDx), nameof(HypotDy))]
            public static double Hypot(double x, double y)
            {
                double s = Math.Max(Math.Abs(x), Math.Abs(y));
                if (s == 0.0) return 0.0;
                double u = x / s, w = y / s;
                return s * Math.Sqrt(u * u + w * w);
            }

            public static double HypotDx(double x, double y) => x / Hypot(x, y);
            public static double HypotDy(double x, double y) => y / Hypot(x, y);

            [Objective]
            public static double Loss(ReadOnlySpan<double> x)
            {
                double s = 0.0;
                for (int i = 0; i + 1 < x.Length; i++) s += LogCosh(x[i] - 0.3) * Hypot(x[i], x[i + 1]);
                return s;
            }
        }
        """;

    /// <summary>
    /// Helpers transformed once: one with a loop, an early return and an integer parameter, called at three sites (in a
    /// loop, through another helper, in a while condition); a helper calling it (nested); a local function that captures nothing.
    /// <summary>
    /// A helper over the variables transformed once: a loop with an early return, a data array and a scalar data
    /// argument, a call of a scalar helper transformed once; called at two sites, one in a loop.
    /// </summary>
    public const string SpanHelpers = """
        using System;
        using AutoDiffLbfgs;

        namespace Demo;

        public static partial class Springs
        {
            private static double Soft(double d)
            {
                double a = Math.Abs(d);
                if (a < 1.0) return 0.5 * d * d;
                return a - 0.5;
            }

            private static double Stretch(ReadOnlySpan<double> u, double[] rest, double scale)
            {
                double s = 0.0;
                for (int i = 1; i < u.Length; i++)
                {
                    s += Soft(scale * (u[i] - u[i - 1] - rest[i - 1]));
                    if (s > 100.0) return s;
                }
                return s;
            }

            [Objective]
            public static double Energy(ReadOnlySpan<double> x, double[] rest)
            {
                double e = Stretch(x, rest, 1.0);
                for (int k = 1; k <= 2; k++) e += Stretch(x, rest, 0.5 * k);
                return e;
            }
        }
        """;

    /// </summary>
    public const string OnceTransformedHelpers = """
        using System;
        using AutoDiffLbfgs;

        namespace Demo;

        public static partial class Chains
        {
            private static double Series(double z, int terms)
            {
                double sum = 0.0, term = 1.0;
                for (int k = 1; k <= terms; k++)
                {
                    term *= z / k;
                    if (Math.Abs(term) < 1e-12) return sum;
                    sum += term;
                }
                return sum;
            }

            private static double Smooth(double a, double b)
            {
                double s = Series(a * b, 4);
                return Math.Log(1.0 + s * s);
            }

            [Objective]
            public static double Energy(ReadOnlySpan<double> x)
            {
                double e = 0.0;
                for (int i = 1; i < x.Length; i++) e += Smooth(x[i - 1], x[i]) + Series(x[i], 3);
                double y = x[0];
                int steps = 0;
                while (Series(y, 5) > 2.0 && steps < 4)
                {
                    y *= 0.5;
                    steps++;
                }
                double Pull(double u)
                {
                    double d = u - 1.0;
                    return d * d;
                }
                return e + Pull(y);
            }
        }
        """;
}
