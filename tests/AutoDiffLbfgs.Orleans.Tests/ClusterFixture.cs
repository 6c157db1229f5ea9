using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.TestingHost;

namespace AutoDiffLbfgs.Orleans.Tests;

/// <summary>Registers the test problems on every silo: "logreg" (the model's shards) and "broken" (shard 2's file is missing).</summary>
public sealed class ProblemSilo : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        siloBuilder.AddShardedFiniteSum("logreg", ShardSources.FromFactory((s, _) => ValueTask.FromResult(Model.Shard(s))));
        siloBuilder.AddShardedFiniteSum("logreg-fault", ShardSources.FromFactory((s, _) => ValueTask.FromResult(FaultHook.Load(s))));
        siloBuilder.AddShardedFiniteSum("broken", ShardSources.FromFiles(
            Path.Combine(Path.GetTempPath(), "adl-no-such-dir", "part-{0}.csv"),
            (s, _) => Model.Shard(s)));
    }
}

/// <summary>A three-silo cluster in this process on loopback (Orleans TestingHost).</summary>
public sealed class Cluster : IAsyncDisposable
{
    private Cluster(TestCluster host) => Host = host;

    public TestCluster Host { get; }

    /// <param name="silos">The number of silos.</param>
    /// <param name="gatewayOnPrimaryOnly">
    /// Only the primary accepts client connections, so every call of the test's client goes through the primary. A
    /// silo killed then cannot fail the client's pending calls itself (closing its gateway connection rejects them at
    /// once): they are forwarded, and the only failure Orleans can report is the response timeout. The fault tests use
    /// this, so the retry they see is always the coordinator's own, after the death is declared.
    /// </param>
    public static async Task<Cluster> StartAsync(short silos = 3, bool gatewayOnPrimaryOnly = false)
    {
        var builder = new TestClusterBuilder(silos);
        builder.Options.GatewayPerSilo = !gatewayOnPrimaryOnly;
        builder.AddSiloBuilderConfigurator<ProblemSilo>();
        var host = builder.Build();
        await host.DeployAsync();
        return new Cluster(host);
    }

    public Task<OrleansShardedSum> ConnectAsync(string problem = "logreg", OrleansShardedSumOptions? options = null) =>
        OrleansShardedSum.ConnectAsync(Host.GrainFactory, problem, Model.RowCounts.Length, Model.Dimension, options);

    /// <summary>
    /// Kills (no graceful stop) the secondary silo where shard <paramref name="shard"/> of <paramref name="problem"/> is
    /// active, has the primary declare it dead, and returns once every remaining silo's membership says so.
    /// </summary>
    /// <remarks>
    /// The death is declared explicitly (<see cref="IClusterMembershipService.TryKill"/>, what the silos' own probes
    /// do after enough missed probes) rather than left to probe timeouts, so the test waits on membership events and
    /// not on timers, and a loaded machine cannot make a probe declare a live silo dead.
    /// </remarks>
    public async Task<SiloAddress> KillSiloHostingAsync(string problem, int shard)
    {
        var shardGrain = Host.Client.GetGrain<IShardGrain>($"{problem}/{shard}");
        SiloAddress address = await Host.Client.GetGrain<IManagementGrain>(0).GetActivationAddress(shardGrain)
            ?? throw new InvalidOperationException($"Shard {shard} is not active.");
        SiloHandle victim = Host.Silos.Single(s => s.SiloAddress.Equals(address));
        if (victim == Host.Primary) throw new InvalidOperationException("The shard is on the primary silo, which holds the test cluster's membership table.");
        await Host.KillSiloAsync(victim);

        if (!await Membership(Host.Primary!).TryKill(address)) throw new InvalidOperationException($"The primary did not declare {address} dead.");
        foreach (SiloHandle silo in Host.Silos)
        {
            await foreach (var snapshot in Membership(silo).MembershipUpdates)
            {
                if (snapshot.GetSiloStatus(address) == SiloStatus.Dead) break;
            }
        }
        return address;
    }

    private static IClusterMembershipService Membership(SiloHandle silo) =>
        ((InProcessSiloHandle)silo).SiloHost.Services.GetRequiredService<IClusterMembershipService>();

    public async ValueTask DisposeAsync()
    {
        await Host.StopAllSilosAsync();
        await Host.DisposeAsync();
    }
}

/// <summary>One cluster for the tests that leave it as they found it.</summary>
public sealed class SharedCluster : IAsyncLifetime
{
    public Cluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await Cluster.StartAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(nameof(ClusterCollection))]
public sealed class ClusterCollection : ICollectionFixture<SharedCluster>;

/// <summary>Reports progress on the reporting thread (no synchronization context, so tests see every report at once).</summary>
internal sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
