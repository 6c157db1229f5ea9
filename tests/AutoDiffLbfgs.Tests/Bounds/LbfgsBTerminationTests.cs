using AutoDiffLbfgs.Tests.Classic;
using AutoDiffLbfgs.Tests.Infrastructure;
using AutoDiffLbfgs.Tests.Mgh.Problems;

namespace AutoDiffLbfgs.Tests.Bounds;

/// <summary>Every <see cref="LbfgsTermination"/> is reached by L-BFGS-B, x stays in the box and holds the best point.</summary>
public class LbfgsBTerminationTests : LbfgsModeTerminationTests
{
    /// <summary>Chained Rosenbrock (n = 10, minimum at 1) with xᵢ ≤ 0.5 on even i: the bounds cut the minimum off.</summary>
    private static LbfgsOptions Boxed(int n = 10) => new()
    {
        LowerBounds = Enumerable.Repeat(double.NegativeInfinity, n).ToArray(),
        UpperBounds = Enumerable.Range(0, n).Select(i => i % 2 == 0 ? 0.5 : double.PositiveInfinity).ToArray(),
    };

    [Fact]
    public void ConvergedOnGradient()
    {
        var options = Boxed();
        double[] x = new ChainedRosenbrock(10).StartingPoint();
        var result = Lbfgs.Minimize(new ChainedRosenbrock(10), x.AsSpan(), options);
        Assert.Equal(LbfgsTermination.ConvergedOnGradient, result.Termination);
        Assert.Equal(LbfgsAlgorithm.LbfgsB, result.Algorithm);
        Assert.True(result.GradientNorm <= 1e-5 * Math.Max(1, Math.Sqrt(x.Sum(v => v * v))));
        Assert.Equal(0.5, x[0]);
        AssertInBox(x, options);
    }

    [Fact]
    public void ConvergedOnGradientAtTheStartWhenTheProjectedGradientVanishes()
    {
        // ShiftedQuadratic's minimum (1, 2, 3) is outside x ≤ 0; at x = 0 the projected gradient is zero.
        double[] x = [0, 0, 0];
        var options = new LbfgsOptions { UpperBounds = [0, 0, 0] };
        var result = Lbfgs.Minimize(new ShiftedQuadratic(), x.AsSpan(), options);
        Assert.Equal(LbfgsTermination.ConvergedOnGradient, result.Termination);
        Assert.Equal((0, 1, 0.0), (result.Iterations, result.Evaluations, result.GradientNorm));
    }

    [Fact]
    public void ConvergedOnRelativeDecrease()
    {
        var options = Boxed(20);
        options.RelativeGradientTolerance = 0;
        options.Past = 1;
        options.Delta = 1e-3;
        double[] x = new ChainedRosenbrock(20).StartingPoint();
        var result = Lbfgs.Minimize(new ChainedRosenbrock(20), x.AsSpan(), options);
        Assert.Equal(LbfgsTermination.ConvergedOnRelativeDecrease, result.Termination);
        Assert.True(result.Iterations >= 1);
    }

    [Fact]
    public void MaxIterations()
    {
        var options = Boxed(20);
        options.MaxIterations = 5;
        double[] x = new ChainedRosenbrock(20).StartingPoint();
        var result = Lbfgs.Minimize(new ChainedRosenbrock(20), x.AsSpan(), options);
        Assert.Equal(LbfgsTermination.MaxIterations, result.Termination);
        Assert.Equal(5, result.Iterations);
        Assert.Equal(result.Value, new ChainedRosenbrock(20).Value(x));
        AssertInBox(x, options);
    }

    [Fact]
    public void MaxEvaluations()
    {
        var options = Boxed(20);
        options.MaxEvaluations = 12;
        double[] x = new ChainedRosenbrock(20).StartingPoint();
        var result = Lbfgs.Minimize(new ChainedRosenbrock(20), x.AsSpan(), options);
        Assert.Equal(LbfgsTermination.MaxEvaluations, result.Termination);
        Assert.Equal(12, result.Evaluations);
        Assert.Equal(result.Value, new ChainedRosenbrock(20).Value(x));
    }

    [Fact]
    public void LineSearchFailedWithNoPairsEndsAtOnceAndKeepsTheStart()
    {
        double[] x = [0.2, 0.2, 0.2];
        var result = Lbfgs.Minimize(new JumpingRosenbrock(honest: 1), x.AsSpan(), new LbfgsOptions { UpperBounds = [0.5, 0.5, 0.5] });
        Assert.Equal(LbfgsTermination.LineSearchFailed, result.Termination);
        Assert.Equal((0, 0), (result.Iterations, result.HistoryResets));
        Assert.Equal([0.2, 0.2, 0.2], x);
    }

    [Fact]
    public void LineSearchFailedAfterAMemoryResetKeepsTheBestPoint()
    {
        double[] x = [-1.2, 0.4, -1.2, 0.4];
        var result = Lbfgs.Minimize(new JumpingRosenbrock(honest: 12), x.AsSpan(), new LbfgsOptions { UpperBounds = [0.5, 0.5, 0.5, 0.5] });
        Assert.Equal(LbfgsTermination.LineSearchFailed, result.Termination);
        Assert.Equal(1, result.HistoryResets);
        Assert.Equal(result.Value, new ChainedRosenbrock(4).Value(x));
        Assert.True(result.Value < new ChainedRosenbrock(4).Value([-1.2, 0.4, -1.2, 0.4]));
    }

    [Fact]
    public void NotDescentDirectionWhenTheGradientUnderflows()
    {
        double[] x = [1, 2];
        var options = new LbfgsOptions { RelativeGradientTolerance = 0, LowerBounds = [-10, -10] };
        var result = Lbfgs.Minimize(new TinyLinear(), x.AsSpan(), options);
        Assert.Equal(LbfgsTermination.NotDescentDirection, result.Termination);
        Assert.Equal([1.0, 2], x);
    }

    [Fact]
    public void NonFiniteValueAtTheStartLeavesXUntouched()
    {
        double[] x = [9, 9];
        var result = Lbfgs.Minimize(new FencedQuadratic(limit: 3), x.AsSpan(), new LbfgsOptions { LowerBounds = [0, 0] });
        Assert.Equal(LbfgsTermination.NonFiniteValue, result.Termination);
        Assert.Equal((0, 1), (result.Iterations, result.Evaluations));
        Assert.Equal([9.0, 9], x);
    }

    [Fact]
    public void NonFiniteTrialsShrinkTheStepAndTheSolveStillConverges()
    {
        double[] x = [-40, -40, -40];
        var options = new LbfgsOptions { LowerBounds = [-50, -50, 2.5] };
        var result = Lbfgs.Minimize(new FencedQuadratic(limit: 3.5), x.AsSpan(), options);
        Assert.Equal(LbfgsTermination.ConvergedOnGradient, result.Termination);
        Assert.True(result.StartProjected);
        Assert.Equal([1.0, 2, 3], x.Select(v => Math.Round(v, 4)));
    }

    private static void AssertInBox(double[] x, LbfgsOptions options)
    {
        for (int i = 0; i < x.Length; i++) Assert.InRange(x[i], options.LowerBounds![i], options.UpperBounds![i]);
    }

    protected override LbfgsOptions ModeOptions() => Boxed();
}
