using AutoDiffLbfgs.Sharding;

namespace AutoDiffLbfgs.Orleans.Tests;

/// <summary>
/// Shards of the problem "logreg-fault": the model's shards, with a fault a test arms. The armed shard's n-th
/// evaluation (counted over all its activations) signals <see cref="Arm"/>'s task and then blocks until
/// <see cref="Release"/>, so a test can kill the shard's silo while that evaluation is pending; optionally every load of
/// the shard after the first fails, as if its rows were on the lost silo's disk. Static because the silos of a
/// TestCluster run in this process and build their sources from a configurator type; one test at a time arms it
/// (<see cref="SiloFaultTests"/> is a collection of its own).
/// </summary>
internal static class FaultHook
{
    private static readonly int[] LoadCounts = new int[Model.RowCounts.Length];
    private static int _shard = -1;
    private static int _pauseAt;
    private static int _evaluations;
    private static bool _failReloads;
    private static TaskCompletionSource _paused = new();
    private static ManualResetEventSlim _release = new();

    /// <summary>Arms the fault and returns a task that completes when the evaluation is paused. Call before the shards load.</summary>
    public static Task Arm(int shard, int pauseAtEvaluation, bool failReloads)
    {
        Array.Clear(LoadCounts);
        _evaluations = 0;
        _pauseAt = pauseAtEvaluation;
        _failReloads = failReloads;
        _paused = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _release = new ManualResetEventSlim();
        Volatile.Write(ref _shard, shard);
        return _paused.Task;
    }

    /// <summary>Lets the paused evaluation go on (on a silo that is gone by then, so its reply goes nowhere) and disarms the fault.</summary>
    public static void Release()
    {
        Volatile.Write(ref _shard, -1);
        _release.Set();
    }

    /// <summary>How many times shard <paramref name="shard"/> loaded its rows since <see cref="Arm"/>.</summary>
    public static int Loads(int shard) => Volatile.Read(ref LoadCounts[shard]);

    public static IShardTerms<double> Load(int shard)
    {
        int load = Interlocked.Increment(ref LoadCounts[shard]);
        if (_failReloads && load > 1 && shard == Volatile.Read(ref _shard))
            throw new IOException($"part-{shard}.csv is on the disk of a silo that is gone");
        return new Hooked(shard, Model.Shard(shard));
    }

    private sealed class Hooked(int shard, IShardTerms<double> inner) : IShardTerms<double>
    {
        public int RowCount => inner.RowCount;

        public int Dimension => inner.Dimension;

        public double Sum(ShardOperation operation, ReadOnlySpan<double> w, ReadOnlySpan<double> v, Span<double> result)
        {
            if (shard == Volatile.Read(ref _shard) && Interlocked.Increment(ref _evaluations) == _pauseAt)
            {
                _paused.TrySetResult();
                _release.Wait();
            }
            return inner.Sum(operation, w, v, result);
        }

        public double SumRows(ShardOperation operation, ReadOnlySpan<int> rows, ReadOnlySpan<double> w, ReadOnlySpan<double> v, Span<double> result) =>
            inner.SumRows(operation, rows, w, v, result);
    }
}
