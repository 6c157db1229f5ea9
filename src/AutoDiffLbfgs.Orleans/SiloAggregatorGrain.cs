using AutoDiffLbfgs.Sharding;

namespace AutoDiffLbfgs.Orleans;

/// <summary>
/// The per-silo step of the reduction: placed on the silo its key names, it asks its shards (activated on this silo
/// by their local placement) for their partial sums, adds them to a <see cref="ShardPartialSums{T}"/> in whatever
/// order they arrive, and returns the tree nodes they complete. Because every node is a fixed function of its
/// children, the coordinator's total is the same whichever silo reduced which node.
/// </summary>
[SiloTargetedPlacement]
internal sealed class SiloAggregatorGrain : Grain, ISiloAggregatorGrain
{
    public async Task<int[]> GetRowCounts(string problem, int[] shards)
    {
        var counts = shards.Select(s => RowCount(problem, s)).ToArray();
        try
        {
            return await Task.WhenAll(counts);
        }
        catch (ShardLoadException)
        {
            // Name the lowest failing shard, whichever failed first.
            foreach (var task in counts)
            {
                if (task.Exception?.InnerException is ShardLoadException failure) throw failure;
            }
            throw;
        }
    }

    public async Task<SiloPartial> Evaluate(SiloEvaluation evaluation)
    {
        int n = evaluation.Point.Length;
        var sums = new ShardPartialSums<double>(evaluation.ShardCount, n);
        var pending = new List<Task<(int Shard, ShardPartial Partial)>>(evaluation.Shards.Length);
        for (int j = 0; j < evaluation.Shards.Length; j++)
        {
            int shard = evaluation.Shards[j];
            int[]? rows = evaluation.Rows?[j];
            if (rows is { Length: 0 })
            {
                sums.Add(shard, 0, 0, []);   // no row of this shard in the batch: a zero partial sum, no call
                continue;
            }
            var request = new ShardEvaluation(evaluation.Operation, evaluation.Point, evaluation.Direction, rows);
            IShardGrain grain = GrainFactory.GetGrain<IShardGrain>(ShardKeys.Shard(evaluation.Problem, shard));
            pending.Add(Call(shard, grain, request));
        }
        foreach (var (shard, partial) in await Task.WhenAll(pending)) sums.Add(shard, 0, partial.Value, partial.Vector);
        sums.Reduce();

        int count = sums.NodeCount;
        var first = new int[count];
        var levels = new int[count];
        var values = new double[count];
        var vectors = new double[count][];
        for (int s = 0, k = 0; s < evaluation.ShardCount; s++)
        {
            if (sums.LevelAt(s) < 0) continue;
            (first[k], levels[k], values[k], vectors[k]) = (s, sums.LevelAt(s), sums.ValueAt(s), sums.VectorAt(s).ToArray());
            k++;
        }
        return new SiloPartial(first, levels, values, vectors);
    }

    private async Task<int> RowCount(string problem, int shard)
    {
        try
        {
            return await GrainFactory.GetGrain<IShardGrain>(ShardKeys.Shard(problem, shard)).GetRowCount();
        }
        catch (Exception e) when (e is not ShardLoadException)
        {
            // Whatever form the activation failure takes on its way back, the solve fails naming the shard.
            throw new ShardLoadException(problem, shard, $"{e.GetType().Name}: {e.Message}");
        }
    }

    private static async Task<(int, ShardPartial)> Call(int shard, IShardGrain grain, ShardEvaluation request) => (shard, await grain.Evaluate(request));
}
