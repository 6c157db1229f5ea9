using Microsoft.Extensions.DependencyInjection;

namespace AutoDiffLbfgs.Orleans;

/// <summary>Silo set-up for sharded finite sums.</summary>
public static class ShardedSumSiloExtensions
{
    /// <summary>
    /// Makes this silo able to host the shards of <paramref name="problem"/>, loaded by <paramref name="source"/>,
    /// and the per-silo aggregator. Call it on every silo, with the same source for a problem.
    /// </summary>
    public static ISiloBuilder AddShardedFiniteSum(this ISiloBuilder builder, string problem, IShardSource source)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(problem);
        ArgumentNullException.ThrowIfNull(source);
        if (problem.Contains('/') || problem.Contains('|')) throw new ArgumentException("A problem name must not contain '/' or '|'.", nameof(problem));
        builder.Services.AddKeyedSingleton(problem, source);
        if (!builder.Services.Any(d => d.ServiceType == typeof(PlacementRegistered)))
        {
            builder.Services.AddSingleton<PlacementRegistered>();
            builder.AddPlacementDirector<SiloTargetedPlacement, SiloTargetedPlacementDirector>();
        }
        return builder;
    }

    /// <summary>Marks a service collection whose placement director is registered (several problems share it).</summary>
    private sealed class PlacementRegistered;
}
