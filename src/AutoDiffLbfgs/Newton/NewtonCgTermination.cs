namespace AutoDiffLbfgs.Newton;

/// <summary>Why <see cref="NewtonCg.Minimize{T, TObjective}"/> stopped. In every case x holds the best point found.</summary>
public enum NewtonCgTermination
{
    /// <summary>‖∇f‖₂ ≤ max(AbsoluteGradientTolerance, RelativeGradientTolerance·max(1, ‖x‖₂)).</summary>
    ConvergedOnGradient,

    /// <summary>MaxIterations outer iterations were made.</summary>
    MaxIterations,

    /// <summary>MaxEvaluations evaluations of f and ∇f were made.</summary>
    MaxEvaluations,

    /// <summary>The line search along the Newton–CG direction failed (line-search method only).</summary>
    LineSearchFailed,

    /// <summary>The trust radius shrank below MinTrustRadius without an acceptable step (trust-region method only).</summary>
    TrustRegionTooSmall,

    /// <summary>f or ∇f is NaN or infinite at the start point (x is left untouched), or a Hessian-vector product was not finite (x holds the last iterate).</summary>
    NonFiniteValue,

    /// <summary>The cancellation token was signalled (checked once per iteration).</summary>
    Cancelled,

    /// <summary>The per-iteration callback returned <see langword="false"/>.</summary>
    StoppedByCallback,
}
