namespace AutoDiffLbfgs;

/// <summary>Why <see cref="Lbfgs.Minimize{T, TObjective}"/> stopped. In every case x holds the best point found.</summary>
public enum LbfgsTermination
{
    /// <summary>‖∇f‖₂ ≤ max(AbsoluteGradientTolerance, RelativeGradientTolerance·max(1, ‖x‖₂)).</summary>
    ConvergedOnGradient,

    /// <summary>(f<sub>k−past</sub> − f<sub>k</sub>) ≤ Delta·max(1, |f<sub>k</sub>|) (the <c>past</c>/<c>delta</c> test).</summary>
    ConvergedOnRelativeDecrease,

    /// <summary>MaxIterations iterations were made.</summary>
    MaxIterations,

    /// <summary>MaxEvaluations evaluations of f and ∇f were made (the last line search was cut short).</summary>
    MaxEvaluations,

    /// <summary>A line search along −∇f failed (after the history was reset following a failure along the L-BFGS direction, or with no history to reset).</summary>
    LineSearchFailed,

    /// <summary>Even −∇f is not a descent direction in floating point (∇fᵀ(−∇f) rounds to 0, e.g. a subnormal gradient).</summary>
    NotDescentDirection,

    /// <summary>f or ∇f is NaN or infinite at the start point; x is left untouched.</summary>
    NonFiniteValue,

    /// <summary>The cancellation token was signalled (checked once per iteration).</summary>
    Cancelled,

    /// <summary>The per-iteration callback returned <see langword="false"/>.</summary>
    StoppedByCallback,
}
