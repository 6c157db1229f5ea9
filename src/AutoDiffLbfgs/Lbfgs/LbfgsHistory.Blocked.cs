using System.Numerics;

namespace AutoDiffLbfgs;

/// <summary>
/// The classic solver's direction blocked over n: the two-loop recursion carried out on inner products (vector-free
/// L-BFGS, Chen, Wang &amp; Zhou, "Large-scale L-BFGS using MapReduce", NIPS 2014), so that the history is read twice
/// per iteration — once for its inner products with ∇f and the newest y, once to form d — instead of in 2m + 1
/// dependent sweeps that each also read and write the working vector. Internal and off by default
/// (<see cref="LbfgsOptions.BlockedDirection"/>): it moves less data but makes more vector instructions per four
/// doubles (about 245 — two inner products per history vector, then one multiply and add per term of d — against the
/// fused two-loop's 168), and on the shared 2-core test machine it took 1.5–1.7× the two-loop's CPU time at n = 10⁶
/// and 10⁷. In float, the sum of large terms that forms d loses digits to cancellation late in a solve (a float solve at
/// n = 10⁶ ended on a failed line search after 38 iterations, where the two-loop ran all 62; docs/benchmarks.md).
/// </summary>
public sealed partial class LbfgsHistory<T>
{
    /// <summary>sᵢᵀyⱼ by slot (row i, column j) for pair i older than pair j (the only ones the recursion reads), valid unless j is flagged in <see cref="_blockedPending"/>.</summary>
    private double[] _blockedSy = [];

    /// <summary>yᵢᵀyⱼ by slot, symmetric, valid as <see cref="_blockedSy"/>.</summary>
    private double[] _blockedYy = [];

    /// <summary>Set when a pair is committed to a slot: its products with the stored pairs are formed in the next blocked direction's first sweep.</summary>
    private bool[] _blockedPending = [];

    private T[][] _blockedVectors = [];
    private T[] _blockedCoefficients = [];
    private double[] _blockedDots = [], _blockedScratch = [];

    /// <summary>Makes the storage of <see cref="ApplyNegatedInverseHessianBlocked"/> (once per solve, before the first iteration); the pairs already stored get their products in the next call.</summary>
    internal void ReserveBlocked()
    {
        int slots = Memory + 1;
        _blockedSy = new double[slots * slots];
        _blockedYy = new double[slots * slots];
        _blockedPending = new bool[slots];
        for (int age = 0; age < Count; age++) _blockedPending[SlotOf(age)] = true;
        _blockedVectors = new T[2 * Memory][];
        _blockedCoefficients = new T[2 * Memory];
        _blockedDots = new double[4 * Memory];
        _blockedScratch = new double[4 * Memory];
    }

    /// <summary>
    /// d ← −H·g for the same H as <see cref="ApplyNegatedInverseHessian"/> (Count &gt; 0), in two blocked sweeps over
    /// the history; returns the slope gᵀd. Requires <see cref="ReserveBlocked"/>.
    /// </summary>
    /// <remarks>
    /// <para>Sweep 1 reads every sᵢ and yᵢ once, a chunk at a time with the chunk of g (and of the newest y, when the
    /// pair is new) in cache, and forms sᵢᵀg, yᵢᵀg and the new pair's products sᵢᵀy_new, yᵢᵀy_new, which keep SᵀY
    /// (the part of it the recursion reads: an older s against a newer y) and YᵀY up to date. The recursion then runs on scalars: with q = g − Σ αⱼyⱼ never formed,
    /// αᵢ = ρᵢ(sᵢᵀg − Σ_(j newer) αⱼ sᵢᵀyⱼ) from the newest pair to the oldest, and with z = γq + Σ_(j older) (αⱼ − βⱼ)sⱼ,
    /// βᵢ = ρᵢ(γ(yᵢᵀg − Σⱼ αⱼ yᵢᵀyⱼ) + Σ_(j older) (αⱼ − βⱼ) yᵢᵀsⱼ) from the oldest to the newest. Sweep 2 forms
    /// d = −γg + Σⱼ (γαⱼ yⱼ − (αⱼ − βⱼ) sⱼ) and gᵀd.</para>
    /// <para>Fixed order: the inner products are the chunked sums of <see cref="LbfgsSweeps{T}"/>, the scalar sums run
    /// in the order written above, and each element of d is summed in <typeparamref name="T"/> as −γg, then for the
    /// pairs from the oldest to the newest the s term before the y term. The results therefore do not depend on the
    /// number of threads; they equal the two-loop's in exact arithmetic but not bit for bit.</para>
    /// <para>Invariant: the products of every stored pair with every other are known except for the pairs flagged as
    /// pending (committed since the previous call, or stored before <see cref="ReserveBlocked"/>). The classic solver
    /// calls this after every commit, so only the newest is pending and its products ride on sweep 1; any other pending
    /// pair costs one more sweep of its own.</para>
    /// </remarks>
    internal double ApplyNegatedInverseHessianBlocked(T[] g, T[] d, double h0Scale, LbfgsSweeps<T> sweeps)
    {
        int k = Count, slots = Memory + 1;
        T[][] vectors = _blockedVectors;
        for (int age = 0; age < k; age++)
        {
            int slot = SlotOf(age);
            vectors[age] = _s[slot];
            vectors[k + age] = _y[slot];
        }

        // Products of pairs committed before the newest one and not yet known (never, in the classic solver).
        for (int age = 1; age < k; age++)
        {
            int slot = SlotOf(age);
            if (!_blockedPending[slot]) continue;
            Span<double> pairDots = _blockedDots.AsSpan(0, 2 * k);
            sweeps.HistoryDots(vectors, 2 * k, _y[slot], null, pairDots);
            StorePairProducts(slot, pairDots, 1, 0, k);
        }

        int newest = SlotOf(0);
        bool pending = _blockedPending[newest];
        int partners = pending ? 2 : 1;
        Span<double> dots = _blockedDots.AsSpan(0, 2 * k * partners);
        sweeps.HistoryDots(vectors, 2 * k, g, pending ? _y[newest] : null, dots);
        if (pending) StorePairProducts(newest, dots, 2, 1, k);

        Span<double> alpha = _blockedScratch.AsSpan(0, k), beta = _blockedScratch.AsSpan(k, k);
        for (int age = 0; age < k; age++)
        {
            int slot = SlotOf(age);
            double sq = dots[age * partners];
            for (int newer = 0; newer < age; newer++) sq -= alpha[newer] * _blockedSy[slot * slots + SlotOf(newer)];
            alpha[age] = _rho[slot] * sq;
        }
        for (int age = k - 1; age >= 0; age--)
        {
            int slot = SlotOf(age);
            double yq = dots[(k + age) * partners];
            for (int other = 0; other < k; other++) yq -= alpha[other] * _blockedYy[slot * slots + SlotOf(other)];
            double yz = h0Scale * yq;
            for (int older = age + 1; older < k; older++) yz += (alpha[older] - beta[older]) * _blockedSy[SlotOf(older) * slots + slot];
            beta[age] = _rho[slot] * yz;
        }

        // d's terms from the oldest pair to the newest, s before y.
        Span<T> coefficients = _blockedCoefficients.AsSpan(0, 2 * k);
        for (int c = 0; c < k; c++)
        {
            int age = k - 1 - c;
            vectors[2 * c] = _s[SlotOf(age)];
            vectors[2 * c + 1] = _y[SlotOf(age)];
            coefficients[2 * c] = T.CreateTruncating(-(alpha[age] - beta[age]));
            coefficients[2 * c + 1] = T.CreateTruncating(h0Scale * alpha[age]);
        }
        return sweeps.Combine(g, T.CreateTruncating(-h0Scale), vectors, _blockedCoefficients, 2 * k, d);
    }

    /// <summary>
    /// Stores the products of y of the pair in <paramref name="slot"/> with every stored pair from a
    /// <see cref="LbfgsSweeps{T}.HistoryDots"/> result over (s by age, y by age) whose partner number
    /// <paramref name="first"/> is that y.
    /// </summary>
    private void StorePairProducts(int slot, ReadOnlySpan<double> dots, int partners, int first, int k)
    {
        int slots = Memory + 1;
        for (int age = 0; age < k; age++)
        {
            int other = SlotOf(age);
            _blockedSy[other * slots + slot] = dots[age * partners + first];
            double yy = dots[(k + age) * partners + first];
            _blockedYy[other * slots + slot] = yy;
            _blockedYy[slot * slots + other] = yy;
        }
        _blockedPending[slot] = false;
    }
}
