using System.Numerics;

namespace AutoDiffLbfgs.Tests.Stochastic;

/// <summary>
/// A least-squares fit as a finite sum: fᵢ(w) = ½·(aᵢᵀw − bᵢ)², so ∇fᵢ = rᵢ·aᵢ and ∇²fᵢ·v = (aᵢᵀv)·aᵢ exactly. Its
/// Hessian does not depend on w, which makes the curvature pairs of the solver checkable by hand.
/// </summary>
internal readonly struct LeastSquaresTerms : IFiniteSumObjective<double>
{
    private readonly double[] _a;
    private readonly double[] _b;
    private readonly int _n;

    /// <param name="a">Row-major N × n design matrix.</param>
    /// <param name="b">N targets.</param>
    public LeastSquaresTerms(double[] a, double[] b)
    {
        _a = a;
        _b = b;
        _n = a.Length / b.Length;
    }

    public int TermCount => _b.Length;

    public ReadOnlySpan<double> Row(int term) => _a.AsSpan(term * _n, _n);

    public double TermValue(int term, ReadOnlySpan<double> w)
    {
        double r = Residual(term, w);
        return 0.5 * r * r;
    }

    public double TermValueAndGradient(int term, ReadOnlySpan<double> w, Span<double> gradient)
    {
        double r = Residual(term, w);
        ReadOnlySpan<double> a = Row(term);
        for (int j = 0; j < _n; j++) gradient[j] = r * a[j];
        return 0.5 * r * r;
    }

    public void TermHessianVectorProduct(int term, ReadOnlySpan<double> w, ReadOnlySpan<double> v, Span<double> result)
    {
        ReadOnlySpan<double> a = Row(term);
        double av = 0;
        for (int j = 0; j < _n; j++) av += a[j] * v[j];
        for (int j = 0; j < _n; j++) result[j] = av * a[j];
    }

    /// <summary>A random well-conditioned problem with a fixed seed.</summary>
    public static LeastSquaresTerms Random(int termCount, int dimension, int seed)
    {
        var random = new Random(seed);
        var a = new double[termCount * dimension];
        var b = new double[termCount];
        for (int i = 0; i < a.Length; i++) a[i] = random.NextDouble() * 2 - 1;
        for (int i = 0; i < b.Length; i++) b[i] = random.NextDouble() * 2 - 1;
        return new LeastSquaresTerms(a, b);
    }

    private double Residual(int term, ReadOnlySpan<double> w)
    {
        ReadOnlySpan<double> a = Row(term);
        double r = -_b[term];
        for (int j = 0; j < _n; j++) r += a[j] * w[j];
        return r;
    }
}
