namespace AutoDiffLbfgs;

/// <summary>The outcome of a classic L-BFGS solve. The solution itself is written to the caller's x.</summary>
/// <param name="Termination">Why the solve stopped.</param>
/// <param name="Value">f at the returned x (the lowest value accepted), in double even for float objectives.</param>
/// <param name="GradientNorm">‖∇f‖₂ at the returned x, computed in double; for L-BFGS-B the projected gradient's ‖P(x − ∇f) − x‖∞, for OWL-QN the pseudo-gradient's ‖·‖₂.</param>
/// <param name="Iterations">Accepted steps (iterations of the outer loop).</param>
/// <param name="Evaluations">Calls of the objective's ValueAndGradient, the start point included.</param>
/// <param name="SkippedPairs">Correction pairs not stored because sᵀy ≤ ε·yᵀy (the curvature guard).</param>
/// <param name="HistoryResets">Times the history was cleared to restart along −∇f: after a line search along the L-BFGS direction failed, or when rounding made that direction ascend.</param>
public sealed record LbfgsResult(
    LbfgsTermination Termination,
    double Value,
    double GradientNorm,
    int Iterations,
    int Evaluations,
    int SkippedPairs,
    int HistoryResets)
{
    /// <summary>The algorithm that ran (<see cref="LbfgsAlgorithm.Lbfgs"/>, or L-BFGS-B / OWL-QN as the options selected).</summary>
    public LbfgsAlgorithm Algorithm { get; init; }

    /// <summary>L-BFGS-B only: <see langword="true"/> when the start point was outside the box and was projected onto it before the first evaluation.</summary>
    public bool StartProjected { get; init; }

    /// <summary><see langword="true"/> for <see cref="LbfgsTermination.ConvergedOnGradient"/> and <see cref="LbfgsTermination.ConvergedOnRelativeDecrease"/>.</summary>
    public bool Converged => Termination is LbfgsTermination.ConvergedOnGradient or LbfgsTermination.ConvergedOnRelativeDecrease;
}
