namespace AutoDiffLbfgs.Tests.Gradients.Objectives;

/// <summary>
/// A helper over a span whose gradient and Hessian-vector product the user supplies
/// (<c>[Derivative(Gradient = …, HessianVectorProduct = …)]</c>), called from objectives: alone, squared, inside a
/// loop and a branch, with data and integer-derived arguments.
/// </summary>
internal static partial class SpanRuleObjectives
{
    /// <summary>
    /// T·log Σ wᵢ·exp(uᵢ/T), shifted by the largest uᵢ for stability: the kind of "library" function whose body the
    /// generator is told not to read.
    /// </summary>
    [Derivative(Gradient = nameof(SoftMaxGradient), HessianVectorProduct = nameof(SoftMaxHessianVectorProduct))]
    internal static double SoftMax(ReadOnlySpan<double> u, double[] weights, double temperature)
    {
        double shift = double.NegativeInfinity;
        foreach (double value in u) shift = Math.Max(shift, value);
        double sum = 0.0;
        for (int i = 0; i < u.Length; i++) sum += weights[i] * Math.Exp((u[i] - shift) / temperature);
        return shift + temperature * Math.Log(sum);
    }

    /// <summary>SoftMax and its gradient pᵢ = wᵢ·exp(uᵢ/T) / Σ.</summary>
    internal static double SoftMaxGradient(ReadOnlySpan<double> u, Span<double> gradient, double[] weights, double temperature)
    {
        double value = SoftMax(u, weights, temperature);
        for (int i = 0; i < u.Length; i++) gradient[i] = weights[i] * Math.Exp((u[i] - value) / temperature);
        return value;
    }

    /// <summary>∇²SoftMax·v: (pᵢvᵢ − pᵢ·Σⱼ pⱼvⱼ)/T.</summary>
    internal static void SoftMaxHessianVectorProduct(ReadOnlySpan<double> u, ReadOnlySpan<double> v, Span<double> result, double[] weights, double temperature)
    {
        SoftMaxGradient(u, result, weights, temperature);
        double pv = 0.0;
        for (int i = 0; i < u.Length; i++) pv += result[i] * v[i];
        for (int i = 0; i < u.Length; i++) result[i] = result[i] * (v[i] - pv) / temperature;
    }

    [Objective]
    internal static double SoftMaxFit(ReadOnlySpan<double> x, double[] weights)
    {
        double squares = 0.0;
        for (int i = 0; i < x.Length; i++) squares += x[i] * x[i];
        double m = SoftMax(x, weights, 0.7);
        double waves = 0.0;
        for (int k = 0; k < 2; k++)
        {
            double level = SoftMax(x, weights, 0.5 + k);
            if (level > 0.0) waves += Math.Sin(level) * x[k];
            else waves -= level * level;
        }

        return m * m + 0.1 * squares + waves;
    }
}
