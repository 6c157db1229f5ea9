namespace AutoDiffLbfgs.Tests.Gradients.Objectives;

/// <summary>
/// Objectives that vary the declaration rather than the body: variable kinds (Span, array), float, data span
/// parameters, expression bodies, accessibility, nested types and instance methods reading fields.
/// </summary>
public static partial class SignatureObjectives
{
    // Span<T> variables (read only); the gradient still takes ReadOnlySpan<T>.
    [Objective]
    public static double SpanVariables(Span<double> x)
    {
        double s = 0.0;
        for (int i = 0; i < x.Length; i++)
        {
            s += Math.Exp(-x[i] * x[i]) + 0.1 * i * x[i];
        }

        return s;
    }

    // T[] variables; x.Length of an array.
    [Objective]
    public static double ArrayVariables(double[] x)
    {
        double s = 0.0;
        for (int i = 1; i < x.Length; i++)
        {
            double d = x[i] - x[i - 1];
            s += Math.Sqrt(1.0 + d * d);
        }

        return s;
    }

    // expression-bodied method.
    [Objective]
    internal static double ExpressionBodied(ReadOnlySpan<double> x) => x[0] * x[0] * x[1] + Math.Sin(x[1]) / (2.0 + Math.Cos(x[0]));

    // data span parameter (the objective struct becomes a ref struct) and an int data parameter used as a loop bound.
    [Objective]
    public static double WeightedPowers(ReadOnlySpan<double> x, ReadOnlySpan<double> weights, int power)
    {
        double s = 0.0;
        for (int i = 0; i < x.Length; i++)
        {
            double term = weights[i % weights.Length];
            for (int p = 0; p < power; p++)
            {
                term *= x[i];
            }

            s += term;
        }

        return s;
    }

    // float objective with MathF: Sqrt, Exp, Log, Sin, Cos, Tanh, Pow, Abs, Max, Min, FusedMultiplyAdd; float literals.
    [Objective]
    public static float FloatMathF(ReadOnlySpan<float> x)
    {
        float s = 0f;
        for (int i = 0; i < x.Length; i++)
        {
            float v = x[i];
            s += MathF.Sqrt(1f + v * v) + 0.5f * MathF.Sin(v) * MathF.Exp(-0.25f * v) + MathF.Log(2f + MathF.Cos(v));
        }

        s += MathF.Tanh(x[0] * x[1]) + MathF.Pow(1.5f + x[1] * x[1], 1.5f) + MathF.Abs(x[2] - 0.5f);
        s += MathF.Max(x[0], x[1]) * MathF.Min(x[1], x[2]) + MathF.FusedMultiplyAdd(x[0], x[2], 1f);
        return s;
    }

    // float Rosenbrock over float[] variables.
    [Objective]
    public static float FloatRosenbrock(float[] x)
    {
        float s = 0f;
        for (int i = 0; i + 1 < x.Length; i++)
        {
            float a = 1f - x[i], b = x[i + 1] - x[i] * x[i];
            s += a * a + 100f * b * b;
        }

        return s;
    }

    // float objective calling double Math functions: float → double widening (implicit and explicit), double → float
    // narrowing casts, a double local inside a float objective.
    [Objective]
    public static float FloatWithDoubleMath(ReadOnlySpan<float> x)
    {
        double wide = x[0];
        double s = Math.Exp(0.5 * wide) + Math.Atan((double)x[1] * x[2]);
        float narrow = (float)(wide * x[1]);
        return (float)s + narrow * x[2] + (float)Math.Sqrt(1.0 + x[3] * x[3]);
    }

    // private objective: the generated members are private too, reached through the accessors below.
    [Objective]
    private static double PrivateQuartic(ReadOnlySpan<double> x) => x[0] * x[0] * x[0] * x[0] - x[0] * x[1] + x[1] * x[1];

    /// <summary>Calls the private objective.</summary>
    internal static double CallPrivateQuartic(ReadOnlySpan<double> x) => PrivateQuartic(x);

    /// <summary>Calls the generated gradient of the private objective.</summary>
    internal static double CallPrivateQuarticGradient(ReadOnlySpan<double> x, Span<double> gradient) => PrivateQuarticGradient(x, gradient);

    /// <summary>Calls <c>Value</c> on the generated objective struct of the private objective.</summary>
    internal static double CallPrivateQuarticObjectiveValue(ReadOnlySpan<double> x) => new PrivateQuarticObjective().Value(x);

    /// <summary>Calls <c>ValueAndGradient</c> on the generated objective struct of the private objective.</summary>
    internal static double CallPrivateQuarticObjectiveGradient(ReadOnlySpan<double> x, Span<double> gradient) =>
        new PrivateQuarticObjective().ValueAndGradient(x, gradient);

    /// <summary>Calls <c>HessianVectorProduct</c> on the generated objective struct of the private objective.</summary>
    internal static void CallPrivateQuarticObjectiveHessianVectorProduct(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result) =>
        new PrivateQuarticObjective().HessianVectorProduct(x, v, result);

    /// <summary>An objective two levels deep in partial types.</summary>
    public static partial class Outer
    {
        /// <summary>The inner type.</summary>
        internal static partial class Inner
        {
            // nested partial classes; a data double scaling Cosh.
            [Objective]
            internal static double NestedCosh(ReadOnlySpan<double> x, double scale)
            {
                double s = 0.0;
                for (int i = 0; i < x.Length; i++)
                {
                    s += Math.Cosh(scale * x[i]) / (1 + i);
                }

                return s;
            }
        }
    }
}

/// <summary>A chain of springs: an instance objective whose fields are data.</summary>
public sealed partial class SpringChain
{
    private readonly double[] _stiffness;
    private readonly double _restLength;

    /// <summary>Creates a chain with one stiffness per spring.</summary>
    public SpringChain(double[] stiffness, double restLength)
    {
        _stiffness = stiffness;
        _restLength = restLength;
    }

    // instance method; reads a field array and a scalar field; a data parameter after the variables.
    [Objective]
    public double Energy(ReadOnlySpan<double> x, double anchorWeight)
    {
        double energy = 0.5 * anchorWeight * x[0] * x[0];
        for (int i = 0; i + 1 < x.Length; i++)
        {
            double stretch = x[i + 1] - x[i] - _restLength;
            energy += 0.5 * _stiffness[i] * stretch * stretch;
        }

        return energy;
    }
}

/// <summary>An instance objective on a partial struct nested in a partial class.</summary>
public static partial class Containers
{
    /// <summary>A Gaussian bump with a stored centre.</summary>
    public partial struct Bump
    {
        private readonly double _centre;
        private readonly double _width;

        /// <summary>Creates the bump.</summary>
        public Bump(double centre, double width)
        {
            _centre = centre;
            _width = width;
        }

        // instance method of a struct nested in a class; reads fields; Exp of a quotient.
        [Objective]
        public double Depth(ReadOnlySpan<double> x)
        {
            double s = 0.0;
            for (int i = 0; i < x.Length; i++)
            {
                double d = (x[i] - _centre) / _width;
                s -= Math.Exp(-0.5 * d * d);
            }

            return s;
        }
    }
}
