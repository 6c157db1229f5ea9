namespace AutoDiffLbfgs.Tests.Classic;

/// <summary>f = Σ (xᵢ − cᵢ)²/2 with cᵢ = i + 1; minimum 0 at c.</summary>
internal readonly struct ShiftedQuadratic : IDifferentiableObjective<double>
{
    public double Value(ReadOnlySpan<double> x) => ValueAndGradient(x, new double[x.Length]);

    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        double f = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double d = x[i] - (i + 1);
            f += 0.5 * d * d;
            gradient[i] = d;
        }
        return f;
    }
}

/// <summary>The chained Rosenbrock function in single precision.</summary>
internal readonly struct RosenbrockSingle : IDifferentiableObjective<float>
{
    public float Value(ReadOnlySpan<float> x) => ValueAndGradient(x, new float[x.Length]);

    public float ValueAndGradient(ReadOnlySpan<float> x, Span<float> g)
    {
        g.Clear();
        float f = 0;
        for (int i = 0; i + 1 < x.Length; i++)
        {
            float a = 1 - x[i], b = x[i + 1] - x[i] * x[i];
            f += a * a + 100 * b * b;
            g[i] += -2 * a - 400 * x[i] * b;
            g[i + 1] += 200 * b;
        }
        return f;
    }
}

/// <summary>Chained Rosenbrock for the first <c>honest</c> calls; afterwards every value is raised by 1e6, so no later trial can decrease f and every line search fails.</summary>
internal struct JumpingRosenbrock(int honest) : IDifferentiableObjective<double>
{
    private int _calls;

    public readonly double Value(ReadOnlySpan<double> x) => new Mgh.Problems.ChainedRosenbrock(x.Length).Value(x);

    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        double f = new Mgh.Problems.ChainedRosenbrock(x.Length).ValueAndGradient(x, gradient);
        return ++_calls > honest ? f + 1e6 : f;
    }
}

/// <summary>f = ε·Σxᵢ with ε = 1e-200: the gradient is so small that ∇fᵀ∇f underflows to zero.</summary>
internal readonly struct TinyLinear : IDifferentiableObjective<double>
{
    public double Value(ReadOnlySpan<double> x) => ValueAndGradient(x, new double[x.Length]);

    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        double f = 0;
        for (int i = 0; i < x.Length; i++)
        {
            f += 1e-200 * x[i];
            gradient[i] = 1e-200;
        }
        return f;
    }
}

/// <summary>ShiftedQuadratic, but NaN wherever some xᵢ exceeds <c>limit</c> — a domain edge the line search must back away from.</summary>
internal readonly struct FencedQuadratic(double limit) : IDifferentiableObjective<double>
{
    public double Value(ReadOnlySpan<double> x) => ValueAndGradient(x, new double[x.Length]);

    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        double f = new ShiftedQuadratic().ValueAndGradient(x, gradient);
        foreach (double v in x) if (v > limit) return double.NaN;
        return f;
    }
}
