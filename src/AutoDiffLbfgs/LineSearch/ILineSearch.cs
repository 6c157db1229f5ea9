using System.Numerics;

namespace AutoDiffLbfgs.LineSearch;

/// <summary>
/// A line search: given a descent direction d at x (φ′(0) = ∇f(x)ᵀd &lt; 0), finds a step α &gt; 0 whose point
/// x + αd satisfies the search's acceptance conditions, evaluating the objective through
/// <see cref="LineSearchProblem{T}.Evaluate{TObjective}"/>.
/// </summary>
/// <remarks>
/// Implementations are immutable after construction and hold no per-search state, so one instance may be shared by
/// concurrent solves. A search must not allocate. When it returns <see cref="LineSearchStatus.Accepted"/>, the last
/// evaluation it made must be the accepted step, so <see cref="LineSearchProblem{T}.Point"/> and
/// <see cref="LineSearchProblem{T}.Gradient"/> hold the new iterate.
/// </remarks>
public interface ILineSearch
{
    /// <summary>Runs one search.</summary>
    /// <param name="objective">The objective, passed by reference so a struct is neither copied nor boxed.</param>
    /// <param name="problem">The direction, the start value and slope, the trial buffers and the evaluation budget.</param>
    /// <param name="initialStep">The first trial step, &gt; 0 (the solver passes 1, or 1/‖∇f‖ along −∇f).</param>
    /// <returns>The outcome; the solver maps every status other than <see cref="LineSearchStatus.Accepted"/> to a failure.</returns>
    LineSearchResult Search<T, TObjective>(ref TObjective objective, ref LineSearchProblem<T> problem, double initialStep)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TObjective : IDifferentiableObjective<T>, allows ref struct;

    /// <summary>Checks that the parameters are consistent with one another (each one is range-checked when set).</summary>
    /// <exception cref="ArgumentException">A combination of parameters is invalid; the message names them.</exception>
    void Validate();
}
