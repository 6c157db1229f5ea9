namespace AutoDiffLbfgs.Stochastic;

/// <summary>Draws the batch of one iteration or block for the stochastic solver: uniform (<see cref="BatchSampler"/>) or stratified over shards (<see cref="StratifiedBatchSampler"/>).</summary>
internal interface IBatchDrawer
{
    /// <summary>Fills <paramref name="batch"/> with the terms drawn for (<paramref name="purpose"/>, <paramref name="index"/>); a function of those two and the sampler's settings only.</summary>
    void Draw(ulong purpose, long index, Span<int> batch);
}
