namespace AutoDiffLbfgs.Generator.Tests.SecondTier;

/// <summary>
/// Objectives that use the second tier of the differentiable subset (foreach, switch, Math.Clamp, helper methods and
/// local functions). Each is a complete, valid C# file the generator must accept without a diagnostic.
/// </summary>
public static class SecondTierSources
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

    /// <summary>Helpers inlined at their calls: an expression-bodied one, one with an early return, one over spans, a local function.</summary>
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
}
