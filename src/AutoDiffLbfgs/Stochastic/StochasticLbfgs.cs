using System.Numerics;
using AutoDiffLbfgs.Numerics;
using AutoDiffLbfgs.Sharding;

namespace AutoDiffLbfgs.Stochastic;

/// <summary>
/// The stochastic quasi-Newton method SQN of Byrd, Hansen, Nocedal &amp; Singer, "A Stochastic Quasi-Newton Method for
/// Large-Scale Optimization", SIAM J. Optim. 26(2):1008–1031, 2016, for finite sums F(w) = (1/N)·Σᵢ fᵢ(w), with the
/// parameters and warm-restart outputs of Intel oneDAL's stochastic limited-memory BFGS.
/// </summary>
/// <remarks>
/// <para>Iteration k (Byrd et al., Algorithm 1): draw a batch S of b terms and form g = ∇F_S(w) = (1/b)·Σ_{i∈S} ∇fᵢ(w);
/// stop if ‖g‖₂ &lt; ε·max(1, ‖w‖₂); add w to the running sum of the current block; step w ← w − αₖ·g during the first
/// 2L iterations (and while no pair is stored), w ← w − αₖ·Hₜ·g afterwards. After every L iterations the block's mean
/// w̄ₜ is formed; from the second block on, sₜ = w̄ₜ − w̄ₜ₋₁ and yₜ = ∇²F_{S_H}(w̄ₜ)·sₜ, the mean over a batch S_H of b_H
/// terms of the terms' Hessian-vector products (§2; a dense Hessian is never formed). A pair with sₜᵀyₜ ≤ 0 would
/// make Hₜ indefinite and is skipped and counted. Hₜ·g is the two-loop recursion (Algorithm 2) over the newest m
/// pairs with H⁰ = (sₜᵀyₜ / yₜᵀyₜ)·I from the newest stored pair (Algorithm 2), done by <see cref="LbfgsHistory{T}"/>.</para>
/// <para>Averaging iterates over L steps and taking curvature from Hessian-vector products, not gradient differences,
/// is what keeps the pairs meaningful despite the noise of small batches (Byrd et al., §2).</para>
/// <para>Determinism: batch sums use a reduction order fixed by the batch alone (<see cref="TermSumEvaluator{T, TTerms}"/>),
/// and the sampler's draws depend only on (seed, iteration), so results do not depend on thread timing, on
/// <see cref="StochasticLbfgsOptions.MaxDegreeOfParallelism"/>, or on how a run is split by warm restarts.</para>
/// <para>Cost: a solve allocates its workspace once (the pair history, a few vectors of length n, one partial sum of
/// length n per block of the largest batch — 64 terms per block up to 4,096 terms, at most 64 blocks — a hash set of
/// 2·b ints when sampling, the returned state). Batches of at least <see cref="StochasticLbfgsOptions.ParallelBatchThreshold"/>
/// terms run on the process-wide helper threads (started on first use, up to MaxDegreeOfParallelism − 1, and kept).
/// Iterations allocate nothing.</para>
/// </remarks>
public static class StochasticLbfgs
{
    private static readonly StochasticLbfgsOptions DefaultOptions = new();

    /// <summary>Runs up to <see cref="StochasticLbfgsOptions.NIterations"/> SQN iterations on a finite-sum objective.</summary>
    /// <typeparam name="T"><see cref="double"/> or <see cref="float"/>.</typeparam>
    /// <typeparam name="TObjective">The objective, a struct (a generated <c>…Terms</c> struct or a hand-written one); its term methods may be called from several threads at once.</typeparam>
    /// <param name="objective">The finite sum F = (1/N)·Σᵢ fᵢ, N = <see cref="IFiniteSumObjective{T}.TermCount"/>.</param>
    /// <param name="w">The start point on entry (for a warm restart: the w returned by the previous call); the last iterate on return.</param>
    /// <param name="options">Settings; null for the oneDAL defaults.</param>
    /// <param name="restart">The <see cref="StochasticLbfgsResult{T}.State"/> of a previous call to continue, or null to start a run. It is read, not modified.</param>
    /// <param name="cancellationToken">Checked once per iteration.</param>
    /// <returns>The termination reason, statistics, and the state that continues the run.</returns>
    /// <exception cref="ArgumentException">A setting does not fit the objective, or <paramref name="restart"/> does not fit w or the settings; the message names the setting.</exception>
    public static StochasticLbfgsResult<T> Minimize<T, TObjective>(
        TObjective objective,
        Span<T> w,
        StochasticLbfgsOptions? options = null,
        StochasticLbfgsState<T>? restart = null,
        CancellationToken cancellationToken = default)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TObjective : struct, IFiniteSumObjective<T>
    {
        options ??= DefaultOptions;
        int termCount = objective.TermCount;
        CheckArguments(termCount, w.Length, options, restart);
        int maxBatch = Math.Max(options.BatchSize, options.CorrectionPairBatchSize);
        var means = new BatchEvaluator<T, TObjective>(objective, w.Length, maxBatch, options.MaxDegreeOfParallelism, options.ParallelBatchThreshold);
        IBatchDrawer? sampler = Samples(options) ? new BatchSampler(options.Seed, termCount, maxBatch) : null;
        return new Run<T>(means, sampler, w.Length, options, restart).Solve(w, cancellationToken);
    }

    /// <summary>
    /// Runs up to <see cref="StochasticLbfgsOptions.NIterations"/> SQN iterations on a sharded finite sum (in this
    /// process or on a cluster). Sampled batches are stratified over the shards: each batch takes from every shard a
    /// share of its terms proportional to the shard's rows (largest remainders, ties to the lower shard), drawn
    /// without replacement within the shard from (seed, iteration, shard) alone; <see cref="StochasticSampler.FillStratifiedBatchIndices"/>
    /// writes the same tables for recording and replay. Given tables are used as they are, as in the other overload.
    /// </summary>
    /// <typeparam name="T"><see cref="double"/> or <see cref="float"/>.</typeparam>
    /// <param name="sum">The finite sum F = (1/N)·Σᵢ fᵢ over its shards, N = Layout.TermCount; global term i is row i − FirstTerm(s) of the shard s holding it.</param>
    /// <param name="w">The start point on entry; the last iterate on return. Its length must be sum.Dimension.</param>
    /// <param name="options">Settings; null for the oneDAL defaults. MaxDegreeOfParallelism and ParallelBatchThreshold do not apply (each shard sums on its own cores).</param>
    /// <param name="restart">The state of a previous call to continue, or null.</param>
    /// <param name="cancellationToken">Checked once per iteration.</param>
    /// <returns>The termination reason, statistics, and the state that continues the run.</returns>
    /// <exception cref="ArgumentException">A setting does not fit the sum, or <paramref name="restart"/> does not fit w or the settings; the message names the setting.</exception>
    public static StochasticLbfgsResult<T> Minimize<T>(
        IShardedFiniteSum<T> sum,
        Span<T> w,
        StochasticLbfgsOptions? options = null,
        StochasticLbfgsState<T>? restart = null,
        CancellationToken cancellationToken = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(sum);
        options ??= DefaultOptions;
        ShardLayout layout = sum.Layout;
        CheckArguments(layout.TermCount, w.Length, options, restart);
        if (sum.Dimension != w.Length) throw new ArgumentException($"w has length {w.Length} but the sum has dimension {sum.Dimension}.", nameof(w));
        int maxBatch = Math.Max(options.BatchSize, options.CorrectionPairBatchSize);
        var means = new ShardedBatchMeans<T>(sum, maxBatch);
        IBatchDrawer? sampler = Samples(options) ? new StratifiedBatchSampler(options.Seed, layout) : null;
        return new Run<T>(means, sampler, w.Length, options, restart).Solve(w, cancellationToken);
    }

    private static bool Samples(StochasticLbfgsOptions options) => options.BatchIndices is null || options.CorrectionPairIndices is null;

    private static void CheckArguments<T>(int termCount, int dimension, StochasticLbfgsOptions options, StochasticLbfgsState<T>? restart)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        options.Validate(termCount);
        if (dimension == 0) throw new ArgumentException("w must hold at least one variable.", "w");
        if (restart is not null)
        {
            if (restart.Dimension != dimension)
                throw new ArgumentException($"The restart state has dimension {restart.Dimension} but w has length {dimension}.", nameof(restart));
            if (restart.M != options.M)
                throw new ArgumentException($"StochasticLbfgsOptions.M ({options.M}) must equal the M of the restart state ({restart.M}).", nameof(options.M));
            restart.Validate(nameof(restart));
        }

        int firstIteration = restart?.LastIteration ?? 0;
        long blockEnds = ((long)firstIteration + options.NIterations) / options.L - firstIteration / options.L;
        if (options.CorrectionPairIndices is { } table && table.Length / options.CorrectionPairBatchSize < blockEnds)
        {
            throw StochasticLbfgsOptions.Invalid(nameof(options.CorrectionPairIndices), table.Length,
                $"must hold one row of CorrectionPairBatchSize indices for each of the {blockEnds} block ends this call reaches");
        }
    }

    /// <summary>The workspace and loop of one solve.</summary>
    private sealed class Run<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly StochasticLbfgsOptions _options;
        private readonly int _dimension;
        private readonly int _firstIteration;
        private readonly LbfgsHistory<T> _history;
        private readonly IBatchMeans<T> _evaluator;
        private readonly IBatchDrawer? _sampler;
        private readonly int[] _batch;
        private readonly int[] _curvatureBatch;

        // w̄ₜ₋₁, the running sum of the current block, and scratch for w̄ₜ (swapped with _previousAverage at block ends).
        private T[] _previousAverage;
        private T[] _average;
        private readonly T[] _blockSum;

        /// <summary>sₜ as an array (the evaluator's threads read it), copied into the history's spare slot.</summary>
        private readonly T[] _step;

        /// <summary>The slot the newest pair would occupy in oneDAL's cyclic buffer; −1 before the first pair.</summary>
        private int _newestSlot;

        /// <summary>γ of H⁰ = γI: sᵀy/yᵀy of the newest stored pair (Byrd et al., Algorithm 2).</summary>
        private double _gamma = 1;

        public Run(IBatchMeans<T> evaluator, IBatchDrawer? sampler, int dimension, StochasticLbfgsOptions options, StochasticLbfgsState<T>? restart)
        {
            _options = options;
            _evaluator = evaluator;
            _sampler = sampler;
            _dimension = dimension;
            _firstIteration = restart?.LastIteration ?? 0;
            _history = new LbfgsHistory<T>(dimension, options.M);
            _previousAverage = new T[dimension];
            _average = new T[dimension];
            _blockSum = new T[dimension];
            _step = new T[dimension];
            _newestSlot = -1;
            if (restart is not null) LoadState(restart);

            bool sampleGradients = options.BatchIndices is null;
            bool sampleCurvature = options.CorrectionPairIndices is null;
            _batch = sampleGradients ? new int[options.BatchSize] : [];
            _curvatureBatch = sampleCurvature ? new int[options.CorrectionPairBatchSize] : [];
        }

        public StochasticLbfgsResult<T> Solve(Span<T> w, CancellationToken cancellationToken)
        {
            StochasticLbfgsOptions o = _options;
            int n = _dimension, b = o.BatchSize, bH = o.CorrectionPairBatchSize, L = o.L;
            double[] steps = o.StepLengthSequence;
            T[] x = w.ToArray(), g = new T[n], direction = new T[n];
            T inverseL = T.One / T.CreateTruncating(L);

            var termination = StochasticLbfgsTermination.MaxIterations;
            int iterations = 0, stored = 0, skipped = 0, blockRow = 0;
            long termGradients = 0, termHvps = 0;
            double gradientNorm = double.NaN, batchValue = double.NaN;

            for (int j = 0; j < o.NIterations; j++)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    termination = StochasticLbfgsTermination.Cancelled;
                    break;
                }
                long k = (long)_firstIteration + j;

                // The batch gradient g = ∇F_S(wᵏ).
                int[] rows;
                int offset;
                if (o.BatchIndices is { } given)
                {
                    (rows, offset) = (given, j * b);
                }
                else
                {
                    _sampler!.Draw(BatchSampler.GradientBatches, k, _batch);
                    (rows, offset) = (_batch, 0);
                }
                batchValue = _evaluator.Gradient(rows, offset, b, x, g);
                termGradients += b;
                gradientNorm = VectorMath.Norm2Double<T>(g);
                if (!double.IsFinite(gradientNorm))
                {
                    termination = StochasticLbfgsTermination.NonFiniteGradient;
                    break;
                }
                if (gradientNorm < o.AccuracyThreshold * Math.Max(1, VectorMath.Norm2Double<T>(x)))
                {
                    termination = StochasticLbfgsTermination.Converged;
                    break;
                }

                // w̄ₜ accumulates the iterates of the current block.
                VectorMath.Axpy(T.One, x, _blockSum);

                // An SGD step for k ≤ 2L (1-based), afterwards the quasi-Newton step with Hₜ.
                T alpha = T.CreateTruncating(steps.Length == 1 ? steps[0] : steps[j]);
                if (k < 2 * (long)L || _history.Count == 0)
                {
                    VectorMath.Axpy(-alpha, g, x);
                }
                else
                {
                    _history.ApplyInverseHessian(g, direction, _gamma);
                    VectorMath.Axpy(-alpha, direction, x);
                }
                iterations++;

                // At the end of a block, average; from the second block on, form a correction pair.
                if ((k + 1) % L != 0) continue;
                long t = (k + 1) / L - 1;
                _blockSum.CopyTo(_average, 0);
                VectorMath.Scale(inverseL, _average.AsSpan());
                if (t >= 1)
                {
                    if (o.CorrectionPairIndices is { } pairRows)
                    {
                        (rows, offset) = (pairRows, blockRow * bH);
                    }
                    else
                    {
                        _sampler!.Draw(BatchSampler.CurvatureBatches, t, _curvatureBatch);
                        (rows, offset) = (_curvatureBatch, 0);
                    }
                    if (FormPair(rows, offset, bH)) stored++;
                    else skipped++;
                    termHvps += bH;
                }
                blockRow++;
                (_previousAverage, _average) = (_average, _previousAverage);
                Array.Clear(_blockSum);
            }

            x.CopyTo(w);
            return new StochasticLbfgsResult<T>(termination, iterations, gradientNorm, batchValue, stored, skipped, termGradients, termHvps, SaveState(iterations));
        }

        /// <summary>
        /// sₜ = w̄ₜ − w̄ₜ₋₁, yₜ = ∇²F_{S_H}(w̄ₜ)·sₜ (Byrd et al., §2), formed in the history's spare slot and stored only
        /// when sₜᵀyₜ &gt; 0: that is the curvature condition that keeps Hₜ positive definite.
        /// </summary>
        private bool FormPair(int[] rows, int offset, int count)
        {
            Span<T> s = _history.NextS, y = _history.NextY;
            VectorMath.Subtract<T>(_average, _previousAverage, _step);
            _evaluator.HessianVectorProduct(rows, offset, count, _average, _step, y);
            _step.CopyTo(s);
            double sy = VectorMath.DotDouble<T>(s, y);
            if (!(sy > 0) || !double.IsFinite(sy)) return false;
            _history.CommitNext(1 / sy);
            _newestSlot = _newestSlot + 1 == _options.M ? 0 : _newestSlot + 1;
            _gamma = NewestGamma();
            return true;
        }

        private double NewestGamma() =>
            VectorMath.DotDouble(_history.S(0), _history.Y(0)) / VectorMath.DotDouble(_history.Y(0), _history.Y(0));

        private void LoadState(StochasticLbfgsState<T> state)
        {
            int m = state.M;
            for (int age = state.StoredPairCount - 1; age >= 0; age--)
            {
                int slot = ((state.NewestPairSlot - age) % m + m) % m;
                ReadOnlySpan<T> s = state.S(slot), y = state.Y(slot);
                // ρ is recomputed exactly as FormPair computed it, so a restarted run applies the same Hₜ bit for bit.
                _history.Push(s, y, 1 / VectorMath.DotDouble(s, y));
            }
            _newestSlot = state.NewestPairSlot;
            if (_history.Count > 0) _gamma = NewestGamma();
            state.PreviousAverage.CopyTo(_previousAverage);
            state.CurrentBlockSum.CopyTo(_blockSum);
        }

        private StochasticLbfgsState<T> SaveState(int iterations)
        {
            var state = new StochasticLbfgsState<T>(_dimension, _options.M)
            {
                NewestPairSlot = _newestSlot,
                StoredPairCount = _history.Count,
                LastIteration = _firstIteration + iterations,
            };
            int m = _options.M;
            for (int age = 0; age < _history.Count; age++)
            {
                int slot = ((_newestSlot - age) % m + m) % m;
                _history.S(age).CopyTo(state.S(slot));
                _history.Y(age).CopyTo(state.Y(slot));
            }
            _previousAverage.CopyTo(state.PreviousAverage);
            _blockSum.CopyTo(state.CurrentBlockSum);
            return state;
        }
    }
}
