using AutoDiffLbfgs.Sharding;

namespace AutoDiffLbfgs.Orleans.Tests;

/// <summary>
/// Shards of the problem "logreg-fault": the model's shards, except that an evaluation of <see cref="Shard"/> first
/// runs <see cref="OnEvaluate"/> (set by a test), so a test can kill the shard's silo while that evaluation is pending.
/// </summary>
internal static class FaultHook
{
    public static volatile int Shard = -1;

    public static Action? OnEvaluate;

    public static IShardTerms<double> Load(int shard) => new Hooked(shard, Model.Shard(shard));

    private sealed class Hooked(int shard, IShardTerms<double> inner) : IShardTerms<double>
    {
        public int RowCount => inner.RowCount;

        public int Dimension => inner.Dimension;

        public double Sum(ShardOperation operation, ReadOnlySpan<double> w, ReadOnlySpan<double> v, Span<double> result)
        {
            if (shard == Shard) Interlocked.Exchange(ref OnEvaluate, null)?.Invoke();
            return inner.Sum(operation, w, v, result);
        }

        public double SumRows(ShardOperation operation, ReadOnlySpan<int> rows, ReadOnlySpan<double> w, ReadOnlySpan<double> v, Span<double> result) =>
            inner.SumRows(operation, rows, w, v, result);
    }
}
