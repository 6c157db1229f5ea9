using Orleans.Runtime;

namespace AutoDiffLbfgs.Orleans.Tests;

[CollectionDefinition(nameof(SiloFaultTests), DisableParallelization = true)]
public sealed class SiloFaultCollection;

/// <summary>
/// A silo dies while an evaluation of one of its shards is pending. Nothing here waits on a clock: the shard's fifth
/// evaluation stops at a barrier (<see cref="FaultHook"/>), the test kills the silo and waits until every remaining
/// silo's membership says it is dead, and the coordinator, which reads the membership while replies are out, abandons
/// the attempt and retries it. The paused evaluation is released only after the solve, so it can never answer. The
/// client connects through the primary only: with a gateway on every silo, the killed silo's closing connection
/// sometimes rejected the pending call first (an OrleansMessageRejectionException, 1 run in 12 under load), a retry
/// before the death was declared, whose deal could still include the dead silo.
/// </summary>
[Collection(nameof(SiloFaultTests))]
public sealed class SiloFaultTests
{
    private const int Shard = 4;
    private const int PausedEvaluation = 5;
    private static readonly LbfgsOptions Classic = new() { RelativeGradientTolerance = 1e-8 };

    private static OrleansShardedSumOptions FastChecks(List<Exception> retries) => new()
    {
        MembershipCheckInterval = TimeSpan.FromMilliseconds(100),
        RetryDelay = TimeSpan.FromMilliseconds(50),
        OnRetry = (_, e) => { lock (retries) retries.Add(e); },
    };

    [Fact]
    public async Task KillingASiloMidSolveChangesNoBit()
    {
        var expected = new double[Model.Dimension];
        var reference = await new ShardedSolveCoordinator(Model.InProcess()).MinimizeAsync(expected, Classic);

        await using var cluster = await Cluster.StartAsync(gatewayOnPrimaryOnly: true);
        Task paused = FaultHook.Arm(Shard, PausedEvaluation, failReloads: false);
        try
        {
            var retries = new List<Exception>();
            var sum = await cluster.ConnectAsync("logreg-fault", FastChecks(retries));
            var actual = new double[Model.Dimension];
            Task<LbfgsResult> solve = new ShardedSolveCoordinator(sum).MinimizeAsync(actual, Classic);
            Assert.Same(paused, await Task.WhenAny(paused, solve));
            var killed = await cluster.KillSiloHostingAsync("logreg-fault", Shard);
            var result = await solve;

            Assert.True(result.Converged, result.ToString());
            Assert.Equal(reference, result);
            Assert.Equal(expected, actual);
            // Retried because the coordinator saw the silo leave (its own message), not after a 30 s response timeout.
            Assert.NotEmpty(retries);
            Assert.Equal(retries.Count, sum.Retries);
            var departure = Assert.IsType<SiloUnavailableException>(retries[0]);
            Assert.Contains($"Silo {killed.ToParsableString()} left the cluster", departure.Message);
            // Loaded at connection, then again where it reactivated.
            Assert.True(FaultHook.Loads(Shard) == 2, $"{FaultHook.Loads(Shard)} loads; retried after: {Describe(retries)}");
        }
        finally
        {
            FaultHook.Release();
        }
    }

    [Fact]
    public async Task ShardThatCannotReloadAfterItsSiloDiesFailsTheSolveNamingTheShard()
    {
        await using var cluster = await Cluster.StartAsync(gatewayOnPrimaryOnly: true);
        Task paused = FaultHook.Arm(Shard, PausedEvaluation, failReloads: true);
        try
        {
            var retries = new List<Exception>();
            var sum = await cluster.ConnectAsync("logreg-fault", FastChecks(retries));
            Task<LbfgsResult> solve = new ShardedSolveCoordinator(sum).MinimizeAsync(new double[Model.Dimension], Classic);
            Assert.Same(paused, await Task.WhenAny(paused, solve));
            await cluster.KillSiloHostingAsync("logreg-fault", Shard);

            var e = await Assert.ThrowsAsync<ShardLoadException>(() => solve);
            Assert.Equal(Shard, e.Shard);
            Assert.Equal("logreg-fault", e.Problem);
            Assert.Contains("Shard 4 of problem 'logreg-fault'", e.Message);
            Assert.Contains("part-4.csv", e.Message);
            // A load failure is not retried: the shard loaded at connection and failed once where it reactivated.
            Assert.True(FaultHook.Loads(Shard) == 2, $"{FaultHook.Loads(Shard)} loads; retried after: {Describe(retries)}");
        }
        finally
        {
            FaultHook.Release();
        }
    }

    private static string Describe(List<Exception> retries)
    {
        lock (retries) return string.Join(" | ", retries.Select(e => $"{e.GetType().Name}: {e.Message} [inner {e.InnerException?.GetType().Name}: {e.InnerException?.Message}]"));
    }
}
