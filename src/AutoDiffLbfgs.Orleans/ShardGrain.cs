using AutoDiffLbfgs.Sharding;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Placement;

namespace AutoDiffLbfgs.Orleans;

/// <summary>
/// A shard of a problem, activated on the silo of its first caller (that silo's aggregator), where it loads its rows
/// once. A silo that dies takes the activation with it; the next call activates the shard elsewhere and it loads its
/// rows again, so nothing but time is lost.
/// </summary>
[PreferLocalPlacement]
internal sealed class ShardGrain(IServiceProvider services) : Grain, IShardGrain
{
    private IShardTerms<double>? _terms;
    private double[] _result = [];

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (string problem, int shard) = ShardKeys.ParseShard(this.GetPrimaryKeyString());
        IShardSource source = services.GetKeyedService<IShardSource>(problem)
            ?? throw new ShardLoadException(problem, shard, "no IShardSource is registered for the problem on this silo (AddShardedFiniteSum).");
        try
        {
            _terms = await source.LoadAsync(shard, cancellationToken);
        }
        catch (Exception e) when (e is not ShardLoadException)
        {
            throw new ShardLoadException(problem, shard, $"{e.GetType().Name}: {e.Message}");
        }
        if (_terms is null) throw new ShardLoadException(problem, shard, "the source returned no terms.");
        _result = new double[_terms.Dimension];
    }

    public Task<int> GetRowCount() => Task.FromResult(_terms!.RowCount);

    public Task<ShardPartial> Evaluate(ShardEvaluation evaluation)
    {
        IShardTerms<double> terms = _terms!;
        var operation = (ShardOperation)evaluation.Operation;
        bool vector = operation != ShardOperation.Value;
        double value = evaluation.Rows is { } rows
            ? terms.SumRows(operation, rows, evaluation.Point, evaluation.Direction, _result)
            : terms.Sum(operation, evaluation.Point, evaluation.Direction, _result);
        return Task.FromResult(new ShardPartial(value, vector ? (double[])_result.Clone() : []));
    }
}
