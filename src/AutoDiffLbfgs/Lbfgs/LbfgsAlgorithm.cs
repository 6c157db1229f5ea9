namespace AutoDiffLbfgs;

/// <summary>Which algorithm <see cref="Lbfgs.Minimize{T, TObjective}"/> ran; chosen by the options.</summary>
public enum LbfgsAlgorithm
{
    /// <summary>Unconstrained L-BFGS (no bounds, no L1 term).</summary>
    Lbfgs,

    /// <summary>
    /// L-BFGS-B (Byrd, Lu, Nocedal &amp; Zhu, SIAM J. Sci. Comput. 16(5), 1995, with the subspace projection of Morales &amp;
    /// Nocedal, ACM TOMS 38(1), 2011), selected by <see cref="LbfgsOptions.LowerBounds"/> or <see cref="LbfgsOptions.UpperBounds"/>.
    /// The gradient test uses the projected gradient ‖P(x − ∇f) − x‖∞.
    /// </summary>
    LbfgsB,

    /// <summary>OWL-QN (Andrew &amp; Gao, ICML 2007), selected by <see cref="LbfgsOptions.L1Penalty"/> &gt; 0; f includes the L1 term.</summary>
    OwlQn,
}
