namespace AutoDiffLbfgs.Stochastic;

/// <summary>
/// Settings of the stochastic quasi-Newton solver (<see cref="StochasticLbfgs"/>). The names, meanings and defaults
/// of the first ten follow Intel oneDAL's stochastic limited-memory BFGS (<c>nIterations</c>, <c>accuracyThreshold</c>,
/// <c>batchSize</c>, <c>correctionPairBatchSize</c>, <c>m</c>, <c>L</c>, <c>stepLengthSequence</c>,
/// <c>batchIndices</c>, <c>correctionPairIndices</c>, <c>seed</c>); the last two control the parallel batch sums.
/// </summary>
/// <remarks>
/// Each property is range-checked when set; the exception's ParamName and message name the property. Checks that
/// need the number of terms N (batch sizes, index tables, step table length) run in <see cref="Validate"/> at the
/// start of every solve. An instance may be shared by concurrent solves as long as it is not modified meanwhile.
/// </remarks>
public sealed class StochasticLbfgsOptions
{
    /// <summary>
    /// oneDAL <c>nIterations</c>: the number of iterations (batch-gradient steps) this call makes at most. Default 100;
    /// range [1, ∞). A warm restart counts its iterations on from <see cref="StochasticLbfgsState{T}.LastIteration"/>.
    /// </summary>
    public int NIterations
    {
        get;
        set => field = value >= 1 ? value : throw Invalid(nameof(NIterations), value, "must be at least 1");
    } = 100;

    /// <summary>
    /// oneDAL <c>accuracyThreshold</c> ε: the solve stops before a step when the batch gradient satisfies
    /// ‖g‖₂ &lt; ε·max(1, ‖w‖₂). Default 1e-5; range [0, ∞) (0 never stops early).
    /// </summary>
    public double AccuracyThreshold
    {
        get;
        set => field = value >= 0 && double.IsFinite(value) ? value : throw Invalid(nameof(AccuracyThreshold), value, "must be finite and non-negative");
    } = 1e-5;

    /// <summary>
    /// oneDAL <c>batchSize</c> b: the number of terms whose gradients are averaged into the stochastic gradient of one
    /// iteration (Byrd et al. 2016, Algorithm 1). Default 10; range [1, N]. With b = N every iteration uses all
    /// terms in index order and no sampling is done (the full-batch configuration). Also the row width of
    /// <see cref="BatchIndices"/>.
    /// </summary>
    public int BatchSize
    {
        get;
        set => field = value >= 1 ? value : throw Invalid(nameof(BatchSize), value, "must be at least 1");
    } = 10;

    /// <summary>
    /// oneDAL <c>correctionPairBatchSize</c> b_H: the number of terms whose Hessian-vector products are averaged into
    /// yₜ = ∇²F_{S_H}(w̄ₜ)·sₜ (Byrd et al. 2016, §2 and Algorithm 1). Default 100; range [1, N]; b_H = N
    /// uses every term in index order. Also the row width of <see cref="CorrectionPairIndices"/>.
    /// </summary>
    public int CorrectionPairBatchSize
    {
        get;
        set => field = value >= 1 ? value : throw Invalid(nameof(CorrectionPairBatchSize), value, "must be at least 1");
    } = 100;

    /// <summary>
    /// oneDAL <c>m</c>: the number of correction pairs kept for the two-loop recursion (Byrd et al. 2016, Algorithm 2,
    /// memory M). Default 10; range [1, ∞). A warm restart must use the m of the state it continues.
    /// </summary>
    public int M
    {
        get;
        set => field = value >= 1 ? value : throw Invalid(nameof(M), value, "must be at least 1");
    } = 10;

    /// <summary>
    /// oneDAL <c>L</c>: the number of iterations averaged into one w̄ₜ, so also the spacing, in iterations, of the
    /// curvature updates (Byrd et al. 2016, Algorithm 1). The first 2L iterations are plain SGD steps.
    /// Default 10; range [1, ∞). A warm restart must use the L of the run it continues.
    /// </summary>
    public int L
    {
        get;
        set => field = value >= 1 ? value : throw Invalid(nameof(L), value, "must be at least 1");
    } = 10;

    /// <summary>
    /// oneDAL <c>stepLengthSequence</c> αₖ: either one value used for every iteration, or one value per iteration of
    /// this call (length <see cref="NIterations"/>; entry j is used by the call's j-th iteration). Default { 1.0 }
    /// (as oneDAL); every entry finite and &gt; 0. The array is read, never written; do not modify it during a solve.
    /// </summary>
    public double[] StepLengthSequence
    {
        get;
        set
        {
            ArgumentNullException.ThrowIfNull(value, nameof(StepLengthSequence));
            if (value.Length == 0) throw Invalid(nameof(StepLengthSequence), value.Length, "must hold one value or one per iteration");
            foreach (double a in value)
            {
                if (!(a > 0) || !double.IsFinite(a)) throw Invalid(nameof(StepLengthSequence), a, "entries must be finite and positive");
            }
            field = value;
        }
    } = [1.0];

    /// <summary>
    /// oneDAL <c>batchIndices</c>: optional table of the terms each iteration uses, row-major with
    /// <see cref="NIterations"/> rows of <see cref="BatchSize"/> entries (row j belongs to the call's j-th iteration),
    /// each in [0, N). Given, it replaces the sampler so a run can be replayed exactly; rows are used as given
    /// (repeats allowed). Default null (the sampler draws each batch from <see cref="Seed"/>).
    /// </summary>
    public int[]? BatchIndices { get; set; }

    /// <summary>
    /// oneDAL <c>correctionPairIndices</c>: optional table of the terms used for each curvature pair, row-major with
    /// <see cref="CorrectionPairBatchSize"/> entries per row, each in [0, N). Row r belongs to the r-th block end
    /// (iteration count a multiple of L) reached in this call, whether or not a pair is formed there; a call that starts
    /// on a block boundary reaches NIterations / L of them, which is the number of rows oneDAL asks for. Default null
    /// (sampled from <see cref="Seed"/>).
    /// </summary>
    public int[]? CorrectionPairIndices { get; set; }

    /// <summary>
    /// oneDAL <c>seed</c>: the seed of the sampler, which draws each batch without replacement. The draw for iteration
    /// k (and for block t) depends only on (seed, k) (and (seed, t)), not on earlier draws, so a warm restart continues
    /// the same random sequence. Default 777 (as oneDAL); any value.
    /// </summary>
    public ulong Seed { get; set; } = 777;

    /// <summary>
    /// Not in oneDAL: the largest number of threads (the caller's included) that evaluate one batch. Default
    /// <see cref="Environment.ProcessorCount"/>; range [1, ∞). Results do not depend on it (see
    /// <see cref="StochasticLbfgs"/>); 1 never starts a thread.
    /// </summary>
    public int MaxDegreeOfParallelism
    {
        get;
        set => field = value >= 1 ? value : throw Invalid(nameof(MaxDegreeOfParallelism), value, "must be at least 1");
    } = Environment.ProcessorCount;

    /// <summary>
    /// Not in oneDAL: the smallest batch (b or b_H) evaluated in parallel; smaller batches are summed on the calling
    /// thread. Worker threads are started only if some batch of the solve reaches it. Default 2048; range [1, ∞).
    /// </summary>
    public int ParallelBatchThreshold
    {
        get;
        set => field = value >= 1 ? value : throw Invalid(nameof(ParallelBatchThreshold), value, "must be at least 1");
    } = 2048;

    /// <summary>Checks the settings against a problem with <paramref name="termCount"/> terms.</summary>
    /// <param name="termCount">N, the number of terms of the objective; at least 1.</param>
    /// <exception cref="ArgumentException">A setting does not fit N; ParamName and message name the setting.</exception>
    public void Validate(int termCount)
    {
        if (termCount < 1) throw new ArgumentOutOfRangeException("TermCount", termCount, "The objective's TermCount must be at least 1.");
        if (BatchSize > termCount) throw Invalid(nameof(BatchSize), BatchSize, $"must not exceed the number of terms ({termCount})");
        if (CorrectionPairBatchSize > termCount) throw Invalid(nameof(CorrectionPairBatchSize), CorrectionPairBatchSize, $"must not exceed the number of terms ({termCount})");
        if (StepLengthSequence.Length != 1 && StepLengthSequence.Length != NIterations)
            throw Invalid(nameof(StepLengthSequence), StepLengthSequence.Length, $"must hold one value or NIterations ({NIterations}) values");
        if (BatchIndices is { } batch)
        {
            long expected = (long)NIterations * BatchSize;
            if (batch.Length != expected)
                throw Invalid(nameof(BatchIndices), batch.Length, $"must hold NIterations × BatchSize = {expected} indices");
            CheckRange(batch, termCount, nameof(BatchIndices));
        }
        if (CorrectionPairIndices is { } pairs)
        {
            if (pairs.Length % CorrectionPairBatchSize != 0)
                throw Invalid(nameof(CorrectionPairIndices), pairs.Length, $"must hold whole rows of CorrectionPairBatchSize ({CorrectionPairBatchSize}) indices");
            CheckRange(pairs, termCount, nameof(CorrectionPairIndices));
        }
    }

    private static void CheckRange(int[] indices, int termCount, string name)
    {
        foreach (int i in indices)
        {
            if ((uint)i >= (uint)termCount) throw Invalid(name, i, $"entries must be term indices in [0, {termCount})");
        }
    }

    internal static ArgumentOutOfRangeException Invalid(string name, object value, string rule) =>
        new(name, value, $"StochasticLbfgsOptions.{name} {rule}.");
}
