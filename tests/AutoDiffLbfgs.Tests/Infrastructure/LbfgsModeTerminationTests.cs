using AutoDiffLbfgs.Tests.Mgh.Problems;

namespace AutoDiffLbfgs.Tests.Infrastructure;

/// <summary>
/// The termination tests every mode of <see cref="Lbfgs.Minimize{T, TObjective}"/> shares (cancellation, the callback,
/// coverage of every reason), run on chained Rosenbrock (n = 10) with the mode's options; a derived class adds the
/// tests of the other reasons.
/// </summary>
public abstract class LbfgsModeTerminationTests
{
    /// <summary>Fresh options selecting the mode (bounds, an L1 penalty).</summary>
    protected abstract LbfgsOptions ModeOptions();

    [Fact]
    public void CancelledBeforeTheFirstIteration()
    {
        double[] x = new ChainedRosenbrock(10).StartingPoint();
        var result = Lbfgs.Minimize(new ChainedRosenbrock(10), x.AsSpan(), ModeOptions(), new CancellationToken(canceled: true));
        Assert.Equal(LbfgsTermination.Cancelled, result.Termination);
        Assert.Equal(0, result.Iterations);
    }

    [Fact]
    public void CancelledDuringTheSolve()
    {
        using var source = new CancellationTokenSource();
        var options = ModeOptions();
        options.Callback = p => { if (p.Iteration == 3) source.Cancel(); return true; };
        double[] x = new ChainedRosenbrock(10).StartingPoint();
        var result = Lbfgs.Minimize(new ChainedRosenbrock(10), x.AsSpan(), options, source.Token);
        Assert.Equal(LbfgsTermination.Cancelled, result.Termination);
        Assert.Equal(3, result.Iterations);
    }

    [Fact]
    public void StoppedByCallbackAfterSeeingEveryIteration()
    {
        var seen = new List<LbfgsProgress>();
        var options = ModeOptions();
        options.Callback = p => { seen.Add(p); return p.Iteration < 4; };
        double[] x = new ChainedRosenbrock(10).StartingPoint();
        var result = Lbfgs.Minimize(new ChainedRosenbrock(10), x.AsSpan(), options);
        Assert.Equal(LbfgsTermination.StoppedByCallback, result.Termination);
        Assert.Equal([1, 2, 3, 4], seen.Select(p => p.Iteration));
        Assert.Equal(result.Value, seen[^1].Value);
        Assert.Equal(result.GradientNorm, seen[^1].GradientNorm);
        Assert.True(seen[0].Value > seen[^1].Value);
    }

    [Fact]
    public void EveryTerminationReasonIsCoveredByATest()
    {
        string[] tested = GetType().GetMethods().Select(m => m.Name).ToArray();
        foreach (string reason in Enum.GetNames<LbfgsTermination>())
            Assert.Contains(tested, name => name.StartsWith(reason, StringComparison.Ordinal));
    }
}
