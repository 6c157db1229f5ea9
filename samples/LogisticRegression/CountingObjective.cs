using AutoDiffLbfgs;
using AutoDiffLbfgs.Stochastic;

namespace LogisticRegression;

/// <summary>
/// The full objective with a count of its data passes: each evaluation of L (with or without ∇L) and each
/// Hessian-vector product is one pass over the data.
/// </summary>
internal readonly struct CountingObjective(FullSumObjective<double, Model.LossTerms> inner) : ITwiceDifferentiableObjective<double>
{
    private readonly int[] _count = new int[1];

    /// <summary>Data passes so far.</summary>
    public int Evaluations => _count[0];

    public double Value(ReadOnlySpan<double> x)
    {
        _count[0]++;
        return inner.Value(x);
    }

    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        _count[0]++;
        return inner.ValueAndGradient(x, gradient);
    }

    public void HessianVectorProduct(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result)
    {
        _count[0]++;
        inner.HessianVectorProduct(x, v, result);
    }
}
