namespace AutoDiffLbfgs.Orleans.Tests;

/// <summary>A silo killed in the middle of a solve loses nothing: its shards reactivate elsewhere, the pending evaluation is retried, and the result is the same bit for bit.</summary>
[Collection(nameof(ClusterCollection))]
public sealed class SiloFaultTests
{
    [Fact]
    public async Task StoppingASiloMidSolveChangesNoBit()
    {
        var options = new LbfgsOptions { RelativeGradientTolerance = 1e-8 };
        var expected = new double[Model.Dimension];
        var reference = await new ShardedSolveCoordinator(Model.InProcess()).MinimizeAsync(expected, options);

        await using var cluster = await Cluster.StartAsync();
        var sum = await cluster.ConnectAsync("logreg-fault");

        // Shards are dealt to the silos sorted by address in contiguous ranges: take the first shard of a secondary silo.
        var silos = cluster.Host.GetActiveSilos().OrderBy(h => h.SiloAddress.ToParsableString(), StringComparer.Ordinal).ToArray();
        int victim = Array.FindIndex(silos, h => h != cluster.Host.Primary);
        FaultHook.Shard = Model.RowCounts.Length * victim / silos.Length;
        Task? stopping = null;
        var progress = new InlineProgress<ShardedSolveProgress>(p =>
        {
            if (p.Iteration != 3) return;
            // The next evaluation of that shard kills its silo (no graceful shutdown, which would let the call finish) and then waits, so the silo dies under it.
            FaultHook.OnEvaluate = () =>
            {
                stopping = cluster.Host.KillSiloAsync(silos[victim]);
                Thread.Sleep(300);
            };
        });
        var actual = new double[Model.Dimension];
        var result = await new ShardedSolveCoordinator(sum).MinimizeAsync(actual, options, progress);
        await stopping!;
        Assert.True(sum.Retries > 0, "the stopped silo's pending evaluation was not retried: the fault never happened");

        Assert.Equal(reference, result);
        Assert.Equal(expected, actual);
        Assert.Equal(2, cluster.Host.GetActiveSilos().Count());
    }
}
