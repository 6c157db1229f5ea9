using System.Numerics;
using AutoDiffLbfgs.Numerics;

namespace AutoDiffLbfgs;

/// <summary>
/// The subspace step of L-BFGS-B: from the Cauchy point xᶜ, minimise the quadratic model over the free variables with
/// the others held at their bounds (Byrd, Lu, Nocedal &amp; Zhu 1995, §5.1, direct primal method), then project the
/// Newton point onto the box and keep it when it still descends, else fall back to the original backtracking to the
/// feasible region (Morales &amp; Nocedal, ACM TOMS 38(1), 2011, §2; L-BFGS-B 3.0's <c>subsm</c>).
/// </summary>
internal static class SubspaceMinimization
{
    /// <summary>
    /// Turns the workspace's Cauchy point into the search target x̄ in place (unchanged when the reduced system is
    /// singular). Requires stored pairs and at least one free variable.
    /// </summary>
    public static void Apply<T>(in BoxBounds box, ReadOnlySpan<T> x, ReadOnlySpan<T> g, LbfgsBWorkspace<T> work, int freeCount)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CompactLbfgsMatrix<T> matrix = work.Matrix;
        int n = x.Length, k2 = 2 * matrix.Count;
        double theta = matrix.Theta;
        Span<T> xcp = work.CauchyPoint, r = work.Reduced;
        ReadOnlySpan<bool> free = work.Free;
        Span<double> mc = work.V.AsSpan(0, k2), v = work.P.AsSpan(0, k2);

        // With r̂ = Zᵀ(g + θ(xᶜ − x) − W M c), the reduced gradient of the model at xᶜ (eq. 5.4), the step is
        // d̂ = −(ZᵀBZ)⁻¹r̂ = −(1/θ)r̂ − (1/θ²)ZᵀW K⁻¹ WᵀZ r̂ (Sherman–Morrison–Woodbury, eq. 5.11). WᵀZ r̂ = q − (WᵀZZᵀW)Mc
        // comes from the Cauchy search's q without a pass over n, and the two products with W fold into one:
        // d̂ᵢ = −gᵢ/θ − (xᶜᵢ − xᵢ) + (W u)ᵢ with u = Mc/θ − K⁻¹WᵀZ r̂/θ² on the free variables.
        matrix.MultiplyM(work.C.AsSpan(0, k2), mc);
        if (!matrix.SolveReduced(free, freeCount, work.Q.AsSpan(0, k2), mc, v)) return;
        for (int i = 0; i < k2; i++) v[i] = mc[i] / theta - v[i] / (theta * theta);
        T inverseTheta = T.CreateTruncating(1 / theta);
        for (int i = 0; i < n; i++) r[i] = -g[i] * inverseTheta - (xcp[i] - x[i]);
        matrix.AddW(v, r);
        for (int i = 0; i < n; i++)
        {
            if (!free[i]) r[i] = T.Zero;
        }

        // Projection of xᶜ + d̂ (Morales–Nocedal), kept when it lands strictly inside or still descends from x.
        bool hitBound = false;
        double descent = 0;
        for (int i = 0; i < n; i++)
        {
            if (!free[i])
            {
                descent += double.CreateTruncating(xcp[i] - x[i]) * double.CreateTruncating(g[i]);
                continue;
            }
            double target = double.CreateTruncating(xcp[i] + r[i]);
            double projected = Math.Min(Math.Max(target, box.Lower(i)), box.Upper(i));
            if ((box.HasLower(i) && projected == box.Lower(i)) || (box.HasUpper(i) && projected == box.Upper(i))) hitBound = true;
            descent += (projected - double.CreateTruncating(x[i])) * double.CreateTruncating(g[i]);
        }
        if (!hitBound || descent <= 0)
        {
            for (int i = 0; i < n; i++)
            {
                if (!free[i]) continue;
                double target = double.CreateTruncating(xcp[i] + r[i]);
                xcp[i] = T.CreateTruncating(Math.Min(Math.Max(target, box.Lower(i)), box.Upper(i)));
            }
            return;
        }

        // Backtrack: the longest step α ≤ 1 along d̂ from xᶜ that stays feasible; the variable that limits it lands on its bound.
        double alpha = 1;
        int limiting = -1;
        for (int i = 0; i < n; i++)
        {
            if (!free[i]) continue;
            double di = double.CreateTruncating(r[i]), xi = double.CreateTruncating(xcp[i]);
            double candidate = alpha;
            if (di < 0 && box.HasLower(i))
            {
                double room = box.Lower(i) - xi;
                if (room >= 0) candidate = 0;
                else if (di * alpha < room) candidate = room / di;
            }
            else if (di > 0 && box.HasUpper(i))
            {
                double room = box.Upper(i) - xi;
                if (room <= 0) candidate = 0;
                else if (di * alpha > room) candidate = room / di;
            }
            if (candidate < alpha)
            {
                alpha = candidate;
                limiting = i;
            }
        }
        if (alpha < 1 && limiting >= 0)
        {
            xcp[limiting] = T.CreateTruncating(r[limiting] > T.Zero ? box.Upper(limiting) : box.Lower(limiting));
            r[limiting] = T.Zero;
        }
        T alphaT = T.CreateTruncating(alpha);
        for (int i = 0; i < n; i++)
        {
            if (free[i]) xcp[i] += alphaT * r[i];
        }
    }
}
