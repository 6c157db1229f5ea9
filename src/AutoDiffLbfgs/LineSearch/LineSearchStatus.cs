namespace AutoDiffLbfgs.LineSearch;

/// <summary>How a line search ended.</summary>
public enum LineSearchStatus
{
    /// <summary>A step satisfying the acceptance conditions was found; the problem's trial buffers hold it.</summary>
    Accepted,

    /// <summary>The search made its maximum number of evaluations without accepting a step.</summary>
    TooManyEvaluations,

    /// <summary>The step would have to fall below the minimum step.</summary>
    StepBelowMinimum,

    /// <summary>The step reached the maximum step without satisfying the conditions.</summary>
    StepAboveMaximum,

    /// <summary>The interval of uncertainty became narrower than the relative tolerance (Moré–Thuente xtol).</summary>
    IntervalTooSmall,

    /// <summary>Rounding errors prevent further progress: the step left the interval of uncertainty.</summary>
    RoundingErrors,

    /// <summary>φ′(0) ≥ 0 (or not finite): the direction does not descend, so no search was made.</summary>
    NotDescentDirection,

    /// <summary>The solver's evaluation budget ran out during the search.</summary>
    EvaluationBudgetExhausted,
}
