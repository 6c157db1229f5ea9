using Orleans.Hosting;
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

    public static async Task<Cluster> StartAsync(short silos = 3)
    {
        var builder = new TestClusterBuilder(silos);
        builder.AddSiloBuilderConfigurator<ProblemSilo>();
        var host = builder.Build();
        await host.DeployAsync();
        return new Cluster(host);
    }

    public Task<OrleansShardedSum> ConnectAsync(string problem = "logreg") =>
        OrleansShardedSum.ConnectAsync(Host.GrainFactory, problem, Model.RowCounts.Length, Model.Dimension);

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
