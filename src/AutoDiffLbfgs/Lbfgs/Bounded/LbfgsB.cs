using System.Numerics;
using AutoDiffLbfgs.LineSearch;
using AutoDiffLbfgs.Numerics;

namespace AutoDiffLbfgs;

/// <summary>
/// L-BFGS-B (R. H. Byrd, P. Lu, J. Nocedal, C. Zhu, "A limited memory algorithm for bound constrained optimization",
/// SIAM J. Sci. Comput. 16(5), 1995; J. L. Morales, J. Nocedal, "Remark on Algorithm 778", ACM TOMS 38(1), 2011): the
/// driver behind <see cref="Lbfgs.Minimize{T, TObjective}"/> when bounds are set. Its steps follow L-BFGS-B 3.0
/// (<c>mainlb</c>), the code scipy runs, so iteration and evaluation counts can be compared with scipy's.
/// </summary>
/// <remarks>
/// <para>Iteration k: the generalised Cauchy point xᶜ along P(x − t∇f) (<see cref="GeneralizedCauchyPoint"/>); the
/// subspace minimiser x̄ over the variables free at xᶜ (<see cref="SubspaceMinimization"/>); a line search along
/// d = x̄ − x with its step capped where x + αd leaves the box (the first iteration caps it at 1 and, unless every
/// variable has two bounds, starts at min(1/‖d‖, 1)). Without any finite bound and with stored pairs the Cauchy search is
/// skipped (xᶜ = x), as in L-BFGS-B.</para>
/// <para>A line search that ends on its interval tolerance, rounding errors or the step limit is accepted when it did
/// not increase f, as <c>lnsrlb</c> accepts dcsrch's warnings. A failed search clears the memory and restarts from the
/// Cauchy step; a failure with no pairs ends the solve with <see cref="LbfgsTermination.LineSearchFailed"/>. A pair is
/// stored when sᵀy &gt; ε·(−∇fᵀs) (L-BFGS-B's test, ε = <see cref="LbfgsOptions.CurvatureEpsilon"/>).</para>
/// </remarks>
internal static class LbfgsB
{
    /// <summary>The step bound of the line search away from the bounds (L-BFGS-B's <c>big</c>).</summary>
    private const double UnboundedStep = 1e10;

    public static LbfgsResult Solve<T, TObjective>(ref TObjective objective, Span<T> x, LbfgsOptions options, CancellationToken cancellationToken)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TObjective : IDifferentiableObjective<T>, allows ref struct
    {
        int n = x.Length;
        var box = new BoxBounds(options.LowerBounds, options.UpperBounds);
        var work = new LbfgsBWorkspace<T>(n, options.Memory);
        CompactLbfgsMatrix<T> matrix = work.Matrix;
        T[] current = x.ToArray(), trial = new T[n], gradient = new T[n], trialGradient = new T[n], direction = new T[n];
        ILineSearch lineSearch = options.LineSearch;
        bool projected = box.Project<T>(current);

        double value = double.CreateTruncating(objective.ValueAndGradient(current, gradient));
        int evaluations = 1, iterations = 0, skipped = 0, resets = 0;
        double gradientNorm = box.ProjectedGradientNorm<T>(current, gradient);
        if (!double.IsFinite(value) || !double.IsFinite(VectorMath.Norm2Double<T>(gradient)))
            return Result(LbfgsTermination.NonFiniteValue, value, gradientNorm, 0, evaluations, 0, 0, projected);

        LbfgsTermination termination;
        var stopping = new StoppingRules(options, value, scipyDecrease: true);
        while (true)
        {
            if (stopping.BeforeStep<T>(gradientNorm, current, cancellationToken) is { } stop)
            {
                termination = stop;
                break;
            }

            // Search target: the Cauchy point, improved by the subspace step once B carries curvature information.
            int freeCount;
            if (!box.Constrained && matrix.Count > 0)
            {
                current.CopyTo(work.CauchyPoint, 0);
                work.C.AsSpan().Clear();
                work.Free.AsSpan().Fill(true);
                matrix.MultiplyWTranspose(gradient, work.Q);   // q = Wᵀg: xᶜ = x and every variable is free
                freeCount = n;
            }
            else
            {
                freeCount = GeneralizedCauchyPoint.Compute<T>(box, current, gradient, work);
            }
            if (freeCount > 0 && matrix.Count > 0) SubspaceMinimization.Apply<T>(box, current, gradient, work, freeCount);
            VectorMath.Subtract<T>(work.CauchyPoint, current, direction);

            double slope0 = VectorMath.DotDouble<T>(gradient, direction);
            double maxStep = !box.Constrained ? UnboundedStep : iterations == 0 ? 1 : box.MaxStep<T>(current, direction, UnboundedStep);
            LineSearchResult search = default;
            bool accepted = false;
            if (slope0 < 0 && maxStep > 0)
            {
                double initialStep = iterations == 0 && !box.Boxed ? Math.Min(1 / VectorMath.Norm2Double<T>(direction), maxStep) : 1;
                var problem = new LineSearchProblem<T>(current, direction, trial, trialGradient, value, slope0, options.MaxEvaluations - evaluations) { MaxStep = maxStep };
                search = lineSearch.Search(ref objective, ref problem, initialStep);
                evaluations += problem.Evaluations;
                if (search.Status == LineSearchStatus.EvaluationBudgetExhausted)
                {
                    termination = LbfgsTermination.MaxEvaluations;
                    break;
                }
                accepted = search.Status == LineSearchStatus.Accepted
                    || (search.Status is LineSearchStatus.IntervalTooSmall or LineSearchStatus.RoundingErrors or LineSearchStatus.StepAboveMaximum or LineSearchStatus.StepBelowMinimum
                        && search.Value <= value && double.IsFinite(search.Slope));
            }
            if (!accepted)
            {
                if (matrix.Count > 0)
                {
                    matrix.Clear();
                    resets++;
                    continue;
                }
                termination = slope0 < 0 ? LbfgsTermination.LineSearchFailed : LbfgsTermination.NotDescentDirection;
                break;
            }

            // Correction pair, kept when sᵀy > ε·(−∇fᵀs) (L-BFGS-B's guard, which keeps B positive definite).
            Span<T> s = matrix.NextS, y = matrix.NextY;
            VectorMath.Subtract<T>(trial, current, s);
            VectorMath.Subtract<T>(trialGradient, gradient, y);
            double sy = VectorMath.DotDouble<T>(s, y);
            if (sy > options.CurvatureEpsilon * (-slope0 * search.Step))
            {
                if (!matrix.Commit(sy))
                {
                    matrix.Clear();
                    resets++;
                }
            }
            else
            {
                skipped++;
            }

            (current, trial) = (trial, current);
            (gradient, trialGradient) = (trialGradient, gradient);
            value = search.Value;
            gradientNorm = box.ProjectedGradientNorm<T>(current, gradient);
            iterations++;

            if (stopping.AfterStep<T>(iterations, value, gradientNorm, search.Step, current) is { } reason)
            {
                termination = reason;
                break;
            }
        }

        current.CopyTo(x);
        return Result(termination, value, gradientNorm, iterations, evaluations, skipped, resets, projected);
    }

    private static LbfgsResult Result(LbfgsTermination termination, double value, double gradientNorm, int iterations, int evaluations, int skipped, int resets, bool projected) =>
        new(termination, value, gradientNorm, iterations, evaluations, skipped, resets) { Algorithm = LbfgsAlgorithm.LbfgsB, StartProjected = projected };
}
