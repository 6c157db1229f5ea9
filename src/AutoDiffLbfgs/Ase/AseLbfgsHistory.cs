using AutoDiffLbfgs.Numerics;

namespace AutoDiffLbfgs.Ase;

/// <summary>
/// The (s, y, ρ) pairs of an ASE-mode run and the two-loop recursion over them, in ASE's operation order.
/// A ring buffer: <c>_newest</c> is the slot of the newest pair; the pair of age a (0 = newest) lives in slot
/// (_newest − a) mod memory, and a push beyond <c>memory</c> pairs overwrites the oldest, like ASE's <c>pop(0)</c>.
/// </summary>
internal sealed class AseLbfgsHistory
{
    private readonly double[][] _s;
    private readonly double[][] _y;
    private readonly double[] _rho;
    private readonly double[] _a;
    private int _newest = -1;

    public AseLbfgsHistory(int dimension, int memory)
    {
        _s = new double[memory][];
        _y = new double[memory][];
        for (int i = 0; i < memory; i++)
        {
            _s[i] = new double[dimension];
            _y[i] = new double[dimension];
        }
        _rho = new double[memory];
        _a = new double[memory];
    }

    /// <summary>Number of stored pairs, at most the memory.</summary>
    public int Count { get; private set; }

    /// <summary>Stores a pair as the newest, dropping the oldest when the buffer is full. No curvature test here.</summary>
    public void Push(ReadOnlySpan<double> s, ReadOnlySpan<double> y, double rho)
    {
        int m = _rho.Length;
        _newest = (_newest + 1) % m;
        s.CopyTo(_s[_newest]);
        y.CopyTo(_y[_newest]);
        _rho[_newest] = rho;
        if (Count < m) Count++;
    }

    /// <summary>Forgets every pair.</summary>
    public void Clear()
    {
        Count = 0;
        _newest = -1;
    }

    private int Slot(int age) => (_newest - age + _rho.Length) % _rho.Length;

    /// <summary>
    /// result ← H·q, H the L-BFGS inverse Hessian with H0 = h0Scale·I (Nocedal and Wright, Algorithm 7.4), in
    /// ASE's order: newest to oldest a_i = ρ_i(s_iᵀq), q ← q − a_i·y_i; z = h0Scale·q; oldest to newest
    /// b = ρ_i(y_iᵀz), z ← z + (a_i − b)·s_i. <paramref name="result"/> may not overlap the stored pairs.
    /// </summary>
    public void ApplyInverseHessian(ReadOnlySpan<double> q, Span<double> result, double h0Scale)
    {
        q.CopyTo(result);
        for (int age = 0; age < Count; age++)
        {
            int k = Slot(age);
            double a = _rho[k] * VectorMath.Dot<double>(_s[k], result);
            _a[age] = a;
            VectorMath.Axpy(-a, _y[k], result);
        }
        VectorMath.Scale(h0Scale, result);
        for (int age = Count - 1; age >= 0; age--)
        {
            int k = Slot(age);
            double b = _rho[k] * VectorMath.Dot<double>(_y[k], result);
            VectorMath.Axpy(_a[age] - b, _s[k], result);
        }
    }
}
