using AutoDiffLbfgs.Ase;
using AutoDiffLbfgs.Tests.Infrastructure;
using Xunit.Abstractions;

namespace AutoDiffLbfgs.Tests.Ase;

/// <summary>
/// Many structures at once: per-structure state and convergence, converged ones leaving the batch, and every
/// structure's trajectory identical bit for bit to relaxing it alone, for any number of threads.
/// </summary>
public class AseBatchRelaxationTests(ITestOutputHelper output)
{
    // Clusters of different sizes: some converge quickly, some late, some not within the budget.
    private static double[][] Clusters() =>
        [.. Enumerable.Range(0, 10).Select(k => RandomCluster.Create(5 + 2 * k, seed: 40 + k))];

    private static readonly AseLbfgsOptions Lbfgs = new() { Fmax = 1e-3, MaxSteps = 70 };

    private static void AssertSameAsAlone(double[][] start, double[][] batch, AseRelaxationResult[] results,
        Func<double[], AseRelaxationResult> alone)
    {
        for (int k = 0; k < start.Length; k++)
        {
            double[] x = (double[])start[k].Clone();
            AseRelaxationResult single = alone(x);
            Assert.Equal(single, results[k]);
            Assert.True(x.AsSpan().SequenceEqual(batch[k]), $"structure {k}: positions differ from the single run");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void LbfgsBatchIsBitIdenticalToRelaxingEachAlone(int threads)
    {
        double[][] start = Clusters();
        double[][] x = [.. start.Select(s => (double[])s.Clone())];
        var objectives = new LennardJonesObjective[x.Length];
        AseRelaxationResult[] results = AseBatchRelaxation.Relax(objectives, x, Lbfgs, maxDegreeOfParallelism: threads);
        AssertSameAsAlone(start, x, results, s => AseRelaxation.Relax(new LennardJonesObjective(), s, Lbfgs));
        Assert.Contains(results, r => r.Converged);
        Assert.Contains(results, r => r.Termination == AseTermination.MaxStepsReached);
        output.WriteLine($"{threads} threads: " + string.Join(", ", results.Select(r => $"{r.Termination} {r.Steps}")));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void FireBatchIsBitIdenticalToRelaxingEachAlone(int threads)
    {
        double[][] start = Clusters();
        double[][] x = [.. start.Select(s => (double[])s.Clone())];
        var fire = new AseFireOptions { Fmax = 1e-3, MaxSteps = 300 };
        AseRelaxationResult[] results = AseBatchRelaxation.Relax(new LennardJonesObjective[x.Length], x, fire, maxDegreeOfParallelism: threads);
        AssertSameAsAlone(start, x, results,
            s => AseRelaxation.Relax(new LennardJonesObjective(), s, new AseFireStepper(s.Length, fire)));
        Assert.Contains(results, r => r.Converged);
    }

    [Fact]
    public void VariableCellBatchOfCrystalsIsBitIdenticalToRelaxingEachAlone()
    {
        // Four copies of the strained crystal, each scaled differently, each with its own filter and pair list.
        var run = AseCellFilterTests.Load("ecf");
        double[] scales = [0.98, 1.0, 1.01, 1.03];
        AseCellFilter<PeriodicLennardJonesCellObjective> Filter(double scale)
        {
            double[] cell = [.. run.StartCell.Select(c => c * scale)];
            return new(new PeriodicLennardJonesCellObjective(run.Atoms, cell, [true, true, true]), run.Atoms, cell, run.Options);
        }
        double[] Start(AseCellFilter<PeriodicLennardJonesCellObjective> filter, double scale)
        {
            var x = new double[filter.Dimension];
            filter.GetCoordinates([.. run.StartPositions.Select(p => p * scale)], filter.OriginalCell, x);
            return x;
        }
        var filters = scales.Select(Filter).ToArray();
        double[][] start = [.. filters.Select((f, k) => Start(f, scales[k]))];
        double[][] x = [.. start.Select(s => (double[])s.Clone())];
        AseRelaxationResult[] results = AseBatchRelaxation.Relax(filters, x, run.LbfgsOptions, maxDegreeOfParallelism: 2);
        int k = 0;
        AssertSameAsAlone(start, x, results, s => AseRelaxation.Relax(Filter(scales[k++]), s, run.LbfgsOptions));
        Assert.All(results, r => Assert.True(r.Converged));
        output.WriteLine(string.Join(", ", results.Select(r => $"{r.Steps} steps, E {r.Energy:F6}")));
    }

    [Fact]
    public void ConvergedStructuresLeaveTheBatchAndProgressCountsThem()
    {
        double[][] x = Clusters();
        var reports = new List<AseBatchProgress>();
        AseRelaxationResult[] results = AseBatchRelaxation.Relax(new LennardJonesObjective[x.Length], x, Lbfgs, reports.Add, 2);
        Assert.Equal(0, reports[0].Round);
        Assert.Equal(Enumerable.Range(0, reports.Count), reports.Select(r => r.Round));
        Assert.All(reports, r => Assert.Equal(r.Total, r.Active + r.Finished));
        for (int i = 1; i < reports.Count; i++)
        {
            Assert.True(reports[i].Active <= reports[i - 1].Active);
            Assert.True(reports[i].Converged >= reports[i - 1].Converged);
        }
        AseBatchProgress last = reports[^1];
        Assert.Equal(0, last.Active);
        Assert.Equal(results.Count(r => r.Converged), last.Converged);
        // A structure stopped at step s (tested after s steps) leaves in round 0 if s = 0, else (s − 1) / StepsPerRound.
        static int RoundOf(int steps) => steps == 0 ? 0 : (steps - 1) / AseBatchRelaxation.StepsPerRound;
        Assert.Equal(results.Max(r => RoundOf(r.Steps)), last.Round);
        foreach (AseBatchProgress p in reports)
        {
            Assert.Equal(results.Count(r => RoundOf(r.Steps) <= p.Round), p.Finished);
            Assert.Equal(results.Count(r => r.Converged && RoundOf(r.Steps) <= p.Round), p.Converged);
        }
        Assert.True(reports.Count >= 3, "the clusters should leave over several rounds");
    }

    [Fact]
    public void EachStructureEndsWithItsOwnTermination()
    {
        double[][] x = [RandomCluster.Create(6, 1), RandomCluster.Create(6, 2), RandomCluster.Create(6, 3)];
        x[1][4] = double.NaN;
        var results = AseBatchRelaxation.Relax(new LennardJonesObjective[3], x, new AseLbfgsOptions { Fmax = 1e-3, MaxSteps = 4 });
        Assert.Equal(AseTermination.MaxStepsReached, results[0].Termination);
        Assert.Equal(AseTermination.NonFiniteValue, results[1].Termination);
        Assert.Equal(0, results[1].Steps);
        var converged = AseBatchRelaxation.Relax(new LennardJonesObjective[3], [RandomCluster.Create(6, 1), RandomCluster.Create(6, 2), RandomCluster.Create(6, 3)],
            new AseLbfgsOptions { Fmax = 1e-3 });
        Assert.All(converged, r => Assert.Equal(AseTermination.Converged, r.Termination));

        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var cancelled = AseBatchRelaxation.Relax(new LennardJonesObjective[3], [RandomCluster.Create(6, 1), RandomCluster.Create(6, 2), RandomCluster.Create(6, 3)],
            cancellationToken: cts.Token);
        Assert.All(cancelled, r => Assert.Equal((AseTermination.Cancelled, 0), (r.Termination, r.Steps)));
    }

    [Fact]
    public void RoundsAllocateNothing()
    {
        long Allocated(int steps)
        {
            double[][] x = Clusters();
            var objectives = new LennardJonesObjective[x.Length];
            var options = Lbfgs with { Fmax = 0, MaxSteps = steps };
            long before = GC.GetAllocatedBytesForCurrentThread();
            AseBatchRelaxation.Relax(objectives, x, options, maxDegreeOfParallelism: 1);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
        for (int i = 0; i < 2; i++) Allocated(60);
        // 55 more steps of 10 structures: one object per structure and step (24 bytes or more) would add 13 KB. About 1
        // run in 20 measured 480 bytes more for the longer batches (runtime work on this thread, not per step: it
        // does not grow with the steps), so the bound allows less than one allocation per round.
        long few = Allocations.Minimum(() => Allocated(5)), many = Allocations.Minimum(() => Allocated(60));
        Assert.True(Math.Abs(many - few) <= 1024, $"5 steps: {few} bytes, 60 steps: {many} bytes");
    }

    [Fact]
    public void BadArgumentsAreNamed()
    {
        double[][] x = [RandomCluster.Create(4, 1), RandomCluster.Create(4, 2)];
        Assert.Equal("objectives", Assert.Throws<ArgumentException>(() =>
            AseBatchRelaxation.Relax(new LennardJonesObjective[1], x)).ParamName);
        Assert.Equal("positions", Assert.Throws<ArgumentException>(() =>
            AseBatchRelaxation.Relax(new LennardJonesObjective[2], [x[0], new double[4]])).ParamName);
        Assert.Equal("positions", Assert.Throws<ArgumentException>(() =>
            AseBatchRelaxation.Relax(new LennardJonesObjective[2], [x[0], x[0]])).ParamName);
        Assert.Equal("maxDegreeOfParallelism", Assert.Throws<ArgumentOutOfRangeException>(() =>
            AseBatchRelaxation.Relax(new LennardJonesObjective[2], x, maxDegreeOfParallelism: -1)).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentOutOfRangeException>(() =>
            AseBatchRelaxation.Relax(new LennardJonesObjective[2], x, new AseLbfgsOptions { Safeguard = AseSafeguard.Backtracking })).ParamName);
        Assert.Equal("Fmax", Assert.Throws<ArgumentOutOfRangeException>(() =>
            AseBatchRelaxation.Relax(new LennardJonesObjective[2], x, new AseLbfgsOptions { Fmax = -1 })).ParamName);
    }
}
