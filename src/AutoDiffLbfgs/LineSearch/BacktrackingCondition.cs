namespace AutoDiffLbfgs.LineSearch;

/// <summary>The acceptance test of <see cref="BacktrackingLineSearch"/> (Nocedal &amp; Wright §3.1).</summary>
public enum BacktrackingCondition
{
    /// <summary>Sufficient decrease only: φ(α) ≤ φ(0) + c₁·α·φ′(0) (N&amp;W eq. 3.4).</summary>
    Armijo,

    /// <summary>Sufficient decrease and the curvature condition φ′(α) ≥ c₂·φ′(0) (N&amp;W eq. 3.6).</summary>
    Wolfe,

    /// <summary>Sufficient decrease and |φ′(α)| ≤ c₂·|φ′(0)| (N&amp;W eq. 3.7).</summary>
    StrongWolfe,
}
