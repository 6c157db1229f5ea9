namespace AutoDiffLbfgs.Generator.Tests;

/// <summary>
/// Representative <c>[Objective]</c> declarations shared by the snapshot, incremental and text tests. Each is a
/// complete, valid C# file; the generator must accept all of them without a diagnostic.
/// </summary>
public static class ObjectiveSources
{
    /// <summary>The names of the representative objectives, for theories over all of them.</summary>
    public static TheoryData<string> Names => new(
        nameof(Rosenbrock), nameof(LennardJones), nameof(Horner), nameof(EarlyReturn),
        nameof(Float), nameof(Instance), nameof(DataArrays), nameof(Nested));

    /// <summary>The source named <paramref name="name"/> (a constant of this class), for theories keyed by name.</summary>
    public static string Get(string name) =>
        (string)(typeof(ObjectiveSources).GetField(name)?.GetRawConstantValue() ?? throw new ArgumentException($"No source '{name}'.", nameof(name)));

    /// <summary>DESIGN.md §2's example: chained Rosenbrock, a pure += reduction loop (no tape).</summary>
    public const string Rosenbrock = """
        using System;
        using AutoDiffLbfgs;

        namespace Demo;

        public static partial class Problems
        {
            [Objective]
            public static double Rosenbrock(ReadOnlySpan<double> x)
            {
                double s = 0;
                for (int i = 0; i + 1 < x.Length; i++)
                {
                    double a = 1 - x[i], b = x[i + 1] - x[i] * x[i];
                    s += a * a + 100 * b * b;
                }
                return s;
            }
        }
        """;

    /// <summary>Lennard-Jones cluster energy over flat 3N coordinates: a nested pair loop.</summary>
    public const string LennardJones = """
        using System;
        using AutoDiffLbfgs;

        namespace Demo;

        public static partial class Clusters
        {
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
        }
        """;

    /// <summary>Horner evaluation: loop-carried non-linear state <c>y = y * t + c[k]</c> (taped) and a data array.</summary>
    public const string Horner = """
        using System;
        using AutoDiffLbfgs;

        namespace Demo;

        public static partial class Polynomials
        {
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
        }
        """;

    /// <summary>Early returns: a guard, a return inside a loop and a return under a branch on the variables.</summary>
    public const string EarlyReturn = """
        using System;
        using AutoDiffLbfgs;

        namespace Demo;

        public static partial class Returns
        {
            [Objective]
            public static double EarlyReturn(ReadOnlySpan<double> x)
            {
                if (x.Length == 0) return 0.0;
                double sum = 0.0;
                for (int i = 0; i < x.Length; i++)
                {
                    sum += Math.Exp(x[i]);
                    if (sum > 6.0) return Math.Log(sum) + x[0] * sum;
                }
                if (x[0] > 0.5) return sum * x[0];
                return sum - x[0] * x[0];
            }
        }
        """;

    /// <summary>A float objective over float[] variables using MathF.</summary>
    public const string Float = """
        using System;
        using AutoDiffLbfgs;

        namespace Demo;

        internal static partial class SinglePrecision
        {
            [Objective]
            internal static float Smooth(float[] x)
            {
                float sum = 0f;
                for (int i = 0; i < x.Length; i++)
                {
                    float v = x[i];
                    sum += MathF.Sqrt(1f + v * v) + 0.5f * MathF.Sin(v) * MathF.Exp(-0.25f * v);
                }
                return sum;
            }
        }
        """;

    /// <summary>An instance objective: fields are data, the generated members are instance members.</summary>
    public const string Instance = """
        using System;
        using AutoDiffLbfgs;

        namespace Demo;

        public sealed partial class SpringChain
        {
            private readonly double[] _stiffness;
            private readonly double _restLength;

            public SpringChain(double[] stiffness, double restLength)
            {
                _stiffness = stiffness;
                _restLength = restLength;
            }

            [Objective]
            public double Energy(Span<double> x)
            {
                double energy = 0.0;
                for (int i = 0; i + 1 < x.Length; i++)
                {
                    double stretch = x[i + 1] - x[i] - _restLength;
                    energy += 0.5 * _stiffness[i] * stretch * stretch;
                }
                return energy;
            }
        }
        """;

    /// <summary>Logistic loss with data arrays (flattened features and labels) and a stable branch.</summary>
    public const string DataArrays = """
        using System;
        using AutoDiffLbfgs;

        namespace Demo;

        public static partial class Classification
        {
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
        }
        """;

    /// <summary>An objective in a nested partial type with a span data parameter (so the objective struct is a ref struct).</summary>
    public const string Nested = """
        using System;
        using AutoDiffLbfgs;

        namespace Demo.Physics;

        public static partial class Outer
        {
            internal static partial class Inner
            {
                [Objective]
                internal static double Weighted(ReadOnlySpan<double> x, ReadOnlySpan<double> weights, double scale)
                {
                    double sum = 0.0;
                    for (int i = 0; i < x.Length; i++)
                    {
                        sum += weights[i] * Math.Cosh(scale * x[i]);
                    }
                    return sum;
                }
            }
        }
        """;

    /// <summary>A file unrelated to any objective, used to prove edits elsewhere leave the models cached.</summary>
    public const string Unrelated = """
        namespace Demo.Other;

        public static class Helpers
        {
            public static int Twice(int value) => 2 * value;
        }
        """;
}
