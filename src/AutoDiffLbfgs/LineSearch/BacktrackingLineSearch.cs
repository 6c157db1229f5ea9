using System.Numerics;

namespace AutoDiffLbfgs.LineSearch;

/// <summary>
/// Backtracking line search with Armijo, Wolfe or strong-Wolfe acceptance (Nocedal &amp; Wright Algorithm 3.1,
/// extended to the curvature conditions). A step that fails sufficient decrease (or whose f or ∇f is not finite)
/// becomes an upper bound and the step shrinks by <see cref="Decrease"/>; a step whose slope is still too negative for
/// the (strong) Wolfe condition becomes a lower bound and the step grows by <see cref="Increase"/>. Once both bounds
/// exist the next step is their midpoint, so alternating between growing and shrinking cannot cycle.
/// </summary>
public sealed class BacktrackingLineSearch : LineSearchParameters, ILineSearch
{
    /// <summary>The acceptance test. Default <see cref="BacktrackingCondition.Armijo"/>.</summary>
    public BacktrackingCondition Condition
    {
        get;
        init
        {
            if (!Enum.IsDefined(value)) throw new ArgumentOutOfRangeException(nameof(Condition), value, "Condition must be Armijo, Wolfe or StrongWolfe.");
            field = value;
        }
    } = BacktrackingCondition.Armijo;

    /// <summary>Factor applied to the step when it is too long. Default 0.5; range (0, 1).</summary>
    public double Decrease
    {
        get;
        init => field = value > 0 && value < 1 ? value : throw new ArgumentOutOfRangeException(nameof(Decrease), value, "Decrease must be in (0, 1).");
    } = 0.5;

    /// <summary>Factor applied to the step when it is too short for the curvature condition. Default 2.1; range (1, ∞).</summary>
    public double Increase
    {
        get;
        init => field = value > 1 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(Increase), value, "Increase must be finite and greater than 1.");
    } = 2.1;

    /// <inheritdoc/>
    public void Validate() => ValidateShared(usesCurvature: Condition != BacktrackingCondition.Armijo);

    /// <inheritdoc/>
    public LineSearchResult Search<T, TObjective>(ref TObjective objective, ref LineSearchProblem<T> problem, double initialStep)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TObjective : IDifferentiableObjective<T>, allows ref struct
    {
        double value0 = problem.Value0, slope0 = problem.Slope0;
        if (!(slope0 < 0) || !double.IsFinite(slope0) || !double.IsFinite(value0))
            return new LineSearchResult(LineSearchStatus.NotDescentDirection, 0, double.NaN, double.NaN);

        double decreaseSlope = SufficientDecrease * slope0;
        double curvatureSlope = Curvature * slope0;
        double maxStep = Math.Min(MaxStep, problem.MaxStep);
        double step = Math.Clamp(initialStep, Math.Min(MinStep, maxStep), maxStep);
        double lower = 0, upper = double.PositiveInfinity;
        while (true)
        {
            if (!problem.Evaluate(ref objective, step, out double value, out double slope))
                return new LineSearchResult(LineSearchStatus.EvaluationBudgetExhausted, step, double.NaN, double.NaN);

            bool tooLong;
            if (!double.IsFinite(value) || !double.IsFinite(slope) || value > value0 + step * decreaseSlope) tooLong = true;
            else if (Condition == BacktrackingCondition.Armijo) return Accepted(step, value, slope);
            else if (slope < curvatureSlope) tooLong = false;
            else if (Condition == BacktrackingCondition.StrongWolfe && slope > -curvatureSlope) tooLong = true;
            else return Accepted(step, value, slope);

            if (problem.Evaluations >= MaxEvaluations) return new LineSearchResult(LineSearchStatus.TooManyEvaluations, step, value, slope);
            if (tooLong)
            {
                upper = step;
                step = lower > 0 ? 0.5 * (lower + upper) : step * Decrease;
                if (step < MinStep) return new LineSearchResult(LineSearchStatus.StepBelowMinimum, step, value, slope);
            }
            else
            {
                if (step >= maxStep) return new LineSearchResult(LineSearchStatus.StepAboveMaximum, step, value, slope);
                lower = step;
                step = double.IsPositiveInfinity(upper) ? Math.Min(step * Increase, maxStep) : 0.5 * (lower + upper);
            }
        }
    }

    private static LineSearchResult Accepted(double step, double value, double slope) =>
        new(LineSearchStatus.Accepted, step, value, slope);
}
