using AutoDiffLbfgs.Tests.Mgh.Problems;

namespace AutoDiffLbfgs.Tests.Classic;

/// <summary>Every <see cref="LbfgsTermination"/> is reached, and x always holds the best point.</summary>
public class LbfgsTerminationTests
{
    [Fact]
    public void ConvergedOnGradient()
    {
        double[] x = new ChainedRosenbrock(10).StartingPoint();
        var result = Lbfgs.Minimize(new ChainedRosenbrock(10), x.AsSpan());
        Assert.Equal(LbfgsTermination.ConvergedOnGradient, result.Termination);
        Assert.True(result.Converged);
        Assert.True(result.GradientNorm <= 1e-5 * Math.Max(1, Norm(x)));
        Assert.All(x, v => Assert.Equal(1, v, 1e-4));
    }

    [Fact]
    public void ConvergedOnGradientAtTheStartMakesNoIteration()
    {
        double[] x = [1, 2, 3];
        var result = Lbfgs.Minimize(new ShiftedQuadratic(), x.AsSpan());
        Assert.Equal(LbfgsTermination.ConvergedOnGradient, result.Termination);
        Assert.Equal((0, 1), (result.Iterations, result.Evaluations));
    }

    [Fact]
    public void ConvergedOnRelativeDecrease()
    {
        double[] x = new ChainedRosenbrock(20).StartingPoint();
        var options = new LbfgsOptions { RelativeGradientTolerance = 0, Past = 3, Delta = 1e-3 };
        var result = Lbfgs.Minimize(new ChainedRosenbrock(20), x.AsSpan(), options);
        Assert.Equal(LbfgsTermination.ConvergedOnRelativeDecrease, result.Termination);
        Assert.True(result.Iterations >= 3);
    }

    [Fact]
    public void MaxIterations()
    {
        double[] x = new ChainedRosenbrock(20).StartingPoint();
        var result = Lbfgs.Minimize(new ChainedRosenbrock(20), x.AsSpan(), new LbfgsOptions { MaxIterations = 5 });
        Assert.Equal(LbfgsTermination.MaxIterations, result.Termination);
        Assert.Equal(5, result.Iterations);
        Assert.Equal(result.Value, new ChainedRosenbrock(20).Value(x));
    }

    [Fact]
    public void MaxEvaluations()
    {
        double[] x = new ChainedRosenbrock(20).StartingPoint();
        var result = Lbfgs.Minimize(new ChainedRosenbrock(20), x.AsSpan(), new LbfgsOptions { MaxEvaluations = 12 });
        Assert.Equal(LbfgsTermination.MaxEvaluations, result.Termination);
        Assert.Equal(12, result.Evaluations);
        Assert.Equal(result.Value, new ChainedRosenbrock(20).Value(x));
    }

    [Fact]
    public void LineSearchFailedAlongSteepestDescentEndsAtOnce()
    {
        double[] x = [5, 5, 5];
        var result = Lbfgs.Minimize(new JumpingRosenbrock(honest: 1), x.AsSpan());
        Assert.Equal(LbfgsTermination.LineSearchFailed, result.Termination);
        Assert.Equal((0, 0), (result.Iterations, result.HistoryResets));
        Assert.Equal([5.0, 5, 5], x);
    }

    [Fact]
    public void LineSearchFailureResetsTheHistoryOnceAndKeepsTheBestPoint()
    {
        double[] x = [-1.2, 1, -1.2, 1];
        var result = Lbfgs.Minimize(new JumpingRosenbrock(honest: 12), x.AsSpan());
        Assert.Equal(LbfgsTermination.LineSearchFailed, result.Termination);
        Assert.Equal(1, result.HistoryResets);
        Assert.True(result.Iterations >= 1);
        Assert.Equal(result.Value, new ChainedRosenbrock(4).Value(x));
        Assert.True(result.Value < new ChainedRosenbrock(4).Value([-1.2, 1, -1.2, 1]));
    }

    [Fact]
    public void NotDescentDirectionWhenTheGradientUnderflows()
    {
        double[] x = [1, 2];
        var options = new LbfgsOptions { RelativeGradientTolerance = 0 };
        var result = Lbfgs.Minimize(new TinyLinear(), x.AsSpan(), options);
        Assert.Equal(LbfgsTermination.NotDescentDirection, result.Termination);
        Assert.True(result.GradientNorm > 0);
        Assert.Equal([1.0, 2], x);
    }

    [Fact]
    public void NonFiniteValueAtTheStartLeavesXUntouched()
    {
        double[] x = [9, 9];
        var result = Lbfgs.Minimize(new FencedQuadratic(limit: 3), x.AsSpan());
        Assert.Equal(LbfgsTermination.NonFiniteValue, result.Termination);
        Assert.Equal((0, 1), (result.Iterations, result.Evaluations));
        Assert.Equal([9.0, 9], x);
    }

    [Fact]
    public void NonFiniteGradientAtTheStartIsANonFiniteValue()
    {
        double[] x = [1, 2];
        var result = Lbfgs.Minimize<double>((x, g) => { g[0] = double.PositiveInfinity; g[1] = 0; return 1; }, x.AsSpan());
        Assert.Equal(LbfgsTermination.NonFiniteValue, result.Termination);
    }

    [Fact]
    public void NonFiniteTrialsShrinkTheStepAndTheSolveStillConverges()
    {
        // The minimiser (1, 2, 3) is inside the fence, but the first unit-length step from far away crosses it.
        double[] x = [-40, -40, -40];
        var result = Lbfgs.Minimize(new FencedQuadratic(limit: 3.5), x.AsSpan());
        Assert.Equal(LbfgsTermination.ConvergedOnGradient, result.Termination);
        Assert.Equal([1.0, 2, 3], x.Select(v => Math.Round(v, 4)));
    }

    [Fact]
    public void CancelledBeforeTheFirstIteration()
    {
        double[] x = new ChainedRosenbrock(10).StartingPoint();
        var result = Lbfgs.Minimize(new ChainedRosenbrock(10), x.AsSpan(), null, new CancellationToken(canceled: true));
        Assert.Equal(LbfgsTermination.Cancelled, result.Termination);
        Assert.Equal(0, result.Iterations);
        Assert.Equal(new ChainedRosenbrock(10).StartingPoint(), x);
    }

    [Fact]
    public void CancelledDuringTheSolve()
    {
        using var source = new CancellationTokenSource();
        double[] x = new ChainedRosenbrock(10).StartingPoint();
        var options = new LbfgsOptions { Callback = p => { if (p.Iteration == 3) source.Cancel(); return true; } };
        var result = Lbfgs.Minimize(new ChainedRosenbrock(10), x.AsSpan(), options, source.Token);
        Assert.Equal(LbfgsTermination.Cancelled, result.Termination);
        Assert.Equal(3, result.Iterations);
    }

    [Fact]
    public void StoppedByCallbackAfterSeeingEveryIteration()
    {
        var seen = new List<LbfgsProgress>();
        double[] x = new ChainedRosenbrock(10).StartingPoint();
        var options = new LbfgsOptions { Callback = p => { seen.Add(p); return p.Iteration < 4; } };
        var result = Lbfgs.Minimize(new ChainedRosenbrock(10), x.AsSpan(), options);
        Assert.Equal(LbfgsTermination.StoppedByCallback, result.Termination);
        Assert.Equal([1, 2, 3, 4], seen.Select(p => p.Iteration));
        Assert.Equal(result.Value, seen[^1].Value);
        Assert.Equal(result.GradientNorm, seen[^1].GradientNorm);
        Assert.All(seen, p => Assert.True(p.Step > 0));
        Assert.True(seen[0].Value > seen[^1].Value);
    }

    [Fact]
    public void EveryTerminationReasonIsCoveredByATest()
    {
        string[] tested = typeof(LbfgsTerminationTests).GetMethods().Select(m => m.Name).ToArray();
        foreach (string reason in Enum.GetNames<LbfgsTermination>())
            Assert.Contains(tested, name => name.StartsWith(reason, StringComparison.Ordinal));
    }

    private static double Norm(double[] x) => Math.Sqrt(x.Sum(v => v * v));
}
