using System.Numerics;
using AutoDiffLbfgs.Numerics;

namespace AutoDiffLbfgs;

/// <summary>
/// The L-BFGS matrix B = θI − W M Wᵀ of L-BFGS-B in compact form (Byrd, Nocedal &amp; Schnabel 1994, eq. 3.5; Byrd, Lu,
/// Nocedal &amp; Zhu 1995, eqs. 3.3–3.4): W = [Y  θS] (n × 2k, pairs oldest first), M = [[−D, Lᵀ], [L, θSᵀS]]⁻¹ with
/// D = diag(sᵢᵀyᵢ) and L the strictly lower triangle of SᵀY, θ = yᵀy/sᵀy of the newest pair.
/// </summary>
/// <remarks>
/// The pairs live in an <see cref="LbfgsHistory{T}"/> (its ring buffer and spare slot); this class keeps the k × k
/// inner products SᵀS, SᵀY and YᵀY in chronological order (index 0 = oldest), updated with 4k dot products when a pair
/// is committed, and the Cholesky factor of θSᵀS + LD⁻¹Lᵀ through which M is applied (L-BFGS-B's <c>formt</c> and
/// <c>bmv</c>). All storage is allocated in the constructor.
/// </remarks>
internal sealed class CompactLbfgsMatrix<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Elements per block of the blocked sweeps: the partition of <see cref="LbfgsSweeps{T}"/> (128 KB of doubles).</summary>
    private const int Chunk = LbfgsSweeps<T>.ChunkLength;

    private readonly LbfgsHistory<T> _history;
    private readonly int _m;
    private readonly double[] _ss, _sy, _yy;   // m × m row-major, chronological: _sy[i·m + j] = sᵢᵀyⱼ
    private readonly double[] _factor;         // Cholesky factor of θSᵀS + LD⁻¹Lᵀ (lower triangle), m × m
    private readonly double[] _reduced;        // 2m × 2m reduced matrix of the subspace step
    private readonly double[] _row;            // 2m scratch

    public CompactLbfgsMatrix(int dimension, int memory)
    {
        _history = new LbfgsHistory<T>(dimension, memory);
        _m = memory;
        _ss = new double[memory * memory];
        _sy = new double[memory * memory];
        _yy = new double[memory * memory];
        _factor = new double[memory * memory];
        _reduced = new double[4 * memory * memory];
        _row = new double[2 * memory];
    }

    /// <summary>Number of stored pairs k (0 to m).</summary>
    public int Count => _history.Count;

    /// <summary>θ, the scale of B₀ = θI: yᵀy/sᵀy of the newest pair, 1 with no pairs.</summary>
    public double Theta { get; private set; } = 1;

    /// <summary>The slot where the next s is formed (the history's spare slot).</summary>
    public Span<T> NextS => _history.NextS;

    /// <summary>The slot where the next y is formed.</summary>
    public Span<T> NextY => _history.NextY;

    /// <summary>Removes every pair and resets θ to 1 (L-BFGS-B's memory refresh after a failed line search).</summary>
    public void Clear()
    {
        _history.Clear();
        Theta = 1;
    }

    /// <summary>
    /// Stores the pair in <see cref="NextS"/>/<see cref="NextY"/> (the oldest is dropped when full), updates the inner
    /// products and θ and refactors; false when θSᵀS + LD⁻¹Lᵀ is not numerically positive definite (the caller then
    /// clears the memory, as <c>formt</c>'s info = −3 does in L-BFGS-B).
    /// </summary>
    public bool Commit(double sy)
    {
        bool full = _history.Count == _m;
        _history.CommitNext(1 / sy);
        int k = _history.Count;
        if (full)
        {
            // Shift the chronological matrices up-left by one: the oldest pair left.
            for (int i = 0; i < k - 1; i++)
            {
                for (int j = 0; j < k - 1; j++)
                {
                    _ss[i * _m + j] = _ss[(i + 1) * _m + j + 1];
                    _sy[i * _m + j] = _sy[(i + 1) * _m + j + 1];
                    _yy[i * _m + j] = _yy[(i + 1) * _m + j + 1];
                }
            }
        }
        int newest = k - 1;
        for (int j = 0; j < k; j++)
        {
            _ss[newest * _m + j] = 0;
            _yy[newest * _m + j] = 0;
            _sy[newest * _m + j] = 0;
            _sy[j * _m + newest] = 0;
        }
        // One blocked sweep: the new pair's block stays in cache while each stored pair streams past once (4k inner
        // products; the fixed order of LbfgsSweeps: chunk sums added in chunk order, one chunk for n ≤ ChunkLength).
        ReadOnlySpan<T> s = _history.S(0), y = _history.Y(0);
        for (int start = 0; start < s.Length; start += Chunk)
        {
            int length = Math.Min(Chunk, s.Length - start);
            ReadOnlySpan<T> sBlock = s.Slice(start, length), yBlock = y.Slice(start, length);
            for (int j = 0; j < k; j++)
            {
                ReadOnlySpan<T> sj = _history.S(newest - j).Slice(start, length), yj = _history.Y(newest - j).Slice(start, length);
                _ss[newest * _m + j] += VectorMath.DotDouble(sBlock, sj);
                _yy[newest * _m + j] += VectorMath.DotDouble(yBlock, yj);
                _sy[newest * _m + j] += VectorMath.DotDouble(sBlock, yj);
                if (j != newest) _sy[j * _m + newest] += VectorMath.DotDouble(sj, yBlock);
            }
        }
        for (int j = 0; j < k; j++)
        {
            _ss[j * _m + newest] = _ss[newest * _m + j];
            _yy[j * _m + newest] = _yy[newest * _m + j];
        }
        _sy[newest * _m + newest] = sy;
        Theta = _yy[newest * _m + newest] / sy;
        return Factor();
    }

    /// <summary>Factors θSᵀS + LD⁻¹Lᵀ (L-BFGS-B's <c>formt</c>).</summary>
    private bool Factor()
    {
        int k = Count;
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double sum = Theta * _ss[i * _m + j];
                for (int p = 0; p < j; p++) sum += _sy[i * _m + p] * _sy[j * _m + p] / _sy[p * _m + p];
                _factor[i * _m + j] = sum;
            }
        }
        return SmallDenseSystems.CholeskyFactor(_factor, k, _m);
    }

    /// <summary>
    /// result ← M·v (L-BFGS-B's <c>bmv</c>): with v = [v₁; v₂], u₂ = (θSᵀS + LD⁻¹Lᵀ)⁻¹(v₂ + LD⁻¹v₁) and
    /// u₁ = D⁻¹(Lᵀu₂ − v₁) solve [[−D, Lᵀ], [L, θSᵀS]]·u = v.
    /// </summary>
    public void MultiplyM(ReadOnlySpan<double> v, Span<double> result)
    {
        int k = Count;
        Span<double> u1 = result[..k], u2 = result.Slice(k, k);
        for (int i = 0; i < k; i++)
        {
            double sum = v[k + i];
            for (int p = 0; p < i; p++) sum += _sy[i * _m + p] * v[p] / _sy[p * _m + p];
            u2[i] = sum;
        }
        SmallDenseSystems.CholeskySolve(_factor, k, _m, u2);
        for (int i = 0; i < k; i++)
        {
            double sum = -v[i];
            for (int p = i + 1; p < k; p++) sum += _sy[p * _m + i] * u2[p];
            u1[i] = sum / _sy[i * _m + i];
        }
    }

    /// <summary>
    /// result ← Wᵀv = [Yᵀv; θSᵀv] (2k entries) in one blocked sweep: each block of v stays in cache while the 2k history
    /// vectors stream past once (chunk sums in chunk order, as <see cref="LbfgsSweeps{T}"/>).
    /// </summary>
    public void MultiplyWTranspose(ReadOnlySpan<T> v, Span<double> result)
    {
        int k = Count;
        result[..(2 * k)].Clear();
        for (int start = 0; start < v.Length; start += Chunk)
        {
            int length = Math.Min(Chunk, v.Length - start);
            ReadOnlySpan<T> block = v.Slice(start, length);
            for (int c = 0; c < k; c++)
            {
                result[c] += VectorMath.DotDouble(_history.Y(k - 1 - c).Slice(start, length), block);
                result[k + c] += VectorMath.DotDouble(_history.S(k - 1 - c).Slice(start, length), block);
            }
        }
        for (int c = 0; c < k; c++) result[k + c] *= Theta;
    }

    /// <summary>
    /// target ← target + W·u = target + Σ u_c y_c + θ Σ u_{k+c} s_c, blocked so each block of the target takes all 2k
    /// updates while in cache (every element sees the same operations in the same order as one axpy per vector).
    /// </summary>
    public void AddW(ReadOnlySpan<double> u, Span<T> target)
    {
        int k = Count;
        for (int start = 0; start < target.Length; start += Chunk)
        {
            int length = Math.Min(Chunk, target.Length - start);
            Span<T> block = target.Slice(start, length);
            for (int c = 0; c < k; c++)
            {
                VectorMath.Axpy(T.CreateTruncating(u[c]), _history.Y(k - 1 - c).Slice(start, length), block);
                VectorMath.Axpy(T.CreateTruncating(Theta * u[k + c]), _history.S(k - 1 - c).Slice(start, length), block);
            }
        }
    }

    /// <summary>The row of W for variable i: [y_c(i); θ s_c(i)] (2k entries).</summary>
    public void WRow(int i, Span<double> row)
    {
        int k = Count;
        for (int c = 0; c < k; c++)
        {
            row[c] = double.CreateTruncating(_history.Y(k - 1 - c)[i]);
            row[k + c] = Theta * double.CreateTruncating(_history.S(k - 1 - c)[i]);
        }
    }

    /// <summary>
    /// v ← K⁻¹(q − WᵀZZᵀW·mc) for the reduced matrix K = M⁻¹ − (1/θ)WᵀZZᵀW of the subspace step, where Z selects the
    /// variables with <paramref name="free"/> true: by the Sherman–Morrison–Woodbury formula
    /// (ZᵀBZ)⁻¹ = (1/θ)I + (1/θ²)ZᵀW K⁻¹ WᵀZ (BLNZ 1995 §5.1, the direct primal method); with q = WᵀZZᵀ(g + θ(xᶜ − x))
    /// and mc = Mc the right-hand side is WᵀZ r̂. WᵀZZᵀW is formed from the stored inner products minus the rows of the
    /// fixed variables, or from the rows of the free ones, whichever set is smaller. False when K is singular.
    /// </summary>
    public bool SolveReduced(ReadOnlySpan<bool> free, int freeCount, ReadOnlySpan<double> q, ReadOnlySpan<double> mc, Span<double> v)
    {
        int k = Count, k2 = 2 * k;
        double theta = Theta;
        Span<double> K = _reduced.AsSpan(0, k2 * k2);
        Span<double> row = _row.AsSpan(0, k2);
        bool sumFree = freeCount <= free.Length - freeCount;
        // WᵀZZᵀW in the upper-left of K first (then turned into K).
        if (sumFree) K.Clear();
        else
        {
            for (int i = 0; i < k; i++)
            {
                for (int j = 0; j < k; j++)
                {
                    K[i * k2 + j] = _yy[i * _m + j];
                    K[i * k2 + k + j] = theta * _sy[j * _m + i];          // yᵢᵀsⱼ
                    K[(k + i) * k2 + j] = theta * _sy[i * _m + j];        // sᵢᵀyⱼ
                    K[(k + i) * k2 + k + j] = theta * theta * _ss[i * _m + j];
                }
            }
        }
        double sign = sumFree ? 1 : -1;
        for (int i = 0; i < free.Length; i++)
        {
            if (free[i] != sumFree) continue;
            WRow(i, row);
            for (int a = 0; a < k2; a++)
            {
                double ra = sign * row[a];
                if (ra == 0) continue;
                // The rank-one update of row a as a Vector<T> axpy: the same rounding as the element-wise loop.
                VectorMath.Axpy(ra, row[a..], K.Slice(a * k2 + a, k2 - a));
            }
        }
        for (int a = 0; a < k2; a++)
        {
            double sum = q[a];
            for (int b = 0; b < k2; b++) sum -= (a <= b ? K[a * k2 + b] : K[b * k2 + a]) * mc[b];
            v[a] = sum;
        }
        for (int a = 0; a < k2; a++)
        {
            for (int b = a; b < k2; b++)
            {
                K[a * k2 + b] = MInverse(a, b, k) - K[a * k2 + b] / theta;
            }
        }
        for (int a = 0; a < k2; a++)
        {
            for (int b = 0; b < a; b++) K[a * k2 + b] = K[b * k2 + a];
        }
        return SmallDenseSystems.LuSolve(K, k2, v);
    }

    /// <summary>Entry (a, b) of M⁻¹ = [[−D, Lᵀ], [L, θSᵀS]].</summary>
    private double MInverse(int a, int b, int k)
    {
        if (a < k && b < k) return a == b ? -_sy[a * _m + a] : 0;
        if (a >= k && b >= k) return Theta * _ss[(a - k) * _m + (b - k)];
        if (a >= k)
        {
            int i = a - k;   // L(i, b) = sᵢᵀy_b for i > b
            return i > b ? _sy[i * _m + b] : 0;
        }
        int j = b - k;       // Lᵀ(a, j) = L(j, a) = sⱼᵀy_a for j > a
        return j > a ? _sy[j * _m + a] : 0;
    }
}
