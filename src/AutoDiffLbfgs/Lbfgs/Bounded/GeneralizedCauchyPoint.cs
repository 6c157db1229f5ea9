using System.Numerics;
using AutoDiffLbfgs.Numerics;

namespace AutoDiffLbfgs;

/// <summary>
/// The generalised Cauchy point of L-BFGS-B (Byrd, Lu, Nocedal &amp; Zhu 1995, §4, Algorithm CP): the first local
/// minimiser of the quadratic model m(x) = f + gᵀ(x − xₖ) + ½(x − xₖ)ᵀB(x − xₖ) along the projected steepest-descent
/// path x(t) = P(xₖ − t·g), found by walking its breakpoints in increasing order with f′ and f″ of each segment updated
/// in O(m) from the compact form (eqs. 4.9–4.11; the bookkeeping of L-BFGS-B 3.0's <c>cauchy</c>).
/// </summary>
internal static class GeneralizedCauchyPoint
{
    private const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>
    /// Fills the workspace's Cauchy point xᶜ, c = Wᵀ(xᶜ − x) and the free set at xᶜ (variables not fixed at a bound).
    /// Returns the number of free variables.
    /// </summary>
    public static int Compute<T>(in BoxBounds box, ReadOnlySpan<T> x, ReadOnlySpan<T> g, LbfgsBWorkspace<T> work)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = x.Length;
        CompactLbfgsMatrix<T> matrix = work.Matrix;
        int k = matrix.Count, k2 = 2 * k;
        double theta = matrix.Theta;
        Span<T> xcp = work.CauchyPoint, d = work.CauchyDirection;
        Span<bool> free = work.Free;
        Span<double> t = work.BreakSteps;
        Span<int> order = work.BreakIndices;
        Span<double> p = work.P.AsSpan(0, k2), c = work.C.AsSpan(0, k2), v = work.V.AsSpan(0, k2), wbp = work.WRow.AsSpan(0, k2);
        Span<double> q = work.Q.AsSpan(0, k2);
        x.CopyTo(xcp);
        c.Clear();
        q.Clear();

        // Bound status of each variable, the direction d = −g on the variables that can move, and the breakpoints.
        int breaks = 0, freeCount = 0;
        bool bounded = true;
        double f1 = 0, firstBreak = double.PositiveInfinity;
        for (int i = 0; i < n; i++)
        {
            double gi = double.CreateTruncating(g[i]), xi = double.CreateTruncating(x[i]);
            double lower = box.Lower(i), upper = box.Upper(i);
            bool hasLower = box.HasLower(i), hasUpper = box.HasUpper(i);
            bool fixedVariable = hasLower && hasUpper && upper - lower <= 0;
            bool atLower = hasLower && xi - lower <= 0, atUpper = hasUpper && upper - xi <= 0;
            bool held = fixedVariable || (atLower && gi >= 0) || (!atLower && atUpper && gi <= 0);
            free[i] = !held;
            if (held || gi == 0)
            {
                d[i] = T.Zero;
                if (!held) freeCount++;
                continue;
            }
            freeCount++;
            d[i] = T.CreateTruncating(-gi);
            f1 -= gi * gi;
            // Breakpoints are only listed here; the heap is built when the search first passes one (below).
            double step;
            if (hasLower && gi > 0) step = (xi - lower) / gi;
            else if (hasUpper && gi < 0) step = (upper - xi) / -gi;
            else
            {
                bounded = false;
                continue;
            }
            t[breaks] = step;
            order[breaks++] = i;
            firstBreak = Math.Min(firstBreak, step);
        }
        if (f1 == 0) return freeCount;   // d = 0: xᶜ = x

        if (k > 0)
        {
            matrix.MultiplyWTranspose(d, p);
            for (int i = 0; i < k2; i++) q[i] = -p[i];   // Σ over the moving variables of wᵢgᵢ
        }
        double f2 = -theta * f1;
        double f2Original = f2;
        if (k > 0)
        {
            matrix.MultiplyM(p, v);
            f2 -= Dot(v, p);
        }
        double dtm = -f1 / f2, tsum = 0, tj = 0;
        bool allFixed = false;
        int left = breaks;
        if (breaks > 0 && !(dtm < firstBreak))
        {
            // The minimiser lies past the first breakpoint: heap the listed breakpoints by insertion in index order, the
            // same heap (ties included) as pushing them during the scan. When it does not, as with bounds far from x,
            // the O(n log n) heap is never built.
            for (int heapSize = 0; heapSize < breaks;)
            {
                double step = t[heapSize];
                int index = order[heapSize];
                Push(t, order, ref heapSize, step, index);
            }
        }
        else
        {
            left = 0;
        }
        for (int heapEnd = breaks; left > 0;)
        {
            double tj0 = tj;
            tj = PopMin(t, order, ref heapEnd, out int b);
            double dt = tj - tj0;
            if (dtm < dt) break;

            // The segment's minimiser lies beyond this breakpoint: fix variable b at its bound and update f′, f″.
            tsum += dt;
            left--;
            double db = double.CreateTruncating(d[b]), xb = double.CreateTruncating(x[b]), zb;
            d[b] = T.Zero;
            free[b] = false;
            freeCount--;
            if (db > 0)
            {
                zb = box.Upper(b) - xb;
                xcp[b] = T.CreateTruncating(box.Upper(b));
            }
            else
            {
                zb = box.Lower(b) - xb;
                xcp[b] = T.CreateTruncating(box.Lower(b));
            }
            if (left == 0 && breaks == n)
            {
                dtm = dt;
                allFixed = true;
                break;
            }
            double db2 = db * db;
            f1 += dt * f2 + db2 - theta * db * zb;
            f2 -= theta * db2;
            if (k > 0)
            {
                Axpy(dt, p, c);
                matrix.WRow(b, wbp);
                matrix.MultiplyM(wbp, v);
                double wmc = Dot(c, v), wmp = Dot(p, v), wmw = Dot(wbp, v);
                Axpy(-db, wbp, p);
                Axpy(-(double.CreateTruncating(g[b]) + theta * zb), wbp, q);
                f1 += db * wmc;
                f2 += 2 * db * wmp - db2 * wmw;
            }
            f2 = Math.Max(MachineEpsilon * f2Original, f2);   // keeps f″ positive against rounding (L-BFGS-B 3.0)
            if (left > 0) dtm = -f1 / f2;
            else if (bounded) dtm = 0;
            else dtm = -f1 / f2;
        }
        if (!allFixed)
        {
            if (dtm <= 0) dtm = 0;
            tsum += dtm;
            VectorMath.Axpy(T.CreateTruncating(tsum), d, xcp);
        }
        if (k > 0)
        {
            Axpy(dtm, p, c);
            Axpy(theta, c, q);
        }
        return freeCount;
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    private static void Axpy(double a, ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < x.Length; i++) y[i] += a * x[i];
    }

    /// <summary>Appends a breakpoint and restores the min-heap order (sift up).</summary>
    private static void Push(Span<double> t, Span<int> order, ref int count, double step, int index)
    {
        int child = count++;
        while (child > 0)
        {
            int parent = (child - 1) >> 1;
            if (!(step < t[parent])) break;
            t[child] = t[parent];
            order[child] = order[parent];
            child = parent;
        }
        t[child] = step;
        order[child] = index;
    }

    /// <summary>Removes and returns the smallest breakpoint (L-BFGS-B's <c>hpsolb</c> does the same with a heap).</summary>
    private static double PopMin(Span<double> t, Span<int> order, ref int count, out int index)
    {
        double top = t[0];
        index = order[0];
        count--;
        double last = t[count];
        int lastIndex = order[count];
        int parent = 0;
        while (true)
        {
            int child = 2 * parent + 1;
            if (child >= count) break;
            if (child + 1 < count && t[child + 1] < t[child]) child++;
            if (!(t[child] < last)) break;
            t[parent] = t[child];
            order[parent] = order[child];
            parent = child;
        }
        if (count > 0)
        {
            t[parent] = last;
            order[parent] = lastIndex;
        }
        return top;
    }
}
