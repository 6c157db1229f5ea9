using AutoDiffLbfgs.Newton;
using AutoDiffLbfgs.Sharding;
using AutoDiffLbfgs.Stochastic;

namespace AutoDiffLbfgs.Orleans;

/// <summary>
/// Runs the core package's solvers (classic, SQN, Newton–CG) over a sharded sum on the cluster, through an async API with progress and
/// cancellation. The solver, its history and its line search stay here; only evaluations go to the silos. Each
/// solve runs on a thread of its own, whose evaluations wait for the cluster.
/// </summary>
public sealed class ShardedSolveCoordinator
{
    private readonly IShardedFiniteSum<double> _sum;

    /// <summary>A coordinator over <paramref name="sum"/> (an <see cref="OrleansShardedSum"/>, or an in-process sum for the same layout).</summary>
    public ShardedSolveCoordinator(IShardedFiniteSum<double> sum)
    {
        ArgumentNullException.ThrowIfNull(sum);
        _sum = sum;
    }

    /// <summary>
    /// Minimises F = (1/N)·Σᵢ fᵢ with the classic solver (<see cref="Lbfgs"/>; L-BFGS-B or OWL-QN when the options
    /// ask for bounds or L1), reporting every iteration to <paramref name="progress"/>.
    /// </summary>
    /// <param name="x">The start point on entry; the solution on return.</param>
    /// <param name="options">Solver settings; null for the defaults. Its Callback, if any, is still called; it is set for the solve and restored afterwards.</param>
    /// <param name="progress">Receives one report per iteration; may be null.</param>
    /// <param name="cancellationToken">Checked once per iteration; the solve then ends with <see cref="LbfgsTermination.Cancelled"/>.</param>
    public Task<LbfgsResult> MinimizeAsync(double[] x, LbfgsOptions? options = null, IProgress<ShardedSolveProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(x);
        options ??= new LbfgsOptions();
        return RunOnOwnThread(() =>
        {
            LbfgsCallback? user = options.Callback;
            options.Callback = Reporting(user, progress);
            try
            {
                return Lbfgs.Minimize<double, ShardedObjective<double>>(new ShardedObjective<double>(_sum), x, options, cancellationToken);
            }
            finally
            {
                options.Callback = user;
            }
        });
    }

    /// <summary>
    /// Minimises F = (1/N)·Σᵢ fᵢ with Newton–CG (<see cref="NewtonCg"/>, trust region or line search as the options
    /// say): each CG step is one Hessian-vector product whose partial sums the shards compute, reduced along the
    /// layout's tree like the gradient. Reports every outer iteration to <paramref name="progress"/>.
    /// </summary>
    /// <param name="x">The start point on entry; the solution on return.</param>
    /// <param name="options">Solver settings; null for the defaults. Its Callback, if any, is still called; it is set for the solve and restored afterwards, so one options object must not serve two solves at once here.</param>
    /// <param name="progress">Receives one report per outer iteration; may be null.</param>
    /// <param name="cancellationToken">Checked once per iteration; the solve then ends with <see cref="NewtonCgTermination.Cancelled"/>.</param>
    public Task<NewtonCgResult> MinimizeNewtonAsync(double[] x, NewtonCgOptions? options = null, IProgress<ShardedSolveProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(x);
        return Newton(new ShardedObjective<double>(_sum), x, options, progress, cancellationToken);
    }

    /// <summary>
    /// As <see cref="MinimizeNewtonAsync"/> with the sub-sampled Hessian of Byrd, Chin, Neveitt &amp; Nocedal (2011)
    /// (<see cref="ShardedSubsampledHessianObjective{T}"/>): full value and gradient, Hessian-vector products over a
    /// seeded sample of <paramref name="hessianSampleSize"/> terms drawn once per Newton iteration, each shard summing
    /// its rows of the sample.
    /// </summary>
    /// <param name="x">The start point on entry; the solution on return.</param>
    /// <param name="hessianSampleSize">|S|, in [1, N].</param>
    /// <param name="seed">Fixes the samples.</param>
    /// <param name="options">Solver settings; null for the defaults (Callback as for <see cref="MinimizeNewtonAsync"/>).</param>
    /// <param name="progress">Receives one report per outer iteration; may be null.</param>
    /// <param name="cancellationToken">Checked once per iteration.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="hessianSampleSize"/> is outside [1, N].</exception>
    public Task<NewtonCgResult> MinimizeSubsampledNewtonAsync(double[] x, int hessianSampleSize, ulong seed, NewtonCgOptions? options = null, IProgress<ShardedSolveProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(x);
        return Newton(new ShardedSubsampledHessianObjective<double>(_sum, hessianSampleSize, seed), x, options, progress, cancellationToken);
    }

    private static Task<NewtonCgResult> Newton<TObjective>(TObjective objective, double[] x, NewtonCgOptions? options, IProgress<ShardedSolveProgress>? progress, CancellationToken cancellationToken)
        where TObjective : ITwiceDifferentiableObjective<double>
    {
        options ??= new NewtonCgOptions();
        return RunOnOwnThread(() =>
        {
            LbfgsCallback? user = options.Callback;
            options.Callback = Reporting(user, progress);
            try
            {
                return NewtonCg.Minimize<double, TObjective>(objective, x, options, cancellationToken);
            }
            finally
            {
                options.Callback = user;
            }
        });
    }

    /// <summary>A per-iteration callback that reports to <paramref name="progress"/> and then calls the user's callback, if any.</summary>
    private static LbfgsCallback Reporting(LbfgsCallback? user, IProgress<ShardedSolveProgress>? progress) => p =>
    {
        progress?.Report(new ShardedSolveProgress(p.Iteration, p.Value, p.GradientNorm));
        return user?.Invoke(p) ?? true;
    };

    /// <summary>
    /// Runs SQN (<see cref="StochasticLbfgs"/>) over the shards with batches stratified over them, in segments of
    /// <paramref name="progressInterval"/> iterations chained by warm restart (which continues a run exactly), and
    /// reports after each. Unless the options give tables, the batches are drawn from the seed exactly as the solver
    /// would draw them and are returned, so the run can be replayed.
    /// </summary>
    /// <param name="w">The start point on entry; the last iterate on return.</param>
    /// <param name="options">SQN settings (read, not modified).</param>
    /// <param name="restart">The state of a previous run to continue, or null.</param>
    /// <param name="progress">Receives a report after each segment; may be null.</param>
    /// <param name="progressInterval">Iterations per segment; at least 1. Default 10.</param>
    /// <param name="cancellationToken">Checked once per iteration.</param>
    public Task<ShardedStochasticResult> MinimizeStochasticAsync(
        double[] w,
        StochasticLbfgsOptions options,
        StochasticLbfgsState<double>? restart = null,
        IProgress<ShardedSolveProgress>? progress = null,
        int progressInterval = 10,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(progressInterval, 1);
        options.Validate(_sum.Layout.TermCount);
        return RunOnOwnThread(() => Stochastic(w, options, restart, progress, progressInterval, cancellationToken));
    }

    private ShardedStochasticResult Stochastic(double[] w, StochasticLbfgsOptions options, StochasticLbfgsState<double>? restart, IProgress<ShardedSolveProgress>? progress, int interval, CancellationToken cancellationToken)
    {
        ShardLayout layout = _sum.Layout;
        int k0 = restart?.LastIteration ?? 0, total = options.NIterations, b = options.BatchSize, bH = options.CorrectionPairBatchSize, l = options.L;
        long blockEnds = ((long)k0 + total) / l - k0 / l;
        int[] batches = options.BatchIndices ?? new int[total * b];
        if (options.BatchIndices is null) StochasticSampler.FillStratifiedBatchIndices(options.Seed, layout, b, k0, batches);
        int[] pairs = options.CorrectionPairIndices ?? new int[blockEnds * bH];
        if (options.CorrectionPairIndices is null) StochasticSampler.FillStratifiedCorrectionPairIndices(options.Seed, layout, bH, k0 / l, pairs);

        StochasticLbfgsState<double>? state = restart;
        StochasticLbfgsResult<double>? last = null;
        int iterations = 0, stored = 0, skipped = 0;
        long gradients = 0, hvps = 0;
        for (int j = 0; j < total;)
        {
            int count = Math.Min(interval, total - j), k = k0 + j;
            int firstRow = k / l - k0 / l, rows = (k + count) / l - k / l;
            var segment = new StochasticLbfgsOptions
            {
                NIterations = count,
                AccuracyThreshold = options.AccuracyThreshold,
                BatchSize = b,
                CorrectionPairBatchSize = bH,
                M = options.M,
                L = l,
                StepLengthSequence = options.StepLengthSequence.Length == 1 ? options.StepLengthSequence : options.StepLengthSequence[j..(j + count)],
                BatchIndices = batches[(j * b)..((j + count) * b)],
                CorrectionPairIndices = pairs[(firstRow * bH)..((firstRow + rows) * bH)],
                Seed = options.Seed,
            };
            last = StochasticLbfgs.Minimize(_sum, w.AsSpan(), segment, state, cancellationToken);
            state = last.State;
            iterations += last.Iterations;
            stored += last.StoredPairs;
            skipped += last.SkippedPairs;
            gradients += last.TermGradients;
            hvps += last.TermHessianVectorProducts;
            j += count;
            progress?.Report(new ShardedSolveProgress(iterations, last.BatchValue, last.GradientNorm));
            if (last.Termination != StochasticLbfgsTermination.MaxIterations) break;
        }
        var result = new StochasticLbfgsResult<double>(last!.Termination, iterations, last.GradientNorm, last.BatchValue, stored, skipped, gradients, hvps, last.State);
        return new ShardedStochasticResult(result, batches, pairs);
    }

    private static Task<TResult> RunOnOwnThread<TResult>(Func<TResult> solve) =>
        Task.Factory.StartNew(solve, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
}
