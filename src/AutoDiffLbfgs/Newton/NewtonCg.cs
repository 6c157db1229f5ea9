using System.Numerics;
using AutoDiffLbfgs.LineSearch;
using AutoDiffLbfgs.Numerics;

namespace AutoDiffLbfgs.Newton;

/// <summary>
/// Hessian-free Newton solvers on the generated Hessian-vector product: trust-region Newton–CG (Steihaug 1983;
/// Nocedal &amp; Wright Alg. 4.1 with Alg. 7.2, as scipy's <c>trust-ncg</c>) and line-search Newton–CG (N&amp;W Alg. 7.1,
/// as scipy's <c>Newton-CG</c>), chosen by <see cref="NewtonCgOptions.Method"/>.
/// </summary>
/// <remarks>
/// <para>Iteration k solves ∇²f(x<sub>k</sub>) p = −∇f(x<sub>k</sub>) by CG to the residual ‖r‖ ≤ η<sub>k</sub>‖∇f‖ with the
/// forcing sequence η<sub>k</sub> = min(0.5, √‖∇f‖) (superlinear convergence, N&amp;W Thm. 7.2).</para>
/// <para>Trust region: CG stops at the boundary ‖p‖ = Δ or follows a negative-curvature direction to it; ρ = (f(x) −
/// f(x + p)) / (m(0) − m(p)) with the model value tracked inside the CG (so, unlike scipy, no extra product per
/// iteration); Δ ← Δ/4 when ρ &lt; ¼, Δ ← min(2Δ, Δ̂) when ρ &gt; ¾ and p is on the boundary; the step is taken when
/// ρ &gt; η. A trial point where f or ∇f is not finite counts as ρ = −∞.</para>
/// <para>Line search: CG stops on negative curvature (taking the scaled −∇f when it occurs at once), then
/// <see cref="NewtonCgOptions.LineSearch"/> (Moré–Thuente by default) finds the step from α = 1.</para>
/// <para>The workspace (nine vectors of length n) is allocated once per solve; iterations allocate nothing.</para>
/// </remarks>
public static class NewtonCg
{
    /// <summary>Minimises a struct objective with a Hessian-vector product (a generated <c>…Objective</c>) starting from x.</summary>
    /// <typeparam name="T"><see cref="double"/> or <see cref="float"/>.</typeparam>
    /// <typeparam name="TObjective">The objective type; a struct (or ref struct), so calls are direct and can be inlined.</typeparam>
    /// <param name="objective">The objective; copied once, then passed by reference.</param>
    /// <param name="x">The start point on entry; the best point found on return (untouched when f or ∇f is not finite there).</param>
    /// <param name="options">Settings; null for the defaults.</param>
    /// <param name="cancellationToken">Checked once per iteration; cancellation ends the solve with <see cref="NewtonCgTermination.Cancelled"/>.</param>
    /// <returns>The termination reason and the statistics of the solve.</returns>
    /// <exception cref="ArgumentException">x is empty, or an option combination is invalid (the message names the options).</exception>
    public static NewtonCgResult Minimize<T, TObjective>(TObjective objective, Span<T> x, NewtonCgOptions? options = null, CancellationToken cancellationToken = default)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TObjective : ITwiceDifferentiableObjective<T>, allows ref struct
    {
        var identity = new IdentityPreconditioner<T>();
        return Minimize(objective, identity, x, options, cancellationToken);
    }

    /// <summary>
    /// Minimises with a preconditioned CG (for example a <see cref="DiagonalPreconditioner{T}"/>); the trust region is
    /// then measured in the M-norm, so <see cref="NewtonCgOptions.InitialTrustRadius"/> and
    /// <see cref="NewtonCgOptions.MaxTrustRadius"/> are M-norm lengths.
    /// </summary>
    /// <typeparam name="T"><see cref="double"/> or <see cref="float"/>.</typeparam>
    /// <typeparam name="TObjective">The objective type; a struct (or ref struct).</typeparam>
    /// <typeparam name="TPreconditioner">The preconditioner type; a struct, so calls are direct.</typeparam>
    /// <param name="objective">The objective; copied once, then passed by reference.</param>
    /// <param name="preconditioner">M, symmetric positive definite; copied once, then passed by reference.</param>
    /// <param name="x">The start point on entry; the best point found on return.</param>
    /// <param name="options">Settings; null for the defaults.</param>
    /// <param name="cancellationToken">Checked once per iteration.</param>
    /// <returns>The termination reason and the statistics of the solve.</returns>
    /// <exception cref="ArgumentException">x is empty, a <see cref="DiagonalPreconditioner{T}"/>'s length differs from x's, or an option combination is invalid.</exception>
    public static NewtonCgResult Minimize<T, TObjective, TPreconditioner>(TObjective objective, TPreconditioner preconditioner, Span<T> x, NewtonCgOptions? options = null, CancellationToken cancellationToken = default)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TObjective : ITwiceDifferentiableObjective<T>, allows ref struct
        where TPreconditioner : INewtonPreconditioner<T>
    {
        options ??= DefaultOptions;
        options.Validate();
        if (x.IsEmpty) throw new ArgumentException("x must have at least one element.", nameof(x));
        if (preconditioner is DiagonalPreconditioner<T> diagonal && diagonal.Length != x.Length)
            throw new ArgumentException($"The diagonal preconditioner has {diagonal.Length} entries but x has {x.Length}.", nameof(preconditioner));
        return Solve(ref objective, ref preconditioner, x, options, cancellationToken);
    }

    private static readonly NewtonCgOptions DefaultOptions = new();

    private static NewtonCgResult Solve<T, TObjective, TPreconditioner>(ref TObjective objective, ref TPreconditioner preconditioner, Span<T> x, NewtonCgOptions options, CancellationToken cancellationToken)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TObjective : ITwiceDifferentiableObjective<T>, allows ref struct
        where TPreconditioner : INewtonPreconditioner<T>
    {
        int n = x.Length;
        T[] current = x.ToArray(), trial = new T[n], gradient = new T[n], trialGradient = new T[n];
        T[] step = new T[n], residual = new T[n], preconditioned = new T[n], direction = new T[n], product = new T[n];
        int maxCg = options.MaxCgIterations > 0 ? options.MaxCgIterations : (int)Math.Min(20L * n, int.MaxValue);
        bool trustRegion = options.Method == NewtonCgMethod.TrustRegion;
        LbfgsCallback? callback = options.Callback;

        double value = double.CreateTruncating(objective.ValueAndGradient(current, gradient));
        int evaluations = 1, iterations = 0, products = 0, cgIterations = 0, negativeCurvature = 0;
        double gradientNorm = VectorMath.Norm2Double<T>(gradient);
        NewtonCgResult Result(NewtonCgTermination termination) =>
            new(options.Method, termination, value, gradientNorm, iterations, evaluations, products, cgIterations, negativeCurvature);
        if (!double.IsFinite(value) || !double.IsFinite(gradientNorm)) return Result(NewtonCgTermination.NonFiniteValue);

        double radius = options.InitialTrustRadius;
        NewtonCgTermination termination;
        while (true)
        {
            if (GradientConverged(options, gradientNorm, current))
            {
                termination = NewtonCgTermination.ConvergedOnGradient;
                break;
            }
            if (cancellationToken.IsCancellationRequested)
            {
                termination = NewtonCgTermination.Cancelled;
                break;
            }
            if (evaluations >= options.MaxEvaluations)
            {
                termination = NewtonCgTermination.MaxEvaluations;
                break;
            }

            double tolerance = Math.Min(0.5, Math.Sqrt(gradientNorm)) * gradientNorm;
            preconditioner.Update(current);
            CgOutcome cg = SteihaugCg.Solve(ref objective, ref preconditioner, current, gradient, trustRegion ? radius : double.PositiveInfinity, tolerance, maxCg,
                step, residual, preconditioned, direction, product);
            products += cg.Iterations;
            cgIterations += cg.Iterations;
            if (cg.NegativeCurvature) negativeCurvature++;
            if (cg.NonFinite)
            {
                termination = NewtonCgTermination.NonFiniteValue;
                break;
            }

            double stepLength;
            if (trustRegion)
            {
                VectorMath.AddScaled<T>(current, T.One, step, trial);
                double trialValue = double.CreateTruncating(objective.ValueAndGradient(trial, trialGradient));
                evaluations++;
                double trialGradientNorm = VectorMath.Norm2Double<T>(trialGradient);
                double predicted = -cg.ModelChange;
                double rho = double.IsFinite(trialValue) && double.IsFinite(trialGradientNorm) && predicted > 0
                    ? (value - trialValue) / predicted
                    : double.NegativeInfinity;
                if (rho < 0.25) radius *= 0.25;
                else if (rho > 0.75 && cg.OnBoundary) radius = Math.Min(2 * radius, options.MaxTrustRadius);
                stepLength = 0;
                if (rho > options.AcceptanceRatio)
                {
                    (current, trial) = (trial, current);
                    (gradient, trialGradient) = (trialGradient, gradient);
                    value = trialValue;
                    gradientNorm = trialGradientNorm;
                    stepLength = VectorMath.Norm2Double<T>(step);
                }
            }
            else
            {
                double slope0 = VectorMath.DotDouble<T>(gradient, step);
                var problem = new LineSearchProblem<T>(current, step, trial, trialGradient, value, slope0, options.MaxEvaluations - evaluations);
                LineSearchResult search = options.LineSearch.Search(ref objective, ref problem, 1);
                evaluations += problem.Evaluations;
                if (search.Status == LineSearchStatus.EvaluationBudgetExhausted)
                {
                    termination = NewtonCgTermination.MaxEvaluations;
                    break;
                }
                if (search.Status != LineSearchStatus.Accepted)
                {
                    termination = NewtonCgTermination.LineSearchFailed;
                    break;
                }
                (current, trial) = (trial, current);
                (gradient, trialGradient) = (trialGradient, gradient);
                value = search.Value;
                gradientNorm = VectorMath.Norm2Double<T>(gradient);
                stepLength = search.Step * VectorMath.Norm2Double<T>(step);
            }
            iterations++;

            if (callback is not null && !callback(new LbfgsProgress(iterations, value, gradientNorm, stepLength)))
            {
                termination = NewtonCgTermination.StoppedByCallback;
                break;
            }
            if (GradientConverged(options, gradientNorm, current))
            {
                termination = NewtonCgTermination.ConvergedOnGradient;
                break;
            }
            if (trustRegion && radius < options.MinTrustRadius)
            {
                termination = NewtonCgTermination.TrustRegionTooSmall;
                break;
            }
            if (iterations >= options.MaxIterations)
            {
                termination = NewtonCgTermination.MaxIterations;
                break;
            }
        }

        current.CopyTo(x);
        return Result(termination);
    }

    private static bool GradientConverged<T>(NewtonCgOptions options, double gradientNorm, ReadOnlySpan<T> x)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        GradientTest.Converged(options.AbsoluteGradientTolerance, options.RelativeGradientTolerance, gradientNorm, x);
}
