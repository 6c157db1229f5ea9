namespace AutoDiffLbfgs.Tests.Stochastic;

/// <summary>
/// fᵢ(w) = −½·‖w‖² + cᵢᵀw: every Hessian is −I, so every curvature pair has sᵀy = −‖s‖² &lt; 0 and must be skipped.
/// </summary>
internal readonly struct NegativeCurvatureTerms(double[] c, int dimension) : IFiniteSumObjective<double>
{
    public int TermCount => c.Length / dimension;

    public double TermValue(int term, ReadOnlySpan<double> w)
    {
        double value = 0;
        for (int j = 0; j < dimension; j++) value += -0.5 * w[j] * w[j] + c[term * dimension + j] * w[j];
        return value;
    }

    public double TermValueAndGradient(int term, ReadOnlySpan<double> w, Span<double> gradient)
    {
        for (int j = 0; j < dimension; j++) gradient[j] = -w[j] + c[term * dimension + j];
        return TermValue(term, w);
    }

    public void TermHessianVectorProduct(int term, ReadOnlySpan<double> w, ReadOnlySpan<double> v, Span<double> result)
    {
        for (int j = 0; j < dimension; j++) result[j] = -v[j];
    }
}
