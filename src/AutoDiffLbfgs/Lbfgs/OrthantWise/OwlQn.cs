using System.Numerics;
using AutoDiffLbfgs.LineSearch;
using AutoDiffLbfgs.Numerics;

namespace AutoDiffLbfgs;

/// <summary>
/// OWL-QN, the orthant-wise limited-memory quasi-Newton method (G. Andrew, J. Gao, "Scalable training of L1-regularized
/// log-linear models", ICML 2007) for F(x) = ℓ(x) + C·Σ|xᵢ| over [L1Start, L1End): the driver behind
/// <see cref="Lbfgs.Minimize{T, TObjective}"/> when <see cref="LbfgsOptions.L1Penalty"/> &gt; 0. Its steps follow
/// liblbfgs 1.10's orthant-wise mode, so counts can be compared with it.
/// </summary>
/// <remarks>
/// <para>Iteration k: the pseudo-gradient ◇F (<see cref="L1Term.PseudoGradient{T}"/>); d = −H◇F by the two-loop
/// recursion over pairs of the smooth part (s = Δx, y = Δ∇ℓ), with components whose sign disagrees with −◇F zeroed;
/// the backtracking search of <see cref="OrthantWiseLineSearch"/> along d with trial points projected onto the orthant
/// of x; the first trial is 1/‖◇F‖ along −◇F, then 1. The gradient test uses ‖◇F‖₂.</para>
/// <para>The search takes c₁, MinStep, MaxStep and MaxEvaluations from <see cref="LbfgsOptions.LineSearch"/> and the
/// shrink factor from a <see cref="BacktrackingLineSearch"/>'s Decrease (0.5 otherwise); the Moré–Thuente search does
/// not apply, because F is not differentiable across orthants. A failed search clears the history and retries along
/// −◇F; a second failure ends the solve with <see cref="LbfgsTermination.LineSearchFailed"/>.</para>
/// </remarks>
internal static class OwlQn
{
    /// <summary>The search parameters used when <see cref="LbfgsOptions.LineSearch"/> is a user type without them.</summary>
    private static readonly BacktrackingLineSearch DefaultSearch = new();

    public static LbfgsResult Solve<T, TObjective>(ref TObjective objective, Span<T> x, LbfgsOptions options, CancellationToken cancellationToken)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TObjective : IDifferentiableObjective<T>, allows ref struct
    {
        int n = x.Length;
        var l1 = new L1Term(options.L1Penalty, options.L1Start, options.L1End == -1 ? n : options.L1End);
        var history = new LbfgsHistory<T>(n, options.Memory);
        T[] current = x.ToArray(), trial = new T[n], gradient = new T[n], trialGradient = new T[n];
        T[] pseudoGradient = new T[n], direction = new T[n], orthant = new T[n];
        var parameters = options.LineSearch as LineSearchParameters ?? DefaultSearch;
        double decrease = options.LineSearch is BacktrackingLineSearch backtracking ? backtracking.Decrease : 0.5;

        double value = double.CreateTruncating(objective.ValueAndGradient(current, gradient)) + l1.Value<T>(current);
        int evaluations = 1, iterations = 0, skipped = 0, resets = 0;
        l1.PseudoGradient<T>(current, gradient, pseudoGradient);
        double gradientNorm = VectorMath.Norm2Double<T>(pseudoGradient);
        if (!double.IsFinite(value) || !double.IsFinite(gradientNorm))
            return Result(LbfgsTermination.NonFiniteValue, value, gradientNorm, 0, evaluations, 0, 0);

        LbfgsTermination termination;
        double gamma = 1;
        var stopping = new StoppingRules(options, value, scipyDecrease: false);
        while (true)
        {
            if (stopping.BeforeStep<T>(gradientNorm, current, cancellationToken) is { } stop)
            {
                termination = stop;
                break;
            }

            // d = −H◇F, constrained to the orthant −◇F points into.
            double step;
            if (history.Count == 0)
            {
                pseudoGradient.CopyTo(direction, 0);
                step = 1 / gradientNorm;
            }
            else
            {
                history.ApplyInverseHessian(pseudoGradient, direction, gamma);
                step = 1;
            }
            VectorMath.Scale(-T.One, direction.AsSpan());
            l1.ConstrainDirection<T>(direction, pseudoGradient);
            if (!(VectorMath.DotDouble<T>(direction, pseudoGradient) < 0))
            {
                if (history.Count > 0)
                {
                    history.Clear();
                    resets++;
                    continue;
                }
                termination = LbfgsTermination.NotDescentDirection;
                break;
            }

            var outcome = OrthantWiseLineSearch.Search(
                ref objective, l1, current, direction, pseudoGradient, orthant, trial, trialGradient, value, ref step,
                parameters.SufficientDecrease, decrease, parameters.MinStep, parameters.MaxStep, parameters.MaxEvaluations,
                options.MaxEvaluations - evaluations, out double trialValue, out int used);
            evaluations += used;
            if (outcome == OrthantWiseLineSearch.Outcome.BudgetExhausted)
            {
                termination = LbfgsTermination.MaxEvaluations;
                break;
            }
            // An accepted point equal to x (the step vanished in rounding) is a failure too: nothing would change next time.
            if (outcome == OrthantWiseLineSearch.Outcome.Failed || trial.AsSpan().SequenceEqual(current))
            {
                if (history.Count > 0)
                {
                    history.Clear();
                    resets++;
                    continue;
                }
                termination = LbfgsTermination.LineSearchFailed;
                break;
            }

            // Pair of the smooth part, kept when sᵀy > ε·yᵀy (liblbfgs keeps every pair; the guard keeps H positive definite).
            Span<T> s = history.NextS, y = history.NextY;
            VectorMath.Subtract<T>(trial, current, s);
            VectorMath.Subtract<T>(trialGradient, gradient, y);
            double sy = VectorMath.DotDouble<T>(s, y), yy = VectorMath.DotDouble<T>(y, y);
            if (sy > options.CurvatureEpsilon * yy && yy > 0)
            {
                history.CommitNext(1 / sy);
                gamma = sy / yy;
            }
            else
            {
                skipped++;
            }

            (current, trial) = (trial, current);
            (gradient, trialGradient) = (trialGradient, gradient);
            value = trialValue;
            l1.PseudoGradient<T>(current, gradient, pseudoGradient);
            gradientNorm = VectorMath.Norm2Double<T>(pseudoGradient);
            iterations++;

            if (stopping.AfterStep<T>(iterations, value, gradientNorm, step, current) is { } reason)
            {
                termination = reason;
                break;
            }
        }

        current.CopyTo(x);
        return Result(termination, value, gradientNorm, iterations, evaluations, skipped, resets);
    }

    private static LbfgsResult Result(LbfgsTermination termination, double value, double gradientNorm, int iterations, int evaluations, int skipped, int resets) =>
        new(termination, value, gradientNorm, iterations, evaluations, skipped, resets) { Algorithm = LbfgsAlgorithm.OwlQn };
}
