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
    /// Backtracking along the ASE step: pairs with yᵀs ≤ 0 are not stored (so the step is a descent direction), and a
    /// trial point is accepted only when the energy falls by at least 1e-4 of the first-order prediction (Armijo),
    /// halving the step until it does. After <see cref="AseLbfgsOptions.MaxBacktracks"/> halvings the memory is
    /// cleared and the step restarts from the scaled gradient. See <c>docs/ase.md</c>.
    /// </summary>
    Backtracking = 1,
}
