namespace AutoDiffLbfgs.Newton;

/// <summary>How <see cref="NewtonCg"/> globalises the truncated-CG Newton step.</summary>
public enum NewtonCgMethod
{
    /// <summary>
    /// Trust-region Newton–CG (Steihaug 1983; Nocedal &amp; Wright Alg. 4.1 with Alg. 7.2), as scipy's <c>trust-ncg</c>:
    /// CG on the trust-region subproblem stops on negative curvature or at the boundary.
    /// </summary>
    TrustRegion,

    /// <summary>
    /// Line-search Newton–CG (Nocedal &amp; Wright Alg. 7.1), as scipy's <c>Newton-CG</c>: CG stops on negative
    /// curvature (taking −∇f if it occurs at once), then the Moré–Thuente search finds the step.
    /// </summary>
    LineSearch,
}
