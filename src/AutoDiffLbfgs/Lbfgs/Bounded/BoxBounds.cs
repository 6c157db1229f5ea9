using System.Numerics;

namespace AutoDiffLbfgs;

/// <summary>
/// The box l ≤ x ≤ u of an L-BFGS-B solve (either array may be null for −∞ / +∞ everywhere), with the operations the
/// algorithm needs on it: projection P, the projected-gradient norm ‖P(x − g) − x‖∞ (L-BFGS-B's <c>projgr</c>) and the
/// largest feasible step along a direction (<c>lnsrlb</c>'s stpmx). Bounds are kept in double for float variables too.
/// </summary>
internal readonly struct BoxBounds
{
    private readonly double[]? _lower;
    private readonly double[]? _upper;

    public BoxBounds(double[]? lower, double[]? upper)
    {
        _lower = lower;
        _upper = upper;
        bool anyFinite = false, allBoxed = true;
        int n = lower?.Length ?? upper?.Length ?? 0;
        for (int i = 0; i < n; i++)
        {
            bool hasLower = HasLower(i), hasUpper = HasUpper(i);
            anyFinite |= hasLower || hasUpper;
            allBoxed &= hasLower && hasUpper;
        }
        Constrained = anyFinite;
        Boxed = allBoxed && n > 0;
    }

    /// <summary>At least one finite bound (L-BFGS-B's <c>cnstnd</c>); without one the Cauchy search is skipped once pairs exist.</summary>
    public bool Constrained { get; }

    /// <summary>Every variable has two finite bounds (L-BFGS-B's <c>boxed</c>); then the first trial step is 1, not 1/‖d‖.</summary>
    public bool Boxed { get; }

    public double Lower(int i) => _lower is null ? double.NegativeInfinity : _lower[i];

    public double Upper(int i) => _upper is null ? double.PositiveInfinity : _upper[i];

    public bool HasLower(int i) => _lower is not null && !double.IsNegativeInfinity(_lower[i]);

    public bool HasUpper(int i) => _upper is not null && !double.IsPositiveInfinity(_upper[i]);

    /// <summary>x ← P(x), the nearest point of the box; returns whether any entry moved.</summary>
    public bool Project<T>(Span<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool moved = false;
        for (int i = 0; i < x.Length; i++)
        {
            double xi = double.CreateTruncating(x[i]);
            double clamped = Math.Min(Math.Max(xi, Lower(i)), Upper(i));
            if (clamped != xi)
            {
                x[i] = T.CreateTruncating(clamped);
                moved = true;
            }
        }
        return moved;
    }

    /// <summary>‖P(x − g) − x‖∞, the first-order optimality measure of the box problem (zero exactly at a KKT point).</summary>
    public double ProjectedGradientNorm<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> g)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double norm = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double gi = double.CreateTruncating(g[i]), xi = double.CreateTruncating(x[i]);
            if (gi < 0) gi = Math.Max(xi - Upper(i), gi);
            else gi = Math.Min(xi - Lower(i), gi);
            norm = Math.Max(norm, Math.Abs(gi));
        }
        return norm;
    }

    /// <summary>
    /// The largest α ≤ <paramref name="limit"/> with l ≤ x + αd ≤ u (zero when a variable at its bound has d pointing
    /// out), as in L-BFGS-B's <c>lnsrlb</c>.
    /// </summary>
    public double MaxStep<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> d, double limit)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double step = limit;
        for (int i = 0; i < x.Length; i++)
        {
            double di = double.CreateTruncating(d[i]);
            if (di < 0 && HasLower(i))
            {
                double room = Lower(i) - double.CreateTruncating(x[i]);
                if (room >= 0) return 0;
                if (di * step < room) step = room / di;
            }
            else if (di > 0 && HasUpper(i))
            {
                double room = Upper(i) - double.CreateTruncating(x[i]);
                if (room <= 0) return 0;
                if (di * step > room) step = room / di;
            }
        }
        return step;
    }
}
