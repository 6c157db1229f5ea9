namespace AutoDiffLbfgs.Tests.Hessians;

/// <summary>Objectives whose Hessians are known in closed form, for exact checks of the generated HVP.</summary>
public static partial class HessianObjectives
{
    /// <summary>f = ½xᵀAx + bᵀx with A (n×n, row-major) and b as data; ∇²f = ½(A + Aᵀ).</summary>
    [Objective]
    public static double Quadratic(ReadOnlySpan<double> x, double[] a, double[] b)
    {
        int n = x.Length;
        double s = 0;
        for (int i = 0; i < n; i++)
        {
            double row = 0;
            for (int j = 0; j < n; j++) row += a[i * n + j] * x[j];
            s += 0.5 * x[i] * row + b[i] * x[i];
        }
        return s;
    }

    /// <summary>The same quadratic in single precision.</summary>
    [Objective]
    public static float QuadraticSingle(ReadOnlySpan<float> x, float[] a, float[] b)
    {
        int n = x.Length;
        float s = 0;
        for (int i = 0; i < n; i++)
        {
            float row = 0;
            for (int j = 0; j < n; j++) row += a[i * n + j] * x[j];
            s += 0.5f * x[i] * row + b[i] * x[i];
        }
        return s;
    }

    /// <summary>f = Σ exp(xᵢ); ∇²f = diag(exp(xᵢ)).</summary>
    [Objective]
    public static double SumExp(ReadOnlySpan<double> x)
    {
        double s = 0;
        for (int i = 0; i < x.Length; i++) s += Math.Exp(x[i]);
        return s;
    }

    /// <summary>f = (‖x‖²)²; ∇²f = 4‖x‖²I + 8xxᵀ.</summary>
    [Objective]
    public static double SquaredNormSquared(ReadOnlySpan<double> x)
    {
        double r2 = 0;
        for (int i = 0; i < x.Length; i++) r2 += x[i] * x[i];
        return r2 * r2;
    }

    /// <summary>f = log Σ exp(xᵢ); ∇²f = diag(p) − ppᵀ with p = softmax(x).</summary>
    [Objective]
    public static double LogSumExp(ReadOnlySpan<double> x)
    {
        double m = x[0];
        for (int i = 1; i < x.Length; i++) m = Math.Max(m, x[i]);
        double s = 0;
        for (int i = 0; i < x.Length; i++) s += Math.Exp(x[i] - m);
        return m + Math.Log(s);
    }

    /// <summary>Rosenbrock in two variables; ∇²f = [[1200x² − 400y + 2, −400x], [−400x, 200]].</summary>
    [Objective]
    public static double Rosenbrock2(ReadOnlySpan<double> x)
    {
        double a = 1 - x[0], b = x[1] - x[0] * x[0];
        return a * a + 100 * b * b;
    }

    /// <summary>f = p(x₀)² with p evaluated by Horner's rule (a taped loop); ∂²f/∂x₀² = 2(p′² + p·p″).</summary>
    [Objective]
    public static double HornerSquared(ReadOnlySpan<double> x, double[] c)
    {
        double p = 0;
        for (int k = c.Length - 1; k >= 0; k--) p = p * x[0] + c[k];
        return p * p;
    }
}
