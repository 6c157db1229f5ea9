namespace AutoDiffLbfgs.Ase;

/// <summary>
/// What an ASE-mode relaxation does about steps that raise the energy. ASE's LBFGS does nothing: with its fixed
/// H0 = (1/alpha)·I and no curvature test it can overshoot stiff directions and cycle without converging.
/// </summary>
public enum AseSafeguard
{
    /// <summary>No safeguard: every step is taken, exactly as ASE does (one evaluation per step).</summary>
    None = 0,

    /// <summary>
    /// Backtracking along the ASE step p (after the maxstep scaling): pairs with yᵀs ≤ 0 are not stored, so p is a
    /// descent direction, and a trial point x + t·p is accepted only when the energy falls by at least 1e-4 of the
    /// first-order prediction t·gᵀp (Armijo; rises below 1e-12·|E| count as rounding), halving t until it does. The
    /// accepted t carries over to the next step, grown by 10% (at most 1), so a persistently too-long step costs one
    /// evaluation, not two. After <see cref="AseLbfgsOptions.MaxBacktracks"/> halvings the memory is cleared and the
    /// search is repeated from the scaled gradient. See <c>docs/ase.md</c>.
    /// </summary>
    Backtracking = 1,
}
