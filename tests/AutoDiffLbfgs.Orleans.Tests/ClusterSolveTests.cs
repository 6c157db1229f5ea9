using AutoDiffLbfgs.Newton;
using AutoDiffLbfgs.Sharding;
using AutoDiffLbfgs.Stochastic;

namespace AutoDiffLbfgs.Orleans.Tests;

/// <summary>
/// On a three-silo cluster: results equal the in-process sharded sum's bit for bit (classic solver, SQN, Newton–CG with
/// the full and the sub-sampled Hessian), SQN runs
/// replay from their recorded batches, and a shard that cannot load fails the solve naming it.
/// </summary>
[Collection(nameof(ClusterCollection))]
public sealed class ClusterSolveTests(SharedCluster shared)
{
    private static readonly LbfgsOptions Classic = new() { RelativeGradientTolerance = 1e-8 };

    [Fact]
    public async Task EvaluationsEqualTheInProcessSumBitForBit()
    {
        var cluster = await shared.Cluster.ConnectAsync();
        Assert.Equal(new ShardLayout(Model.RowCounts), cluster.Layout);
        var local = Model.InProcess();
        double[] w = Enumerable.Range(0, Model.Dimension).Select(j => 0.1 * j - 0.3).ToArray();
        double[] v = Enumerable.Range(0, Model.Dimension).Select(j => 1.0 / (j + 1)).ToArray();
        foreach (ShardOperation operation in Enum.GetValues<ShardOperation>())
        {
            var expected = new double[Model.Dimension];
            var actual = new double[Model.Dimension];
            double expectedValue = local.Sum(operation, w, v, expected);
            double actualValue = await Task.Run(() => cluster.Sum(operation, w, v, actual));
            Assert.Equal(BitConverter.DoubleToInt64Bits(expectedValue), BitConverter.DoubleToInt64Bits(actualValue));
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public async Task ClassicSolveOnTheClusterEqualsTheInProcessSolveBitForBit()
    {
        var expected = new double[Model.Dimension];
        var reference = await new ShardedSolveCoordinator(Model.InProcess()).MinimizeAsync(expected, Classic);
        var reports = new List<ShardedSolveProgress>();
        var actual = new double[Model.Dimension];
        var result = await new ShardedSolveCoordinator(await shared.Cluster.ConnectAsync()).MinimizeAsync(actual, Classic, new InlineProgress<ShardedSolveProgress>(reports.Add));

        Assert.True(result.Converged, result.ToString());
        Assert.Equal(reference, result);
        Assert.Equal(expected, actual);
        Assert.Equal(result.Iterations, reports.Count);
        Assert.Equal(Enumerable.Range(1, result.Iterations), reports.Select(r => r.Iteration));
    }

    [Fact]
    public async Task SqnOnTheClusterEqualsInProcessAndReplaysFromItsRecordedBatches()
    {
        var options = new StochasticLbfgsOptions { NIterations = 45, BatchSize = 60, CorrectionPairBatchSize = 600, L = 10, StepLengthSequence = [0.3], AccuracyThreshold = 0, Seed = 3 };
        var expected = new double[Model.Dimension];
        StochasticLbfgs.Minimize(Model.InProcess(), expected.AsSpan(), options);

        var sum = await shared.Cluster.ConnectAsync();
        var reports = new List<ShardedSolveProgress>();
        var actual = new double[Model.Dimension];
        var run = await new ShardedSolveCoordinator(sum).MinimizeStochasticAsync(actual, options, progress: new InlineProgress<ShardedSolveProgress>(reports.Add), progressInterval: 10);
        Assert.Equal(expected, actual);
        Assert.Equal(45, run.Result.Iterations);
        Assert.True(run.Result.StoredPairs > 0);
        Assert.Equal([10, 20, 30, 40, 45], reports.Select(r => r.Iteration));

        var replay = new StochasticLbfgsOptions
        {
            NIterations = 45, BatchSize = 60, CorrectionPairBatchSize = 600, L = 10, StepLengthSequence = [0.3], AccuracyThreshold = 0, Seed = 999,
            BatchIndices = run.BatchIndices, CorrectionPairIndices = run.CorrectionPairIndices,
        };
        var again = new double[Model.Dimension];
        await new ShardedSolveCoordinator(sum).MinimizeStochasticAsync(again, replay);
        Assert.Equal(expected, again);
    }

    [Theory]
    [InlineData(NewtonCgMethod.TrustRegion)]
    [InlineData(NewtonCgMethod.LineSearch)]
    public async Task NewtonCgOnTheClusterEqualsTheInProcessSolveBitForBit(NewtonCgMethod method)
    {
        var options = new NewtonCgOptions { Method = method, RelativeGradientTolerance = 1e-8 };
        var expected = new double[Model.Dimension];
        var reference = NewtonCg.Minimize<double, ShardedObjective<double>>(new ShardedObjective<double>(Model.InProcess()), expected, options);
        var reports = new List<ShardedSolveProgress>();
        var actual = new double[Model.Dimension];
        var result = await new ShardedSolveCoordinator(await shared.Cluster.ConnectAsync()).MinimizeNewtonAsync(actual, options, new InlineProgress<ShardedSolveProgress>(reports.Add));

        Assert.True(result.Converged, result.ToString());
        Assert.True(result.HessianVectorProducts > result.Iterations, result.ToString());
        Assert.Equal(reference, result);
        Assert.Equal(expected, actual);
        Assert.Equal(Enumerable.Range(1, result.Iterations), reports.Select(r => r.Iteration));
    }

    [Fact]
    public async Task SubsampledNewtonOnTheClusterEqualsTheInProcessSolveBitForBit()
    {
        var options = new NewtonCgOptions { RelativeGradientTolerance = 1e-8 };
        var local = new ShardedSubsampledHessianObjective<double>(Model.InProcess(), hessianSampleSize: 600, seed: 7);
        var expected = new double[Model.Dimension];
        var reference = NewtonCg.Minimize<double, ShardedSubsampledHessianObjective<double>>(local, expected, options);
        var actual = new double[Model.Dimension];
        var result = await new ShardedSolveCoordinator(await shared.Cluster.ConnectAsync()).MinimizeSubsampledNewtonAsync(actual, 600, 7, options);

        Assert.True(result.Converged, result.ToString());
        Assert.Equal(reference, result);
        Assert.Equal(expected, actual);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>("hessianSampleSize", () => new ShardedSolveCoordinator(Model.InProcess()).MinimizeSubsampledNewtonAsync(actual, 6001, 7));
    }

    [Fact]
    public async Task ShardThatCannotLoadFailsNamingTheShard()
    {
        var e = await Assert.ThrowsAsync<ShardLoadException>(() => shared.Cluster.ConnectAsync("broken"));
        Assert.Equal(0, e.Shard);
        Assert.Contains("Shard 0 of problem 'broken'", e.Message);
        Assert.Contains("part-0.csv", e.Message);
    }

    [Fact]
    public async Task CancellationEndsTheSolveWithCancelled()
    {
        using var cancel = new CancellationTokenSource();
        var x = new double[Model.Dimension];
        var result = await new ShardedSolveCoordinator(await shared.Cluster.ConnectAsync()).MinimizeAsync(
            x, new LbfgsOptions(), new InlineProgress<ShardedSolveProgress>(p => { if (p.Iteration == 2) cancel.Cancel(); }), cancel.Token);
        Assert.Equal(LbfgsTermination.Cancelled, result.Termination);
        Assert.Equal(2, result.Iterations);
    }
}
