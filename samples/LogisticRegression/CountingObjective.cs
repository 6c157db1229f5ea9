using AutoDiffLbfgs;
using AutoDiffLbfgs.Stochastic;

namespace LogisticRegression;

/// <summary>The full objective with a count of its evaluations (each is one pass over the data).</summary>
internal readonly struct CountingObjective(FullSumObjective<double, Model.LossTerms> inner) : IDifferentiableObjective<double>
{
    private readonly int[] _count = new int[1];

    /// <summary>Evaluations so far.</summary>
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
}
