using AutoDiffLbfgs.Sharding;

namespace AutoDiffLbfgs.Stochastic;

/// <summary>
/// The batches the solver's sampler draws, for callers that want to see, store or edit them: a table filled here and
/// passed as <see cref="StochasticLbfgsOptions.BatchIndices"/> / <see cref="StochasticLbfgsOptions.CorrectionPairIndices"/>
/// replays exactly the run that <see cref="StochasticLbfgsOptions.Seed"/> alone would make.
/// </summary>
public static class StochasticSampler
{
    /// <summary>
    /// Fills row-major rows of <paramref name="batchSize"/> distinct term indices, one row per iteration, for the global
    /// iterations <paramref name="firstIteration"/>, <paramref name="firstIteration"/> + 1, ….
    /// </summary>
    /// <param name="seed">The sampler seed (<see cref="StochasticLbfgsOptions.Seed"/>).</param>
    /// <param name="termCount">N; at least 1.</param>
    /// <param name="batchSize">b, in [1, N].</param>
    /// <param name="firstIteration">Global index of the first row's iteration (the state's LastIteration for a warm restart, else 0).</param>
    /// <param name="destination">Receives the rows; its length must be a multiple of <paramref name="batchSize"/>.</param>
    public static void FillBatchIndices(ulong seed, int termCount, int batchSize, int firstIteration, Span<int> destination) =>
        Fill(BatchSampler.GradientBatches, seed, termCount, batchSize, firstIteration, destination);

    /// <summary>
    /// Fills rows of <paramref name="correctionPairBatchSize"/> distinct term indices for consecutive averaging blocks:
    /// row r belongs to the block that ends at global iteration (<paramref name="firstBlock"/> + r + 1)·L.
    /// </summary>
    /// <param name="seed">The sampler seed.</param>
    /// <param name="termCount">N; at least 1.</param>
    /// <param name="correctionPairBatchSize">b_H, in [1, N].</param>
    /// <param name="firstBlock">Index of the first row's block (0 for a run's first block, which forms no pair).</param>
    /// <param name="destination">Receives the rows; its length must be a multiple of <paramref name="correctionPairBatchSize"/>.</param>
    public static void FillCorrectionPairIndices(ulong seed, int termCount, int correctionPairBatchSize, int firstBlock, Span<int> destination) =>
        Fill(BatchSampler.CurvatureBatches, seed, termCount, correctionPairBatchSize, firstBlock, destination);

    /// <summary>
    /// Fills rows of <paramref name="batchSize"/> term indices, one row per iteration from global iteration
    /// <paramref name="firstIteration"/> on, exactly as the sharded solver (<c>StochasticLbfgs.Minimize(sum, …)</c>)
    /// draws them: stratified over the shards of <paramref name="layout"/>, shard 0's terms first.
    /// </summary>
    /// <param name="seed">The sampler seed.</param>
    /// <param name="layout">The shards' row counts.</param>
    /// <param name="batchSize">b, in [1, N].</param>
    /// <param name="firstIteration">Global index of the first row's iteration.</param>
    /// <param name="destination">Receives the rows; its length must be a multiple of <paramref name="batchSize"/>.</param>
    public static void FillStratifiedBatchIndices(ulong seed, ShardLayout layout, int batchSize, int firstIteration, Span<int> destination)
    {
        ArgumentNullException.ThrowIfNull(layout);
        FillRows(new StratifiedBatchSampler(seed, layout), BatchSampler.GradientBatches, layout.TermCount, batchSize, firstIteration, destination);
    }

    /// <summary>
    /// Fills rows of <paramref name="correctionPairBatchSize"/> term indices for consecutive blocks from block
    /// <paramref name="firstBlock"/> on, exactly as the sharded solver draws them (stratified over the shards).
    /// </summary>
    /// <param name="seed">The sampler seed.</param>
    /// <param name="layout">The shards' row counts.</param>
    /// <param name="correctionPairBatchSize">b_H, in [1, N].</param>
    /// <param name="firstBlock">Index of the first row's block.</param>
    /// <param name="destination">Receives the rows; its length must be a multiple of <paramref name="correctionPairBatchSize"/>.</param>
    public static void FillStratifiedCorrectionPairIndices(ulong seed, ShardLayout layout, int correctionPairBatchSize, int firstBlock, Span<int> destination)
    {
        ArgumentNullException.ThrowIfNull(layout);
        FillRows(new StratifiedBatchSampler(seed, layout), BatchSampler.CurvatureBatches, layout.TermCount, correctionPairBatchSize, firstBlock, destination);
    }

    private static void Fill(ulong purpose, ulong seed, int termCount, int rowLength, int firstIndex, Span<int> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(termCount, 1);
        FillRows(new BatchSampler(seed, termCount, rowLength), purpose, termCount, rowLength, firstIndex, destination);
    }

    private static void FillRows(IBatchDrawer sampler, ulong purpose, int termCount, int rowLength, int firstIndex, Span<int> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rowLength, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rowLength, termCount);
        ArgumentOutOfRangeException.ThrowIfNegative(firstIndex);
        if (destination.Length % rowLength != 0)
            throw new ArgumentException("The length must be a multiple of the row length.", nameof(destination));
        for (int r = 0; r < destination.Length / rowLength; r++)
        {
            sampler.Draw(purpose, firstIndex + (long)r, destination.Slice(r * rowLength, rowLength));
        }
    }
}
