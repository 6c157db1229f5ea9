using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using AutoDiffLbfgs.Numerics;

namespace AutoDiffLbfgs;

/// <summary>
/// The limited-memory inverse-Hessian approximation: a ring buffer of the newest correction pairs
/// (sₖ = xₖ₊₁ − xₖ, yₖ = ∇fₖ₊₁ − ∇fₖ, ρₖ = 1/(yₖᵀsₖ)) and the two-loop recursion that applies it
/// (Nocedal &amp; Wright, <i>Numerical Optimization</i>, 2nd ed., Algorithm 7.4; Liu &amp; Nocedal 1989).
/// </summary>
/// <remarks>
/// <para>The buffer has <see cref="Memory"/> + 1 slots. At most <see cref="Memory"/> of them hold stored pairs; the
/// spare slot is where the next pair is written, so a solver can form a candidate pair in place, test its curvature,
/// and commit or drop it without a copy and without ever overwriting a stored pair.</para>
/// <para>ρ and the two-loop coefficients αᵢ, βᵢ are kept in <see cref="double"/> for both element types, and the
/// inner products are accumulated in double (<see cref="VectorMath.DotDouble{T}"/>).</para>
/// <para>An instance is not safe for concurrent use; the two-loop uses a per-instance scratch array of αᵢ.</para>
/// </remarks>
/// <typeparam name="T"><see cref="double"/> or <see cref="float"/>.</typeparam>
public sealed partial class LbfgsHistory<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[][] _s;
    private readonly T[][] _y;
    private readonly double[] _rho;
    private readonly double[] _alpha;

    /// <summary>Slot that receives the next pair. Invariant: the stored pair of age a (0 = newest, a &lt; Count) is in slot (_next − 1 − a) mod (Memory + 1), so _next never holds a stored pair.</summary>
    private int _next;

    /// <summary>Creates an empty history. Storage for all pairs (2·(memory + 1)·dimension elements) is allocated here, once.</summary>
    /// <param name="dimension">Number of variables n; at least 0.</param>
    /// <param name="memory">Number of pairs m kept; at least 1. Typical values 3 to 20 (classic default 10, ASE 100).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimension"/> is negative or <paramref name="memory"/> is less than 1.</exception>
    public LbfgsHistory(int dimension, int memory)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(dimension);
        ArgumentOutOfRangeException.ThrowIfLessThan(memory, 1);
        Dimension = dimension;
        Memory = memory;
        _s = new T[memory + 1][];
        _y = new T[memory + 1][];
        for (int k = 0; k <= memory; k++)
        {
            _s[k] = new T[dimension];
            _y[k] = new T[dimension];
        }
        _rho = new double[memory + 1];
        _alpha = new double[memory + 1];
        _sy = new double[memory + 1, memory + 1];
        _yy = new double[memory + 1, memory + 1];
        _gramStale = new bool[memory + 1];
        _compactScratch = new double[5 * memory + 5];
        _chronologicalSlots = new int[memory + 1];
    }

    /// <summary>Number of variables n (the length of every s, y, q and result).</summary>
    public int Dimension { get; }

    /// <summary>Maximum number of pairs kept (m); the oldest pair is dropped when a pair is pushed into a full history.</summary>
    public int Memory { get; }

    /// <summary>Number of pairs currently stored, 0 to <see cref="Memory"/>.</summary>
    public int Count { get; private set; }

    /// <summary>
    /// Stores a copy of the pair (s, y) with its ρ as the newest pair, dropping the oldest when <see cref="Count"/>
    /// equals <see cref="Memory"/>. No curvature test is made: callers decide which pairs to keep (the classic
    /// solver skips sᵀy ≤ ε·yᵀy, ASE mode keeps every pair).
    /// </summary>
    /// <param name="s">Step sₖ = xₖ₊₁ − xₖ; length <see cref="Dimension"/>.</param>
    /// <param name="y">Gradient change yₖ = ∇fₖ₊₁ − ∇fₖ; length <see cref="Dimension"/>.</param>
    /// <param name="rho">ρₖ, normally 1/(yₖᵀsₖ); stored as given.</param>
    /// <exception cref="ArgumentException">A length differs from <see cref="Dimension"/>.</exception>
    public void Push(ReadOnlySpan<T> s, ReadOnlySpan<T> y, double rho)
    {
        if (s.Length != Dimension) ThrowWrongLength(nameof(s));
        if (y.Length != Dimension) ThrowWrongLength(nameof(y));
        s.CopyTo(_s[_next]);
        y.CopyTo(_y[_next]);
        CommitNext(rho);
    }

    /// <summary>Removes every pair (the storage is kept).</summary>
    public void Clear()
    {
        Count = 0;
        _next = 0;
    }

    /// <summary>The step s of the pair of the given age (0 = newest, <see cref="Count"/> − 1 = oldest).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="age"/> is not in [0, <see cref="Count"/>).</exception>
    public ReadOnlySpan<T> S(int age) => _s[SlotOf(age)];

    /// <summary>The gradient change y of the pair of the given age (0 = newest).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="age"/> is not in [0, <see cref="Count"/>).</exception>
    public ReadOnlySpan<T> Y(int age) => _y[SlotOf(age)];

    /// <summary>ρ of the pair of the given age (0 = newest), as pushed.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="age"/> is not in [0, <see cref="Count"/>).</exception>
    public double Rho(int age) => _rho[SlotOf(age)];

    /// <summary>
    /// result ← H·q, where H is the L-BFGS inverse-Hessian approximation built from the stored pairs on
    /// H₀ = <paramref name="h0Scale"/>·I, by the two-loop recursion (Nocedal &amp; Wright Algorithm 7.4).
    /// </summary>
    /// <remarks>
    /// The order of operations is fixed (and equals ASE's <c>ase.optimize.LBFGS</c>): first loop from the newest
    /// pair to the oldest, αᵢ = ρᵢ·(sᵢᵀq), q ← q − αᵢ·yᵢ; then z = h0Scale·q; second loop from the oldest pair
    /// to the newest, β = ρᵢ·(yᵢᵀz), z ← z + (αᵢ − β)·sᵢ. With no pairs stored the result is h0Scale·q.
    /// <paramref name="result"/> may be the same memory as <paramref name="q"/> (q is then overwritten by the
    /// result); otherwise q is left unchanged and the two must not overlap.
    /// </remarks>
    /// <param name="q">The vector to multiply (typically the gradient); length <see cref="Dimension"/>.</param>
    /// <param name="result">Receives H·q; length <see cref="Dimension"/>; may alias <paramref name="q"/> exactly.</param>
    /// <param name="h0Scale">γ in H₀ = γI; the classic solver uses sᵀy/yᵀy of the newest pair (N&amp;W eq. 7.20), ASE uses 1/alpha.</param>
    /// <exception cref="ArgumentException">A length differs from <see cref="Dimension"/>, or the spans partly overlap.</exception>
    public void ApplyInverseHessian(ReadOnlySpan<T> q, Span<T> result, double h0Scale)
    {
        if (q.Length != Dimension) ThrowWrongLength(nameof(q));
        if (result.Length != Dimension) ThrowWrongLength(nameof(result));
        if (!Unsafe.AreSame(ref MemoryMarshal.GetReference(q), ref MemoryMarshal.GetReference(result)) && q.Overlaps(result))
        {
            throw new ArgumentException("result must be the same memory as q or not overlap it.", nameof(result));
        }

        if (Count == 0)
        {
            q.CopyTo(result);
            VectorMath.Scale(T.CreateTruncating(h0Scale), result);
            return;
        }
        var passes = new SpanTwoLoopPasses<T>(q, result);
        TwoLoop(ref passes, h0Scale);
    }

    /// <summary>
    /// d ← −H·g by the same recursion (Count &gt; 0), run by the solver's chunked sweeps; returns the slope gᵀd.
    /// The negation and the slope ride along with the last update, so the solver makes no pass of its own.
    /// </summary>
    internal double ApplyNegatedInverseHessian(T[] g, T[] d, double h0Scale, LbfgsSweeps<T> sweeps)
    {
        var passes = sweeps.TwoLoopPasses(g, d);
        return TwoLoop(ref passes, h0Scale);
    }

    /// <summary>
    /// The two-loop recursion, operation for operation, with each update fused to the inner product that follows it
    /// (2m + 1 sweeps over z instead of 4m): the dot for pair i+1 is taken while z is updated with pair i, the scale by
    /// h0Scale joins the last update of the first loop, and the first dot of the second loop rides along with it.
    /// Each element and each inner product is rounded as in the textbook order (Algorithm 7.4 with one kernel call per
    /// operation). Requires Count &gt; 0.
    /// </summary>
    private double TwoLoop<TPasses>(ref TPasses passes, double h0Scale)
        where TPasses : ITwoLoopPasses<T>, allows ref struct
    {
        double dot = passes.CopyDot(_s[SlotOf(0)]);
        for (int age = 0; age < Count; age++)
        {
            int slot = SlotOf(age);
            double a = _rho[slot] * dot;
            _alpha[slot] = a;
            dot = age + 1 < Count
                ? passes.AxpyDot(T.CreateTruncating(-a), _y[slot], _s[SlotOf(age + 1)])
                : passes.AxpyScaleDot(T.CreateTruncating(-a), _y[slot], T.CreateTruncating(h0Scale), _y[slot]);
        }
        for (int age = Count - 1; ; age--)
        {
            int slot = SlotOf(age);
            T step = T.CreateTruncating(_alpha[slot] - _rho[slot] * dot);
            if (age == 0) return passes.Finish(step, _s[slot]);
            dot = passes.AxpyDot(step, _s[slot], _y[SlotOf(age - 1)]);
        }
    }

    /// <summary>The slot the next pair will be written to; a solver forms sₖ there, tests it, then calls <see cref="CommitNext"/> or leaves it.</summary>
    internal T[] NextS => _s[_next];

    /// <summary>The slot for the next yₖ; see <see cref="NextS"/>.</summary>
    internal T[] NextY => _y[_next];

    /// <summary>Makes the pair in <see cref="NextS"/>/<see cref="NextY"/> the newest, with the given ρ.</summary>
    internal void CommitNext(double rho)
    {
        _rho[_next] = rho;
        _gramStale[_next] = true;
        if (_blockedPending.Length > 0) _blockedPending[_next] = true;
        _next = _next == Memory ? 0 : _next + 1;
        if (Count < Memory) Count++;
    }

    private int SlotOf(int age)
    {
        if ((uint)age >= (uint)Count) ThrowAge(age);
        int slot = _next - 1 - age;
        return slot < 0 ? slot + Memory + 1 : slot;
    }

    private static void ThrowAge(int age) =>
        throw new ArgumentOutOfRangeException(nameof(age), age, "age must be in [0, Count).");

    private void ThrowWrongLength(string name) =>
        throw new ArgumentException($"The length must equal Dimension ({Dimension}).", name);
}
