namespace AutoDiffLbfgs.Orleans;

/// <summary>
/// One shard of a finite sum, keyed "problem/shard". On activation it loads its own rows through the
/// <see cref="IShardSource"/> registered for the problem on its silo; calls carry only points, directions and row
/// lists.
/// </summary>
[Alias("AutoDiffLbfgs.Orleans.IShardGrain")]
public interface IShardGrain : IGrainWithStringKey
{
    /// <summary>The number of rows the shard holds (loading it if it is not active).</summary>
    [Alias("RowCount")]
    Task<int> GetRowCount();

    /// <summary>The shard's partial sum for <paramref name="evaluation"/>.</summary>
    [Alias("Evaluate")]
    Task<ShardPartial> Evaluate(ShardEvaluation evaluation);
}

/// <summary>The aggregator of one silo, keyed "siloAddress|problem" and placed on that silo: it evaluates its shards and returns the reduction-tree nodes they complete.</summary>
[Alias("AutoDiffLbfgs.Orleans.ISiloAggregatorGrain")]
public interface ISiloAggregatorGrain : IGrainWithStringKey
{
    /// <summary>The row counts of <paramref name="shards"/> of <paramref name="problem"/>, activating them on this silo (where they load their rows).</summary>
    [Alias("RowCounts")]
    Task<int[]> GetRowCounts(string problem, int[] shards);

    /// <summary>Evaluates the shards of <paramref name="evaluation"/> and reduces what they complete.</summary>
    [Alias("Evaluate")]
    Task<SiloPartial> Evaluate(SiloEvaluation evaluation);
}
