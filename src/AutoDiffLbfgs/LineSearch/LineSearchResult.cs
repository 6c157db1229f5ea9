namespace AutoDiffLbfgs.LineSearch;

/// <summary>The outcome of one line search.</summary>
/// <param name="Status">Why the search ended.</param>
/// <param name="Step">The last step tried (the accepted one when <see cref="Status"/> is <see cref="LineSearchStatus.Accepted"/>).</param>
/// <param name="Value">φ(<see cref="Step"/>) = f(x + Step·d), or NaN when no evaluation was made.</param>
/// <param name="Slope">φ′(<see cref="Step"/>) = ∇f(x + Step·d)ᵀd, or NaN when no evaluation was made.</param>
public readonly record struct LineSearchResult(LineSearchStatus Status, double Step, double Value, double Slope);
