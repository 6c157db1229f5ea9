using System.Numerics;

namespace AutoDiffLbfgs;

/// <summary>
/// The L1 term C·Σ|xᵢ| over the index range [Start, End) of an OWL-QN solve, with the operations of Andrew &amp; Gao
/// (ICML 2007, §3.2): its value, the pseudo-gradient ◇f (the steepest-descent-defining one-sided derivative at xᵢ = 0),
/// the orthant ξ a step may not leave, and the projection π onto it.
/// </summary>
internal readonly struct L1Term(double penalty, int start, int end)
{
    public double Penalty { get; } = penalty;

    public int Start { get; } = start;

    public int End { get; } = end;

    /// <summary>C·Σ|xᵢ| over the range.</summary>
    public double Value<T>(ReadOnlySpan<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double sum = 0;
        for (int i = Start; i < End; i++) sum += Math.Abs(double.CreateTruncating(x[i]));
        return Penalty * sum;
    }

    /// <summary>
    /// pg ← ◇f(x): outside the range ∇ℓ; inside, ∂ℓ/∂xᵢ ± C by the sign of xᵢ, and at xᵢ = 0 the one-sided derivative
    /// that descends (∂ℓ/∂xᵢ + C when it is below −C, ∂ℓ/∂xᵢ − C when above C), else 0 (eq. 4 of the paper).
    /// </summary>
    public void PseudoGradient<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> g, Span<T> pg)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        g.CopyTo(pg);
        T c = T.CreateTruncating(Penalty);
        for (int i = Start; i < End; i++)
        {
            T xi = x[i], gi = g[i];
            if (xi < T.Zero) pg[i] = gi - c;
            else if (xi > T.Zero) pg[i] = gi + c;
            else if (gi < -c) pg[i] = gi + c;
            else if (gi > c) pg[i] = gi - c;
            else pg[i] = T.Zero;
        }
    }

    /// <summary>d ← d with the components that disagree in sign with −◇f zeroed (the direction's orthant constraint, §3.2).</summary>
    public void ConstrainDirection<T>(Span<T> d, ReadOnlySpan<T> pg)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = Start; i < End; i++)
        {
            if (d[i] * pg[i] >= T.Zero) d[i] = T.Zero;
        }
    }

    /// <summary>ξ ← the orthant of the step: sign(xᵢ), or sign(−◇fᵢ) where xᵢ = 0.</summary>
    public void Orthant<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> pg, Span<T> orthant)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++) orthant[i] = x[i] == T.Zero ? -pg[i] : x[i];
    }

    /// <summary>x ← π(x; ξ): components in the range that left the orthant (xᵢξᵢ ≤ 0) become 0.</summary>
    public void Project<T>(Span<T> x, ReadOnlySpan<T> orthant)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = Start; i < End; i++)
        {
            if (x[i] * orthant[i] <= T.Zero) x[i] = T.Zero;
        }
    }
}
