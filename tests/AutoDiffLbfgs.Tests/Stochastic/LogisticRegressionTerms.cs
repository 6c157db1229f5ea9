using System.Numerics;

namespace AutoDiffLbfgs.Tests.Stochastic;

/// <summary>
/// Hand-written L2-regularized logistic regression as a finite sum, the reference the generated <c>…Terms</c> struct
/// must match: fᵢ(w) = log(1 + exp(zᵢ)) − yᵢ·zᵢ + (λ/2)·‖w_features‖², zᵢ = [xᵢ, 1]·w, intercept last and not
/// regularized, so F = (1/N)·Σᵢ fᵢ is the objective of the breast-cancer fixture. Gradient and Hessian-vector product
/// are analytic: ∇fᵢ = (σ(zᵢ) − yᵢ)·x̃ᵢ + λ·w_f and ∇²fᵢ·v = σ(zᵢ)(1 − σ(zᵢ))·(x̃ᵢᵀv)·x̃ᵢ + λ·v_f.
/// </summary>
internal readonly struct LogisticRegressionTerms<T> : IFiniteSumObjective<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _features;
    private readonly T[] _labels;
    private readonly T _lambda;
    private readonly int _featureCount;

    /// <param name="features">Row-major N × d matrix (without the constant column).</param>
    /// <param name="labels">N labels, 0 or 1.</param>
    /// <param name="lambda">λ ≥ 0.</param>
    public LogisticRegressionTerms(T[] features, T[] labels, T lambda)
    {
        _features = features;
        _labels = labels;
        _lambda = lambda;
        _featureCount = features.Length / labels.Length;
    }

    /// <summary>n = d + 1 (the intercept is last).</summary>
    public int Dimension => _featureCount + 1;

    public int TermCount => _labels.Length;

    public T TermValue(int term, ReadOnlySpan<T> w)
    {
        T z = Margin(term, w);
        return Softplus(z) - _labels[term] * z + Regularizer(w);
    }

    public T TermValueAndGradient(int term, ReadOnlySpan<T> w, Span<T> gradient)
    {
        T z = Margin(term, w);
        T r = Sigmoid(z) - _labels[term];
        ReadOnlySpan<T> x = Row(term);
        for (int j = 0; j < _featureCount; j++) gradient[j] = r * x[j] + _lambda * w[j];
        gradient[_featureCount] = r;
        return Softplus(z) - _labels[term] * z + Regularizer(w);
    }

    public void TermHessianVectorProduct(int term, ReadOnlySpan<T> w, ReadOnlySpan<T> v, Span<T> result)
    {
        T p = Sigmoid(Margin(term, w));
        ReadOnlySpan<T> x = Row(term);
        T xv = v[_featureCount];
        for (int j = 0; j < _featureCount; j++) xv += x[j] * v[j];
        T c = p * (T.One - p) * xv;
        for (int j = 0; j < _featureCount; j++) result[j] = c * x[j] + _lambda * v[j];
        result[_featureCount] = c;
    }

    /// <summary>F(w) = (1/N)·Σᵢ fᵢ(w), summed in double.</summary>
    public double FullValue(ReadOnlySpan<T> w)
    {
        double sum = 0;
        for (int i = 0; i < TermCount; i++) sum += double.CreateTruncating(TermValue(i, w));
        return sum / TermCount;
    }

    private ReadOnlySpan<T> Row(int term) => _features.AsSpan(term * _featureCount, _featureCount);

    private T Margin(int term, ReadOnlySpan<T> w)
    {
        ReadOnlySpan<T> x = Row(term);
        T z = w[_featureCount];
        for (int j = 0; j < _featureCount; j++) z += x[j] * w[j];
        return z;
    }

    private T Regularizer(ReadOnlySpan<T> w)
    {
        T sum = T.Zero;
        for (int j = 0; j < _featureCount; j++) sum += w[j] * w[j];
        return _lambda / T.CreateTruncating(2) * sum;
    }

    // log(1 + eᶻ) without overflow: z + log(1 + e⁻ᶻ) for z > 0.
    private static T Softplus(T z) => z > T.Zero ? z + T.LogP1(T.Exp(-z)) : T.LogP1(T.Exp(z));

    private static T Sigmoid(T z)
    {
        if (z >= T.Zero) return T.One / (T.One + T.Exp(-z));
        T e = T.Exp(z);
        return e / (T.One + e);
    }
}
