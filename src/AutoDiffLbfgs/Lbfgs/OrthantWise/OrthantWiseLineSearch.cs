using System.Numerics;
using AutoDiffLbfgs.Numerics;

namespace AutoDiffLbfgs;

/// <summary>
/// The backtracking line search OWL-QN requires (Andrew &amp; Gao 2007, §3.2; liblbfgs' <c>line_search_backtracking_owlqn</c>):
/// trial points x(α) = π(x + αd; ξ) projected onto the orthant of x, accepted when
/// F(x(α)) ≤ F(x) + c₁·◇F(x)ᵀ(x(α) − x) with F = ℓ + C‖x‖₁; otherwise α is multiplied by <c>decrease</c>.
/// </summary>
internal static class OrthantWiseLineSearch
{
    public enum Outcome
    {
        Accepted,
        Failed,
        BudgetExhausted,
    }

    /// <summary>
    /// Searches from <paramref name="origin"/> along <paramref name="direction"/>; on <see cref="Outcome.Accepted"/>,
    /// <paramref name="point"/> and <paramref name="gradient"/> hold the new iterate and ∇ℓ there, and
    /// <paramref name="value"/> is F there. <paramref name="step"/> is the first trial on entry, the last one on return.
    /// </summary>
    public static Outcome Search<T, TObjective>(
        ref TObjective objective, in L1Term l1, ReadOnlySpan<T> origin, ReadOnlySpan<T> direction, ReadOnlySpan<T> pseudoGradient,
        Span<T> orthant, Span<T> point, Span<T> gradient, double value0, ref double step, double sufficientDecrease, double decrease,
        double minStep, double maxStep, int maxEvaluations, int budget, out double value, out int evaluations)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TObjective : IDifferentiableObjective<T>, allows ref struct
    {
        l1.Orthant(origin, pseudoGradient, orthant);
        evaluations = 0;
        value = double.NaN;
        while (true)
        {
            if (evaluations >= budget) return Outcome.BudgetExhausted;
            VectorMath.AddScaled(origin, T.CreateTruncating(step), direction, point);
            l1.Project(point, orthant);
            value = double.CreateTruncating(objective.ValueAndGradient(point, gradient)) + l1.Value<T>(point);
            evaluations++;

            // ◇F(x)ᵀ(x(α) − x), the decrease predicted along the projected step.
            double predicted = 0;
            for (int i = 0; i < point.Length; i++) predicted += double.CreateTruncating(point[i] - origin[i]) * double.CreateTruncating(pseudoGradient[i]);
            if (value <= value0 + sufficientDecrease * predicted && double.IsFinite(value) && double.IsFinite(VectorMath.DotDouble<T>(gradient, gradient)))
                return Outcome.Accepted;
            if (step < minStep || step > maxStep || evaluations >= maxEvaluations) return Outcome.Failed;
            step *= decrease;
        }
    }
}
