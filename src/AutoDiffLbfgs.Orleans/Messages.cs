namespace AutoDiffLbfgs.Orleans;

/// <summary>What one shard is asked to sum: the operation, the point (and direction), and its rows of a batch (null = all rows).</summary>
[GenerateSerializer, Immutable, Alias("AutoDiffLbfgs.Orleans.ShardEvaluation")]
public sealed record ShardEvaluation(
    [property: Id(0)] int Operation,
    [property: Id(1)] double[] Point,
    [property: Id(2)] double[] Direction,
    [property: Id(3)] int[]? Rows);

/// <summary>A shard's partial sum: Σ fᵢ and the summed vector (empty for values only).</summary>
[GenerateSerializer, Immutable, Alias("AutoDiffLbfgs.Orleans.ShardPartial")]
public sealed record ShardPartial([property: Id(0)] double Value, [property: Id(1)] double[] Vector);

/// <summary>What one silo's aggregator is asked: the problem, its shards, and for a batch each shard's rows (aligned with Shards).</summary>
[GenerateSerializer, Immutable, Alias("AutoDiffLbfgs.Orleans.SiloEvaluation")]
public sealed record SiloEvaluation(
    [property: Id(0)] string Problem,
    [property: Id(1)] int ShardCount,
    [property: Id(2)] int[] Shards,
    [property: Id(3)] int Operation,
    [property: Id(4)] double[] Point,
    [property: Id(5)] double[] Direction,
    [property: Id(6)] int[][]? Rows);

/// <summary>The nodes of the reduction tree a silo could complete from its shards: node j is (Levels[j], FirstShards[j]) with its value and vector.</summary>
[GenerateSerializer, Immutable, Alias("AutoDiffLbfgs.Orleans.SiloPartial")]
public sealed record SiloPartial(
    [property: Id(0)] int[] FirstShards,
    [property: Id(1)] int[] Levels,
    [property: Id(2)] double[] Values,
    [property: Id(3)] double[][] Vectors);
