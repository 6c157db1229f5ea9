using System.Numerics;
using AutoDiffLbfgs.LineSearch;
using AutoDiffLbfgs.Numerics;

namespace AutoDiffLbfgs;

/// <summary>
/// The classic limited-memory BFGS solver (Nocedal &amp; Wright Algorithm 7.5; Liu &amp; Nocedal 1989) for smooth
/// unconstrained minimisation.
/// </summary>
/// <remarks>
/// <para>Iteration k: d = −H∇f by the two-loop recursion over the newest <see cref="LbfgsOptions.Memory"/> pairs with
/// H₀ = γI, γ = sᵀy/yᵀy of the newest pair (N&amp;W eq. 7.20); a line search finds α; s = x<sub>k+1</sub> − x<sub>k</sub>,
/// y = ∇f<sub>k+1</sub> − ∇f<sub>k</sub> are stored when sᵀy &gt; ε·yᵀy. With no stored pair the direction is −∇f and the
/// first trial step is 1/‖∇f‖ (a unit-length move), otherwise 1.</para>
/// <para>When a line search along the L-BFGS direction fails, the history is cleared and the search is retried along
/// −∇f; a failure along −∇f ends the solve with <see cref="LbfgsTermination.LineSearchFailed"/>. Because every
/// accepted step satisfies sufficient decrease, the current iterate is always the best point, and that is what x
/// holds on return whatever the reason.</para>
/// <para>The workspace (the history and five vectors of length n, and the worker threads when
/// <see cref="LbfgsOptions.MaxDegreeOfParallelism"/> asks for them) is allocated once per solve; iterations allocate
/// nothing.</para>
/// <para>The vector work is fused into the fewest passes the recursion allows: 2m + 1 sweeps for the direction, and two
/// per line-search trial (the trial point, then its gradient, which already yield the correction pair, its inner
/// products and both norms of the convergence test). Inner products are summed over fixed chunks of 16,384
/// elements, chunk sums in chunk order: for n ≤ 16,384 that is exactly the order of
/// <see cref="Numerics.VectorMath.DotDouble{T}"/>, and for any n the results do not depend on the number of
/// threads.</para>
/// </remarks>
public static class Lbfgs
{
    /// <summary>Minimises a struct objective (a generated <c>…Objective</c> or a hand-written one) starting from x.</summary>
    /// <typeparam name="T"><see cref="double"/> or <see cref="float"/>.</typeparam>
    /// <typeparam name="TObjective">The objective type; a struct (or ref struct), so calls are direct and can be inlined.</typeparam>
    /// <param name="objective">The objective; copied once, then passed by reference.</param>
    /// <param name="x">The start point on entry; the best point found on return (untouched when f or ∇f is not finite there).</param>
    /// <param name="options">Settings; null for the defaults.</param>
    /// <param name="cancellationToken">Checked once per iteration; cancellation ends the solve with <see cref="LbfgsTermination.Cancelled"/>.</param>
    /// <returns>The termination reason and the statistics of the solve.</returns>
    /// <exception cref="ArgumentException">An option combination is invalid (the message names the options).</exception>
    public static LbfgsResult Minimize<T, TObjective>(TObjective objective, Span<T> x, LbfgsOptions? options = null, CancellationToken cancellationToken = default)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TObjective : IDifferentiableObjective<T>, allows ref struct
    {
        options ??= DefaultOptions;
        options.Validate();
        options.ValidateDimension(x.Length);
        return options.Algorithm switch
        {
            LbfgsAlgorithm.LbfgsB => LbfgsB.Solve(ref objective, x, options, cancellationToken),
            LbfgsAlgorithm.OwlQn => OwlQn.Solve(ref objective, x, options, cancellationToken),
            _ => Solve(ref objective, x, options, cancellationToken),
        };
    }

    /// <summary>Minimises a hand-written objective given as a delegate <c>(x, g) =&gt; f</c> that fills g with ∇f(x).</summary>
    /// <typeparam name="T"><see cref="double"/> or <see cref="float"/>.</typeparam>
    /// <param name="function">Returns f(x) and writes ∇f(x) into its second argument.</param>
    /// <param name="x">The start point on entry; the best point found on return.</param>
    /// <param name="options">Settings; null for the defaults.</param>
    /// <param name="cancellationToken">Checked once per iteration.</param>
    /// <returns>The termination reason and the statistics of the solve.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="function"/> is null.</exception>
    /// <exception cref="ArgumentException">An option combination is invalid.</exception>
    public static LbfgsResult Minimize<T>(GradientFunction<T> function, Span<T> x, LbfgsOptions? options = null, CancellationToken cancellationToken = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(function);
        return Minimize(new DelegateObjective<T>(function, x.Length), x, options, cancellationToken);
    }

    private static readonly LbfgsOptions DefaultOptions = new();

    private static LbfgsResult Solve<T, TObjective>(ref TObjective objective, Span<T> x, LbfgsOptions options, CancellationToken cancellationToken)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TObjective : IDifferentiableObjective<T>, allows ref struct
    {
        int n = x.Length;
        using var sweeps = new LbfgsSweeps<T>(n, options.MaxDegreeOfParallelism, memory: options.Memory);
        return Solve(ref objective, x, options, sweeps, cancellationToken);
    }


    /// <summary>
    /// The iteration. All vector work goes through <paramref name="sweeps"/>, fused into the fewest passes the
    /// algorithm allows: the two-loop's 2m + 1 sweeps (the last also negates the direction and forms φ′(0)), or, when
    /// <see cref="LbfgsOptions.BlockedDirection"/> asks for it, the blocked direction's two (the history's inner
    /// products with ∇f and the newest y, then d with φ′(0)); per line
    /// search trial one sweep for the trial point (with s = x⁺ − x and ‖x⁺‖²) and one for its gradient (with
    /// y = g⁺ − g, φ′(α), sᵀy, yᵀy, ‖g⁺‖²). An accepted trial therefore leaves the pair, its inner products and both
    /// norms of the convergence test ready, and the iteration makes no pass of its own.
    /// </summary>
    private static LbfgsResult Solve<T, TObjective>(ref TObjective objective, Span<T> x, LbfgsOptions options, LbfgsSweeps<T> sweeps, CancellationToken cancellationToken)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TObjective : IDifferentiableObjective<T>, allows ref struct
    {
        int n = x.Length;
        var history = new LbfgsHistory<T>(n, options.Memory);
        // The blocked direction only when asked for (internal): on the 2-core test machine it measured slower than the
        // fused two-loop at every n tried, 10⁶ and 10⁷ included (docs/benchmarks.md), so the two-loop stays the default.
        bool blocked = options.BlockedDirection == true;
        if (blocked) history.ReserveBlocked();
        T[] current = x.ToArray(), trial = new T[n], gradient = new T[n], trialGradient = new T[n], direction = new T[n];
        double[] pastValues = new double[Math.Max(options.Past, 1)];
        ILineSearch lineSearch = options.LineSearch;
        LbfgsCallback? callback = options.Callback;

        double value = double.CreateTruncating(objective.ValueAndGradient(current, gradient));
        int evaluations = 1, iterations = 0, skipped = 0, resets = 0;
        double gradientNorm = VectorMath.Norm2Double<T>(gradient);
        if (!double.IsFinite(value) || !double.IsFinite(gradientNorm))
            return new LbfgsResult(LbfgsTermination.NonFiniteValue, value, gradientNorm, 0, evaluations, 0, 0);

        LbfgsTermination termination;
        double gamma = 1;
        pastValues[0] = value;
        // The gradient test is made once per iterate: here for x₀, after each accepted step for the new one (a history
        // reset retries from the same iterate, whose test has already failed).
        if (GradientConverged(options, gradientNorm, current, double.NaN))
        {
            current.CopyTo(x);
            return new LbfgsResult(LbfgsTermination.ConvergedOnGradient, value, gradientNorm, 0, evaluations, 0, 0);
        }
        while (true)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                termination = LbfgsTermination.Cancelled;
                break;
            }

            // Direction: d = −H∇f, or −∇f with a unit-length first trial when no pair is stored.
            double initialStep, slope0;
            if (history.Count == 0)
            {
                slope0 = sweeps.NegatedCopy(gradient, direction);
                initialStep = 1 / gradientNorm;
            }
            else
            {
                slope0 = blocked
                    ? history.ApplyNegatedInverseHessianBlocked(gradient, direction, gamma, sweeps)
                    : history.ApplyNegatedInverseHessian(gradient, direction, gamma, sweeps);
                initialStep = 1;
            }
            if (!(slope0 < 0) && history.Count > 0)
            {
                // Rounding made −H∇f ascend: start again from steepest descent.
                history.Clear();
                resets++;
                continue;
            }
            if (!(slope0 < 0))
            {
                termination = LbfgsTermination.NotDescentDirection;
                break;
            }

            // The candidate pair is formed during the search in the history's spare slot and kept only if it passes
            // the curvature guard sᵀy > ε·yᵀy (this keeps H positive definite; N&W §6.1, eq. 6.7).
            T[] s = history.NextS, y = history.NextY;
            sweeps.BindSearch(current, direction, trial, trialGradient, gradient, s, y);
            var problem = new LineSearchProblem<T>(current, direction, trial, trialGradient, value, slope0, options.MaxEvaluations - evaluations, sweeps);
            LineSearchResult search = lineSearch.Search(ref objective, ref problem, initialStep);
            evaluations += problem.Evaluations;
            if (search.Status == LineSearchStatus.EvaluationBudgetExhausted)
            {
                termination = LbfgsTermination.MaxEvaluations;
                break;
            }
            if (search.Status != LineSearchStatus.Accepted)
            {
                if (history.Count > 0)
                {
                    history.Clear();
                    resets++;
                    continue;
                }
                termination = search.Status == LineSearchStatus.NotDescentDirection ? LbfgsTermination.NotDescentDirection : LbfgsTermination.LineSearchFailed;
                break;
            }

            (double sy, double yy, double gradientSquaredNorm) = sweeps.Pair;
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
            value = search.Value;
            gradientNorm = VectorMath.Norm2Double<T>(gradient, gradientSquaredNorm);
            iterations++;

            if (callback is not null && !callback(new LbfgsProgress(iterations, value, gradientNorm, search.Step)))
            {
                termination = LbfgsTermination.StoppedByCallback;
                break;
            }
            if (GradientConverged(options, gradientNorm, current, sweeps.TrialSquaredNorm))
            {
                termination = LbfgsTermination.ConvergedOnGradient;
                break;
            }
            if (options.Past > 0)
            {
                // pastValues[k mod past] holds f_k until it is replaced by f_{k+past}.
                int slot = iterations % options.Past;
                if (iterations >= options.Past && pastValues[slot] - value <= options.Delta * Math.Max(1, Math.Abs(value)))
                {
                    termination = LbfgsTermination.ConvergedOnRelativeDecrease;
                    break;
                }
                pastValues[slot] = value;
            }
            if (iterations >= options.MaxIterations)
            {
                termination = LbfgsTermination.MaxIterations;
                break;
            }
        }

        current.CopyTo(x);
        return new LbfgsResult(termination, value, gradientNorm, iterations, evaluations, skipped, resets);
    }

    /// <summary>‖g‖ ≤ max(ε_abs, ε_rel·max(1, ‖x‖₂)) for the solver's measure of g (‖∇f‖₂; the projected gradient's ∞-norm in L-BFGS-B; ‖◇F‖₂ in OWL-QN).</summary>
    internal static bool GradientConverged<T>(LbfgsOptions options, double gradientNorm, ReadOnlySpan<T> x)
        where T : unmanaged, IFloatingPointIeee754<T> => GradientConverged(options, gradientNorm, x, double.NaN);

    /// <summary>The same test with ‖x‖² given when a sweep formed it (NaN: compute it).</summary>
    private static bool GradientConverged<T>(LbfgsOptions options, double gradientNorm, ReadOnlySpan<T> x, double squaredNorm)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        GradientTest.Converged(options.AbsoluteGradientTolerance, options.RelativeGradientTolerance, gradientNorm, x, squaredNorm);
}
