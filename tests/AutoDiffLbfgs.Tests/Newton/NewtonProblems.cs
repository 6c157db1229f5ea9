namespace AutoDiffLbfgs.Tests.Newton;

/// <summary>
/// MGH problems (the definitions of <c>Mgh/Problems</c>, written as <c>[Objective]</c>s so the generator supplies the
/// Hessian-vector product the Newton solvers need; extended Rosenbrock, Powell singular and trigonometric are
/// <see cref="Gradients.Objectives.ClassicObjectives"/>), and small objectives with a known Hessian structure: indefinite
/// (negative curvature), singular, non-finite.
/// </summary>
public static partial class NewtonProblems
{
    /// <summary>Extended Rosenbrock in single precision.</summary>
    [Objective]
    public static float ExtendedRosenbrockSingle(ReadOnlySpan<float> x)
    {
        float f = 0;
        for (int i = 0; i + 1 < x.Length; i += 2)
        {
            float r1 = 10 * (x[i + 1] - x[i] * x[i]), r2 = 1 - x[i];
            f += r1 * r1 + r2 * r2;
        }
        return f;
    }

    /// <summary>MGH (2) Freudenstein–Roth.</summary>
    [Objective]
    public static double FreudensteinRoth(ReadOnlySpan<double> x)
    {
        double a = x[0], b = x[1];
        double r1 = -13 + a + ((5 - b) * b - 2) * b;
        double r2 = -29 + a + ((b + 1) * b - 14) * b;
        return r1 * r1 + r2 * r2;
    }

    /// <summary>MGH (4) Brown badly scaled.</summary>
    [Objective]
    public static double BrownBadlyScaled(ReadOnlySpan<double> x)
    {
        double r1 = x[0] - 1e6, r2 = x[1] - 2e-6, r3 = x[0] * x[1] - 2;
        return r1 * r1 + r2 * r2 + r3 * r3;
    }

    /// <summary>MGH (5) Beale.</summary>
    [Objective]
    public static double Beale(ReadOnlySpan<double> x)
    {
        double r1 = 1.5 - x[0] * (1 - x[1]);
        double r2 = 2.25 - x[0] * (1 - x[1] * x[1]);
        double r3 = 2.625 - x[0] * (1 - x[1] * x[1] * x[1]);
        return r1 * r1 + r2 * r2 + r3 * r3;
    }

    /// <summary>MGH (14) Wood.</summary>
    [Objective]
    public static double Wood(ReadOnlySpan<double> x)
    {
        double r1 = 10 * (x[1] - x[0] * x[0]), r2 = 1 - x[0], r3 = x[3] - x[2] * x[2], r4 = 1 - x[2];
        double r5 = x[1] + x[3] - 2, r6 = x[1] - x[3];
        return r1 * r1 + r2 * r2 + 90 * r3 * r3 + r4 * r4 + 10 * r5 * r5 + 0.1 * r6 * r6;
    }

    /// <summary>MGH (25) variably dimensioned.</summary>
    [Objective]
    public static double VariablyDimensioned(ReadOnlySpan<double> x)
    {
        double f = 0, s = 0;
        for (int j = 0; j < x.Length; j++)
        {
            f += (x[j] - 1) * (x[j] - 1);
            s += (j + 1) * (x[j] - 1);
        }
        return f + s * s + s * s * s * s;
    }

    /// <summary>MGH (23) penalty I.</summary>
    [Objective]
    public static double PenaltyI(ReadOnlySpan<double> x)
    {
        double f = 0, squares = 0;
        for (int i = 0; i < x.Length; i++)
        {
            f += 1e-5 * (x[i] - 1) * (x[i] - 1);
            squares += x[i] * x[i];
        }
        double last = squares - 0.25;
        return f + last * last;
    }

    /// <summary>f = x₀⁴/4 − x₀²/2 + x₁²: ∇²f = diag(3x₀² − 1, 2) is indefinite for |x₀| &lt; 1/√3; minima at x₀ = ±1, f* = −1/4.</summary>
    [Objective]
    public static double DoubleWell(ReadOnlySpan<double> x) => 0.25 * x[0] * x[0] * x[0] * x[0] - 0.5 * x[0] * x[0] + x[1] * x[1];

    /// <summary>f = (x₀ + x₁ − 2)²: the Hessian [[2, 2], [2, 2]] is singular everywhere; minima on the line x₀ + x₁ = 2.</summary>
    [Objective]
    public static double SingularValley(ReadOnlySpan<double> x) => (x[0] + x[1] - 2) * (x[0] + x[1] - 2);

    /// <summary>f = |x₀|^1.5 + x₁²: f and ∇f are finite everywhere, but ∂²f/∂x₀² is infinite at x₀ = 0, so the HVP is not finite there.</summary>
    [Objective]
    public static double CuspAtZero(ReadOnlySpan<double> x) => Math.Pow(Math.Abs(x[0]), 1.5) + x[1] * x[1];

    /// <summary>f = ½Σ sᵢxᵢ² with scales sᵢ as data: ∇²f = diag(s), so M = diag(s) makes CG exact in one iteration.</summary>
    [Objective]
    public static double ScaledQuadratic(ReadOnlySpan<double> x, double[] scales)
    {
        double f = 0;
        for (int i = 0; i < x.Length; i++) f += 0.5 * scales[i] * x[i] * x[i];
        return f;
    }

    /// <summary><see cref="ScaledQuadratic"/> in single precision.</summary>
    [Objective]
    public static float ScaledQuadraticSingle(ReadOnlySpan<float> x, float[] scales)
    {
        float f = 0;
        for (int i = 0; i < x.Length; i++) f += 0.5f * scales[i] * x[i] * x[i];
        return f;
    }
}
