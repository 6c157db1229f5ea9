namespace AutoDiffLbfgs.Stochastic;

/// <summary>Why <see cref="StochasticLbfgs.Minimize{T, TObjective}"/> stopped. In every case w holds the last iterate and the returned state continues the run.</summary>
public enum StochasticLbfgsTermination
{
    /// <summary>A batch gradient satisfied ‖g‖₂ &lt; AccuracyThreshold·max(1, ‖w‖₂) (checked before each step, as oneDAL does).</summary>
    Converged,

    /// <summary>NIterations iterations were made.</summary>
    MaxIterations,

    /// <summary>A batch gradient was NaN or infinite; w is the iterate at which it was evaluated (no step was taken with it).</summary>
    NonFiniteGradient,

    /// <summary>The cancellation token was signalled (checked once per iteration).</summary>
    Cancelled,
}
