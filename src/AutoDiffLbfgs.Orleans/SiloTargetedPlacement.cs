using Orleans.Placement;
using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace AutoDiffLbfgs.Orleans;

/// <summary>Places a grain whose key starts with "siloAddress|" on that silo (while it is compatible), so each silo has its own aggregator.</summary>
[GenerateSerializer, Immutable, Alias("AutoDiffLbfgs.Orleans.SiloTargetedPlacement")]
internal sealed class SiloTargetedPlacement : PlacementStrategy
{
    public static SiloTargetedPlacement Singleton { get; } = new();
}

/// <summary>Marks a grain class for <see cref="SiloTargetedPlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
internal sealed class SiloTargetedPlacementAttribute() : PlacementAttribute(SiloTargetedPlacement.Singleton);

/// <summary>Picks the silo named by the key; if it has gone, any compatible silo (the coordinator then retries with the new membership).</summary>
internal sealed class SiloTargetedPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        SiloAddress[] silos = context.GetCompatibleSilos(target);
        string wanted = ShardKeys.SiloOfAggregator(target.GrainIdentity.Key.ToString()!);
        foreach (SiloAddress silo in silos)
        {
            if (silo.ToParsableString() == wanted) return Task.FromResult(silo);
        }
        return Task.FromResult(context.LocalSilo);
    }
}
