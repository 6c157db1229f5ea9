using System.Numerics;
using AutoDiffLbfgs.Numerics;

namespace AutoDiffLbfgs.Stochastic;

/// <summary>
/// The whole finite sum F(w) = (1/N)·Σᵢ fᵢ(w) as an ordinary objective, so the same term struct can be minimised by
/// the classic solver (<c>Lbfgs.Minimize</c>) or used wherever an <see cref="ITwiceDifferentiableObjective{T}"/> is
/// expected. Terms are summed sequentially in index order (deterministic), then divided by N.
/// </summary>
/// <remarks>One term-sized scratch vector is allocated by the constructor; evaluations allocate nothing. Not safe for concurrent use (the scratch is shared by copies).</remarks>
/// <typeparam name="T"><see cref="double"/> or <see cref="float"/>.</typeparam>
/// <typeparam name="TTerms">The finite-sum objective.</typeparam>
public readonly struct FullSumObjective<T, TTerms> : ITwiceDifferentiableObjective<T>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TTerms : struct, IFiniteSumObjective<T>
{
    private readonly TTerms _terms;
    private readonly T[] _scratch;

    /// <summary>Wraps <paramref name="terms"/> for points of dimension <paramref name="dimension"/>.</summary>
    /// <param name="terms">The finite sum.</param>
    /// <param name="dimension">n, the length of every w; at least 1.</param>
    public FullSumObjective(TTerms terms, int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        _terms = terms;
        _scratch = new T[dimension];
    }

    /// <summary>The wrapped terms.</summary>
    public TTerms Terms => _terms;

    /// <inheritdoc/>
    public T Value(ReadOnlySpan<T> x)
    {
        T sum = T.Zero;
        int count = _terms.TermCount;
        for (int i = 0; i < count; i++) sum += _terms.TermValue(i, x);
        return sum / T.CreateTruncating(count);
    }

    /// <inheritdoc/>
    public T ValueAndGradient(ReadOnlySpan<T> x, Span<T> gradient)
    {
        gradient.Clear();
        T sum = T.Zero;
        int count = _terms.TermCount;
        for (int i = 0; i < count; i++)
        {
            sum += _terms.TermValueAndGradient(i, x, _scratch);
            VectorMath.Axpy(T.One, _scratch, gradient);
        }
        T scale = T.One / T.CreateTruncating(count);
        VectorMath.Scale(scale, gradient);
        return sum / T.CreateTruncating(count);
    }

    /// <inheritdoc/>
    public void HessianVectorProduct(ReadOnlySpan<T> x, ReadOnlySpan<T> v, Span<T> result)
    {
        result.Clear();
        int count = _terms.TermCount;
        for (int i = 0; i < count; i++)
        {
            _terms.TermHessianVectorProduct(i, x, v, _scratch);
            VectorMath.Axpy(T.One, _scratch, result);
        }
        VectorMath.Scale(T.One / T.CreateTruncating(count), result);
    }
}
