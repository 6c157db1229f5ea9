using System.Numerics;

namespace AutoDiffLbfgs.LineSearch;

/// <summary>
/// The Moré–Thuente line search (J. J. Moré and D. J. Thuente, "Line search algorithms with guaranteed sufficient
/// decrease", ACM TOMS 20(3), 1994): finds a step satisfying the strong Wolfe conditions
/// φ(α) ≤ φ(0) + c₁αφ′(0) and |φ′(α)| ≤ c₂|φ′(0)| by safeguarded cubic and quadratic interpolation on an interval
/// of uncertainty that is guaranteed to contain such steps. The default line search of the classic solver.
/// </summary>
/// <remarks>
/// <para>Stage 1 works on the auxiliary function ψ(α) = φ(α) − φ(0) − c₁αφ′(0) (paper §2) until a step with
/// ψ(α) ≤ 0 and φ′(α) ≥ min(c₁, c₂)·φ′(0) is seen; from then on φ itself is used. Trial steps come from the four
/// cases of §4; when the interval does not shrink by a factor 0.66 over two trials, the next trial is its midpoint.</para>
/// <para>A trial whose f or ∇f is not finite is treated as a failed trial: it becomes an upper limit for later
/// trials and the step is halved towards the best step so far.</para>
/// <para>When the step reaches <see cref="LineSearchParameters.MaxStep"/> with sufficient decrease and φ still decreasing, that step is
/// accepted: the bound is a cap the user asked for, and the point is better than the start.</para>
/// </remarks>
public sealed class MoreThuenteLineSearch : LineSearchParameters, ILineSearch
{
    private const double Bisection = 0.66;
    private const double ExtrapolationLower = 1.1;
    private const double ExtrapolationUpper = 4.0;

    /// <summary>Relative width (the paper's xtol) below which the interval of uncertainty counts as too small. Default 1e-16 (machine precision); range [0, 1).</summary>
    public double IntervalTolerance
    {
        get;
        init => field = value >= 0 && value < 1 ? value : throw new ArgumentOutOfRangeException(nameof(IntervalTolerance), value, "IntervalTolerance must be in [0, 1).");
    } = 1e-16;

    /// <inheritdoc/>
    public void Validate() => ValidateShared(usesCurvature: true);

    /// <inheritdoc/>
    public LineSearchResult Search<T, TObjective>(ref TObjective objective, ref LineSearchProblem<T> problem, double initialStep)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TObjective : IDifferentiableObjective<T>, allows ref struct
    {
        double value0 = problem.Value0, slope0 = problem.Slope0;
        if (!(slope0 < 0) || !double.IsFinite(slope0) || !double.IsFinite(value0))
            return new LineSearchResult(LineSearchStatus.NotDescentDirection, 0, double.NaN, double.NaN);
        double maxStep = Math.Min(MaxStep, problem.MaxStep);
        double minStep = Math.Min(MinStep, maxStep);

        double decreaseSlope = SufficientDecrease * slope0;   // slope of the line φ(0) + c₁αφ′(0)
        double curvatureBound = -Curvature * slope0;          // c₂|φ′(0)|
        double stageSlope = Math.Min(SufficientDecrease, Curvature) * slope0;

        // best = the step with the least ψ (or φ) so far; other = the other end of the interval of uncertainty.
        var best = new Endpoint(0, value0, slope0);
        var other = best;
        bool bracketed = false, stage1 = true;
        double width = maxStep - minStep, previousWidth = 2 * width;
        double step = Math.Clamp(initialStep, minStep, maxStep);
        double lowest = 0, highest = step + ExtrapolationUpper * step;
        double finiteLimit = double.PositiveInfinity;

        while (true)
        {
            if (!problem.Evaluate(ref objective, step, out double value, out double slope))
                return new LineSearchResult(LineSearchStatus.EvaluationBudgetExhausted, step, double.NaN, double.NaN);

            if (!double.IsFinite(value) || !double.IsFinite(slope))
            {
                if (problem.Evaluations >= MaxEvaluations) return new LineSearchResult(LineSearchStatus.TooManyEvaluations, step, value, slope);
                finiteLimit = step;
                step = best.Step + 0.5 * (step - best.Step);
                if (step < minStep) return new LineSearchResult(LineSearchStatus.StepBelowMinimum, step, value, slope);
                continue;
            }

            double sufficientValue = value0 + step * decreaseSlope;
            if (value <= sufficientValue && Math.Abs(slope) <= curvatureBound) return new LineSearchResult(LineSearchStatus.Accepted, step, value, slope);
            if (step == maxStep && value <= sufficientValue && slope <= decreaseSlope) return new LineSearchResult(LineSearchStatus.Accepted, step, value, slope);
            if (bracketed && (step <= lowest || step >= highest)) return new LineSearchResult(LineSearchStatus.RoundingErrors, step, value, slope);
            if (bracketed && highest - lowest <= IntervalTolerance * highest) return new LineSearchResult(LineSearchStatus.IntervalTooSmall, step, value, slope);
            if (step == minStep && (value > sufficientValue || slope >= decreaseSlope)) return new LineSearchResult(LineSearchStatus.StepBelowMinimum, step, value, slope);
            if (problem.Evaluations >= MaxEvaluations) return new LineSearchResult(LineSearchStatus.TooManyEvaluations, step, value, slope);

            if (stage1 && value <= sufficientValue && slope >= stageSlope) stage1 = false;

            var trial = new Endpoint(step, value, slope);
            if (stage1 && value <= best.Value && value > sufficientValue)
            {
                // Paper §3: while ψ(α) > 0 at a step with lower φ than the best, interpolate ψ instead of φ
                // (ψ = φ − c₁αφ′(0) shifts values by −α·decreaseSlope and slopes by −decreaseSlope).
                var bestPsi = best.ToPsi(decreaseSlope);
                var otherPsi = other.ToPsi(decreaseSlope);
                step = NextStep(ref bestPsi, ref otherPsi, trial.ToPsi(decreaseSlope), ref bracketed, lowest, highest);
                best = bestPsi.FromPsi(decreaseSlope);
                other = otherPsi.FromPsi(decreaseSlope);
            }
            else
            {
                step = NextStep(ref best, ref other, trial, ref bracketed, lowest, highest);
            }

            if (bracketed)
            {
                // Force sufficient shrinking of the interval (paper §4, last paragraph): bisect when two trials
                // did not reduce its width by the factor 0.66.
                if (Math.Abs(other.Step - best.Step) >= Bisection * previousWidth) step = best.Step + 0.5 * (other.Step - best.Step);
                previousWidth = width;
                width = Math.Abs(other.Step - best.Step);
                lowest = Math.Min(best.Step, other.Step);
                highest = Math.Max(best.Step, other.Step);
            }
            else
            {
                lowest = step + ExtrapolationLower * (step - best.Step);
                highest = step + ExtrapolationUpper * (step - best.Step);
            }

            step = Math.Clamp(step, minStep, maxStep);
            if (step >= finiteLimit) step = best.Step + 0.5 * (finiteLimit - best.Step);
            // With no room left, the last trial is the best step so far: it ends the search with a
            // rounding-error or interval status after one more evaluation at a known point.
            if (bracketed && (step <= lowest || step >= highest || highest - lowest <= IntervalTolerance * highest)) step = best.Step;
        }
    }

    /// <summary>
    /// One safeguarded step of the paper's §4 (the four cases), updating the interval ends. <paramref name="best"/> is
    /// the end with the least function value; <paramref name="trial"/> the newly evaluated step. Returns the next
    /// trial step within [<paramref name="lowest"/>, <paramref name="highest"/>] when not yet bracketed.
    /// </summary>
    private static double NextStep(ref Endpoint best, ref Endpoint other, Endpoint trial, ref bool bracketed, double lowest, double highest)
    {
        double signOfSlopes = trial.Slope * Math.Sign(best.Slope);
        double next;
        if (trial.Value > best.Value)
        {
            // Case 1: a higher value; the minimiser is bracketed. Take the cubic step if it is closer to the best
            // end than the quadratic one, else the average of the two.
            double cubic = CubicMinimizer(best, trial);
            double quadratic = best.Step + 0.5 * (best.Slope / ((best.Value - trial.Value) / (trial.Step - best.Step) + best.Slope)) * (trial.Step - best.Step);
            next = Math.Abs(cubic - best.Step) < Math.Abs(quadratic - best.Step) ? cubic : cubic + 0.5 * (quadratic - cubic);
            bracketed = true;
        }
        else if (signOfSlopes < 0)
        {
            // Case 2: lower value, slopes of opposite sign; bracketed. Take the step farther from the trial.
            double cubic = CubicMinimizer(trial, best);
            double secant = trial.Step + trial.Slope / (trial.Slope - best.Slope) * (best.Step - trial.Step);
            next = Math.Abs(cubic - trial.Step) > Math.Abs(secant - trial.Step) ? cubic : secant;
            bracketed = true;
        }
        else if (Math.Abs(trial.Slope) < Math.Abs(best.Slope))
        {
            // Case 3: lower value, same sign, the slope magnitude decreases. The cubic may have no minimiser in the
            // direction of the trial; then extrapolate to the bound.
            double cubic = CubicMinimizerOrBound(trial, best, lowest, highest);
            double secant = trial.Step + trial.Slope / (trial.Slope - best.Slope) * (best.Step - trial.Step);
            if (bracketed)
            {
                next = Math.Abs(cubic - trial.Step) < Math.Abs(secant - trial.Step) ? cubic : secant;
                next = trial.Step > best.Step
                    ? Math.Min(trial.Step + Bisection * (other.Step - trial.Step), next)
                    : Math.Max(trial.Step + Bisection * (other.Step - trial.Step), next);
            }
            else
            {
                next = Math.Abs(cubic - trial.Step) > Math.Abs(secant - trial.Step) ? cubic : secant;
                next = Math.Clamp(next, lowest, highest);
            }
        }
        else
        {
            // Case 4: lower value, same sign, the slope magnitude does not decrease. Use the cubic through the trial
            // and the other end when bracketed, else go to the extrapolation bound.
            if (bracketed) next = CubicMinimizer(trial, other);
            else next = trial.Step > best.Step ? highest : lowest;
        }

        if (trial.Value > best.Value)
        {
            other = trial;
        }
        else
        {
            if (signOfSlopes < 0) other = best;
            best = trial;
        }
        return next;
    }

    /// <summary>The minimiser of the cubic interpolating values and slopes at a and b (paper eq. for αc), computed
    /// with the scaling that avoids overflow.</summary>
    private static double CubicMinimizer(Endpoint a, Endpoint b)
    {
        double theta = 3 * (a.Value - b.Value) / (b.Step - a.Step) + a.Slope + b.Slope;
        double s = Math.Max(Math.Abs(theta), Math.Max(Math.Abs(a.Slope), Math.Abs(b.Slope)));
        double gamma = s * Math.Sqrt(Math.Max(0, (theta / s) * (theta / s) - (a.Slope / s) * (b.Slope / s)));
        if (b.Step < a.Step) gamma = -gamma;
        double p = gamma - a.Slope + theta;
        double q = gamma - a.Slope + gamma + b.Slope;
        return a.Step + p / q * (b.Step - a.Step);
    }

    /// <summary>Case 3's cubic step from the trial towards the best end; when the cubic tends to infinity in the
    /// direction of the step, the extrapolation bound instead.</summary>
    private static double CubicMinimizerOrBound(Endpoint trial, Endpoint best, double lowest, double highest)
    {
        double theta = 3 * (best.Value - trial.Value) / (trial.Step - best.Step) + best.Slope + trial.Slope;
        double s = Math.Max(Math.Abs(theta), Math.Max(Math.Abs(best.Slope), Math.Abs(trial.Slope)));
        double gamma = s * Math.Sqrt(Math.Max(0, (theta / s) * (theta / s) - (best.Slope / s) * (trial.Slope / s)));
        if (trial.Step > best.Step) gamma = -gamma;
        double p = gamma - trial.Slope + theta;
        double q = gamma + (best.Slope - trial.Slope) + gamma;
        double r = p / q;
        if (r < 0 && gamma != 0) return trial.Step + r * (best.Step - trial.Step);
        return trial.Step > best.Step ? highest : lowest;
    }

    /// <summary>A step with its value and slope (of φ, or of ψ inside stage 1's modified updates).</summary>
    private readonly record struct Endpoint(double Step, double Value, double Slope)
    {
        public Endpoint ToPsi(double decreaseSlope) => new(Step, Value - Step * decreaseSlope, Slope - decreaseSlope);

        public Endpoint FromPsi(double decreaseSlope) => new(Step, Value + Step * decreaseSlope, Slope + decreaseSlope);
    }
}
