using System.Numerics;

namespace AutoDiffLbfgs.Newton;

/// <summary>
/// A symmetric positive definite preconditioner M ≈ ∇²f for the conjugate gradients of <see cref="NewtonCg"/>: the CG
/// works with M⁻¹r (Nocedal &amp; Wright Alg. 5.3) and, for the trust-region method, measures steps in the M-norm
/// ‖z‖<sub>M</sub> = √(zᵀMz) (Conn, Gould &amp; Toint, <i>Trust-Region Methods</i>, §7.5). Implement it as a struct so the call
/// is inlined; it must not allocate.
/// </summary>
/// <typeparam name="T"><see cref="double"/> or <see cref="float"/>.</typeparam>
public interface INewtonPreconditioner<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Called once per outer iteration with the new iterate, before any <see cref="Solve"/> there (to refresh an x-dependent M).</summary>
    void Update(ReadOnlySpan<T> x);

    /// <summary>Overwrites <paramref name="result"/> with M⁻¹·<paramref name="residual"/>.</summary>
    void Solve(ReadOnlySpan<T> residual, Span<T> result);
}
