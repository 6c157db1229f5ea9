using AutoDiffLbfgs;

namespace CurveFit;

/// <summary>
/// The model y(t) = a·e^(−b·t) + c with parameters p = (a, b, c), and the least-squares objective that fits it to
/// measurements. The generator adds <c>SumOfSquaresGradient</c>, <c>SumOfSquaresHessianVectorProduct</c> and the
/// <c>SumOfSquaresObjective</c> struct, which carries the two data arrays.
/// </summary>
public static partial class DecayModel
{
    /// <summary>Number of parameters p = (a, b, c).</summary>
    public const int ParameterCount = 3;

    /// <summary>Names of the parameters, in the order of p.</summary>
    public static readonly string[] ParameterNames = ["a", "b", "c"];

    /// <summary>
    /// Lower bounds of (a, b, c): a decay rate b and a baseline c cannot be negative (a count rate, a concentration), the
    /// amplitude a is free. The solver runs L-BFGS-B with them; a parameter the data would push below zero stays at 0.
    /// </summary>
    public static readonly double[] LowerBounds = [double.NegativeInfinity, 0, 0];

    /// <summary>The model value a·e^(−b·t) + c.</summary>
    public static double Evaluate(ReadOnlySpan<double> p, double t) => p[0] * Math.Exp(-p[1] * t) + p[2];

    /// <summary>
    /// S(p) = Σᵢ (a·e^(−b·tᵢ) + c − yᵢ)², the sum of squared residuals. The two arrays are data: the generator
    /// differentiates with respect to <paramref name="p"/> only.
    /// </summary>
    /// <param name="p">The parameters (a, b, c).</param>
    /// <param name="times">Measurement times tᵢ.</param>
    /// <param name="values">Measured values yᵢ, one per time.</param>
    [Objective]
    public static double SumOfSquares(ReadOnlySpan<double> p, double[] times, double[] values)
    {
        double s = 0;
        for (int i = 0; i < times.Length; i++)
        {
            // The model is written out rather than calling Evaluate: the generator differentiates only the body it sees.
            double r = p[0] * Math.Exp(-p[1] * times[i]) + p[2] - values[i];
            s += r * r;
        }
        return s;
    }
}
