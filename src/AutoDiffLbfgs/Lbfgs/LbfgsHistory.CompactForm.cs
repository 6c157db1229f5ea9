using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using AutoDiffLbfgs.Numerics;

namespace AutoDiffLbfgs;

/// <summary>
/// The compact representation of the same inverse-Hessian approximation (Byrd, Nocedal &amp; Schnabel 1994). Experimental
/// and internal: it reads the history twice instead of making 2m + 1 sweeps over q, but on the shared test machine it
/// was not reliably faster than the fused two-loop (0.8× to 2× its time at n = 10⁷, slower below), so the solver does
/// not use it. Kept with its tests and benchmark for a follow-up (a register-blocked multi-dot kernel).
/// </summary>
public sealed partial class LbfgsHistory<T>
{
    /// <summary>
    /// Elements per block of the blocked sweeps: 128 KB of doubles, so the blocks of q, of the result and of the newest
    /// y stay in L2 while the history streams past, and each history vector is read in runs long enough for the
    /// hardware prefetcher (8 KB blocks ran at a third of streaming bandwidth).
    /// </summary>
    private const int CompactBlock = 16_384;

    /// <summary>sᵢᵀyⱼ by slot, valid for pairs whose slots are not stale (the upper triangle R of BNS eq. 2.3 in chronological order).</summary>
    private readonly double[,] _sy;

    /// <summary>yᵢᵀyⱼ by slot, valid for pairs whose slots are not stale.</summary>
    private readonly double[,] _yy;

    /// <summary>Set when a pair is committed to a slot: its inner products with the other pairs are recomputed in the next compact product's first sweep.</summary>
    private readonly bool[] _gramStale;

    private readonly double[] _compactScratch;
    private readonly int[] _chronologicalSlots;

    /// <summary>
    /// result ← H·q for the same H as <see cref="ApplyInverseHessian"/>, through the compact representation
    /// H = γI + [S γY]·M·[Sᵀ; γYᵀ], M = [[R⁻ᵀ(D + γYᵀY)R⁻¹, −R⁻ᵀ], [−R⁻¹, 0]] (Byrd, Nocedal &amp; Schnabel,
    /// "Representations of quasi-Newton matrices and their use in limited memory methods", Math. Prog. 63, 1994,
    /// eq. 3.2 with H₀ = γI), where S, Y hold the pairs oldest first, R is the upper triangle of SᵀY and D its diagonal.
    /// </summary>
    /// <remarks>
    /// <para>Two blocked sweeps over memory: the first forms Sᵀq and Yᵀq (and the inner products of pairs stored since
    /// the previous call, which keeps SᵀY and YᵀY up to date at no extra pass); the second forms γq + S·u + γY·v. The
    /// history is read twice and q once per sweep, against 2m + 1 sweeps that each read and write q in the two-loop
    /// recursion, so for large n this runs close to streaming bandwidth.</para>
    /// <para>The result equals the two-loop recursion's in exact arithmetic but not bit for bit: the operations differ.
    /// The ASE mode must use <see cref="ApplyInverseHessian"/>. The diagonal of R is the computed sᵢᵀyᵢ, not 1/ρᵢ, and
    /// must be positive (guaranteed when pairs pass a curvature test).</para>
    /// <para>Allocation-free after construction. <paramref name="result"/> may be the same memory as <paramref name="q"/>; otherwise they must not overlap.</para>
    /// </remarks>
    /// <param name="q">The vector to multiply; length <see cref="Dimension"/>.</param>
    /// <param name="result">Receives H·q; length <see cref="Dimension"/>.</param>
    /// <param name="h0Scale">γ in H₀ = γI.</param>
    /// <exception cref="ArgumentException">A length differs from <see cref="Dimension"/>, or the spans partly overlap.</exception>
    internal void ApplyInverseHessianCompact(ReadOnlySpan<T> q, Span<T> result, double h0Scale)
    {
        if (q.Length != Dimension) ThrowWrongLength(nameof(q));
        if (result.Length != Dimension) ThrowWrongLength(nameof(result));
        bool aliased = Unsafe.AreSame(ref MemoryMarshal.GetReference(q), ref MemoryMarshal.GetReference(result));
        if (!aliased && q.Overlaps(result)) throw new ArgumentException("result must be the same memory as q or not overlap it.", nameof(result));

        int k = Count, n = Dimension;
        Span<int> slots = _chronologicalSlots.AsSpan(0, k);
        for (int c = 0; c < k; c++) slots[c] = SlotOf(k - 1 - c);
        Span<double> a = _compactScratch.AsSpan(0, k), b = _compactScratch.AsSpan(k, k);
        Span<double> w = _compactScratch.AsSpan(2 * k, k), u = _compactScratch.AsSpan(3 * k, k);
        a.Clear();
        b.Clear();
        for (int d = 0; d < k; d++)
        {
            if (!_gramStale[slots[d]]) continue;
            for (int c = 0; c < k; c++)
            {
                _sy[slots[c], slots[d]] = 0;
                _yy[slots[c], slots[d]] = 0;
            }
        }

        // Sweep 1: block partial sums, added in block order (a fixed order, so results are reproducible).
        for (int start = 0; start < n; start += CompactBlock)
        {
            int length = Math.Min(CompactBlock, n - start);
            ReadOnlySpan<T> qBlock = q.Slice(start, length);
            for (int c = 0; c < k; c++)
            {
                a[c] += VectorMath.DotDouble<T>(_s[slots[c]].AsSpan(start, length), qBlock);
                b[c] += VectorMath.DotDouble<T>(_y[slots[c]].AsSpan(start, length), qBlock);
            }
            for (int d = 0; d < k; d++)
            {
                int slotD = slots[d];
                if (!_gramStale[slotD]) continue;
                ReadOnlySpan<T> yBlock = _y[slotD].AsSpan(start, length);
                for (int c = 0; c < k; c++)
                {
                    _yy[slots[c], slotD] += VectorMath.DotDouble<T>(_y[slots[c]].AsSpan(start, length), yBlock);
                    if (c <= d) _sy[slots[c], slotD] += VectorMath.DotDouble<T>(_s[slots[c]].AsSpan(start, length), yBlock);
                }
            }
        }
        for (int d = 0; d < k; d++)
        {
            int slotD = slots[d];
            if (!_gramStale[slotD]) continue;
            for (int c = 0; c < k; c++) _yy[slotD, slots[c]] = _yy[slots[c], slotD];
            _gramStale[slotD] = false;
        }

        // Small system: w = R⁻¹a (back substitution), t = (D + γYᵀY)w − γb, u = R⁻ᵀt (forward substitution);
        // then H·q = γq + S·u − γY·w.
        for (int i = k - 1; i >= 0; i--)
        {
            double sum = a[i];
            for (int j = i + 1; j < k; j++) sum -= _sy[slots[i], slots[j]] * w[j];
            w[i] = sum / _sy[slots[i], slots[i]];
        }
        for (int i = 0; i < k; i++)
        {
            double t = _sy[slots[i], slots[i]] * w[i] - h0Scale * b[i];
            for (int j = 0; j < k; j++) t += h0Scale * _yy[slots[i], slots[j]] * w[j];
            for (int j = 0; j < i; j++) t -= _sy[slots[j], slots[i]] * u[j];
            u[i] = t / _sy[slots[i], slots[i]];
        }

        // Sweep 2: each block of the result is finished while it is in L1.
        T gamma = T.CreateTruncating(h0Scale);
        for (int start = 0; start < n; start += CompactBlock)
        {
            int length = Math.Min(CompactBlock, n - start);
            Span<T> resultBlock = result.Slice(start, length);
            if (!aliased) q.Slice(start, length).CopyTo(resultBlock);
            VectorMath.Scale(gamma, resultBlock);
            for (int c = 0; c < k; c++)
            {
                VectorMath.Axpy(T.CreateTruncating(u[c]), _s[slots[c]].AsSpan(start, length), resultBlock);
                VectorMath.Axpy(T.CreateTruncating(-h0Scale * w[c]), _y[slots[c]].AsSpan(start, length), resultBlock);
            }
        }
    }
}
