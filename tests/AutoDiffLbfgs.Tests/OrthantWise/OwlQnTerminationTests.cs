using AutoDiffLbfgs.Tests.Classic;
using AutoDiffLbfgs.Tests.Infrastructure;
using AutoDiffLbfgs.Tests.Mgh.Problems;

namespace AutoDiffLbfgs.Tests.OrthantWise;

/// <summary>Every <see cref="LbfgsTermination"/> is reached by OWL-QN, and x always holds the best point found.</summary>
public class OwlQnTerminationTests : LbfgsModeTerminationTests
{
    private static LbfgsOptions L1(double penalty = 0.1) => new() { L1Penalty = penalty };

    /// <summary>F = ℓ + C‖x‖₁ for chained Rosenbrock, the value OWL-QN reports.</summary>
    private static double F(double[] x, double penalty) => new ChainedRosenbrock(x.Length).Value(x) + penalty * x.Sum(Math.Abs);

    [Fact]
    public void ConvergedOnGradientAtTheSoftThresholdingSolution()
    {
        // Σ(xᵢ − cᵢ)²/2 + C‖x‖₁ with c = (1, 2, 3), C = 1.5 is minimised by soft thresholding: xᵢ = sign(cᵢ)·max(|cᵢ| − C, 0).
        double[] x = [5, -5, 5];
        var result = Lbfgs.Minimize(new ShiftedQuadratic(), x.AsSpan(), new LbfgsOptions { L1Penalty = 1.5, RelativeGradientTolerance = 1e-10 });
        Assert.Equal(LbfgsTermination.ConvergedOnGradient, result.Termination);
        Assert.Equal(LbfgsAlgorithm.OwlQn, result.Algorithm);
        Assert.Equal(0, x[0]);
        Assert.Equal(0.5, x[1], 1e-9);
        Assert.Equal(1.5, x[2], 1e-9);
        Assert.Equal(0.5 + 1.125 + 1.125 + 1.5 * 2, result.Value, 1e-12);
    }

    [Fact]
    public void ConvergedOnGradientWithThePenaltyOnASubrangeOnly()
    {
        double[] x = [0, 0, 0];
        var result = Lbfgs.Minimize(new ShiftedQuadratic(), x.AsSpan(), new LbfgsOptions { L1Penalty = 1.5, L1Start = 1, L1End = 2, RelativeGradientTolerance = 1e-10 });
        Assert.Equal(LbfgsTermination.ConvergedOnGradient, result.Termination);
        Assert.Equal([1, 0.5, 3], x.Select(v => Math.Round(v, 9)));
    }

    [Fact]
    public void ConvergedOnRelativeDecrease()
    {
        var options = L1();
        options.RelativeGradientTolerance = 0;
        options.Past = 1;
        options.Delta = 1e-3;
        double[] x = new ChainedRosenbrock(20).StartingPoint();
        var result = Lbfgs.Minimize(new ChainedRosenbrock(20), x.AsSpan(), options);
        Assert.Equal(LbfgsTermination.ConvergedOnRelativeDecrease, result.Termination);
    }

    [Fact]
    public void MaxIterations()
    {
        var options = L1();
        options.MaxIterations = 5;
        double[] x = new ChainedRosenbrock(20).StartingPoint();
        var result = Lbfgs.Minimize(new ChainedRosenbrock(20), x.AsSpan(), options);
        Assert.Equal(LbfgsTermination.MaxIterations, result.Termination);
        Assert.Equal(5, result.Iterations);
        Assert.Equal(F(x, 0.1), result.Value, 1e-12);
    }

    [Fact]
    public void MaxEvaluations()
    {
        var options = L1();
        options.MaxEvaluations = 12;
        double[] x = new ChainedRosenbrock(20).StartingPoint();
        var result = Lbfgs.Minimize(new ChainedRosenbrock(20), x.AsSpan(), options);
        Assert.Equal(LbfgsTermination.MaxEvaluations, result.Termination);
        Assert.Equal(12, result.Evaluations);
        Assert.Equal(F(x, 0.1), result.Value, 1e-12);
    }

    [Fact]
    public void LineSearchFailedWithNoHistoryEndsAtOnceAndKeepsTheStart()
    {
        double[] x = [5, 5, 5];
        var result = Lbfgs.Minimize(new JumpingRosenbrock(honest: 1), x.AsSpan(), L1());
        Assert.Equal(LbfgsTermination.LineSearchFailed, result.Termination);
        Assert.Equal((0, 0), (result.Iterations, result.HistoryResets));
        Assert.Equal([5.0, 5, 5], x);
    }

    [Fact]
    public void LineSearchFailedAfterAHistoryResetKeepsTheBestPoint()
    {
        double[] x = [-1.2, 1, -1.2, 1];
        var result = Lbfgs.Minimize(new JumpingRosenbrock(honest: 12), x.AsSpan(), L1());
        Assert.Equal(LbfgsTermination.LineSearchFailed, result.Termination);
        Assert.Equal(1, result.HistoryResets);
        Assert.Equal(F(x, 0.1), result.Value, 1e-12);
        Assert.True(result.Value < F([-1.2, 1, -1.2, 1], 0.1));
    }

    [Fact]
    public void NotDescentDirectionWhenThePseudoGradientUnderflows()
    {
        double[] x = [1, 2];
        var result = Lbfgs.Minimize(new TinyLinear(), x.AsSpan(), new LbfgsOptions { L1Penalty = 1e-200, RelativeGradientTolerance = 0 });
        Assert.Equal(LbfgsTermination.NotDescentDirection, result.Termination);
        Assert.Equal([1.0, 2], x);
    }

    [Fact]
    public void NonFiniteValueAtTheStartLeavesXUntouched()
    {
        double[] x = [9, 9];
        var result = Lbfgs.Minimize(new FencedQuadratic(limit: 3), x.AsSpan(), L1());
        Assert.Equal(LbfgsTermination.NonFiniteValue, result.Termination);
        Assert.Equal((0, 1), (result.Iterations, result.Evaluations));
        Assert.Equal([9.0, 9], x);
    }

    [Fact]
    public void NonFiniteTrialsShrinkTheStepAndTheSolveStillConverges()
    {
        double[] x = [-40, -40, -40];
        var result = Lbfgs.Minimize(new FencedQuadratic(limit: 3.5), x.AsSpan(), new LbfgsOptions { L1Penalty = 0.5, RelativeGradientTolerance = 1e-10 });
        Assert.Equal(LbfgsTermination.ConvergedOnGradient, result.Termination);
        Assert.Equal([0.5, 1.5, 2.5], x.Select(v => Math.Round(v, 6)));
    }

    protected override LbfgsOptions ModeOptions() => L1();
}
