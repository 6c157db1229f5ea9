using AutoDiffLbfgs.Tests.Classic;

namespace AutoDiffLbfgs.Tests.Bounds;

/// <summary>Bad bounds are exceptions naming the option and the index; a start outside the box is projected and reported.</summary>
public class LbfgsBOptionsTests
{
    private static ArgumentException Rejected(LbfgsOptions options, int n = 3)
    {
        double[] x = new double[n];
        return Assert.ThrowsAny<ArgumentException>(() => Lbfgs.Minimize(new ShiftedQuadratic(), x.AsSpan(), options));
    }

    [Fact]
    public void LowerAboveUpperNamesTheIndex()
    {
        var error = Rejected(new LbfgsOptions { LowerBounds = [0, 2, 0], UpperBounds = [1, 1, 1] });
        Assert.Equal("LowerBounds", error.ParamName);
        Assert.Contains("LowerBounds[1] (2) exceeds LbfgsOptions.UpperBounds[1] (1)", error.Message);
    }

    [Theory]
    [InlineData(true, double.NaN, "LowerBounds[2]")]
    [InlineData(false, double.NaN, "UpperBounds[2]")]
    [InlineData(true, double.PositiveInfinity, "LowerBounds[2]")]
    [InlineData(false, double.NegativeInfinity, "UpperBounds[2]")]
    public void NaNOrWrongInfinityNamesTheIndex(bool lower, double bad, string expected)
    {
        double[] bounds = lower ? [-1, -1, bad] : [1, 1, bad];
        var error = Rejected(lower ? new LbfgsOptions { LowerBounds = bounds } : new LbfgsOptions { UpperBounds = bounds });
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void BoundsOfTheWrongLengthAreRejected()
    {
        Assert.Contains("number of variables (3)", Rejected(new LbfgsOptions { LowerBounds = [0, 0] }).Message);
        Assert.Contains("same length", Rejected(new LbfgsOptions { LowerBounds = [0, 0], UpperBounds = [1, 1, 1] }).Message);
    }

    [Fact]
    public void BoundsWithAnL1PenaltyAreRejected()
    {
        var error = Rejected(new LbfgsOptions { LowerBounds = [0, 0, 0], L1Penalty = 1 });
        Assert.Equal("L1Penalty", error.ParamName);
    }

    [Fact]
    public void AStartOutsideTheBoxIsProjectedAndTheResultSaysSo()
    {
        double[] x = [5, -5, 0.5];
        var result = Lbfgs.Minimize(new ShiftedQuadratic(), x.AsSpan(), new LbfgsOptions { LowerBounds = [0, 0, 0], UpperBounds = [1.5, 1.5, 1.5] });
        Assert.True(result.StartProjected);
        Assert.True(result.Converged, result.ToString());
        Assert.Equal([1, 1.5, 1.5], x.Select(v => Math.Round(v, 9)));

        double[] inside = [0.5, 0.5, 0.5];
        Assert.False(Lbfgs.Minimize(new ShiftedQuadratic(), inside.AsSpan(), new LbfgsOptions { LowerBounds = [0, 0, 0] }).StartProjected);
    }

    [Fact]
    public void EqualBoundsFixAVariable()
    {
        double[] x = [0, 0, 0];
        var result = Lbfgs.Minimize(new ShiftedQuadratic(), x.AsSpan(), new LbfgsOptions { LowerBounds = [-9, 7, -9], UpperBounds = [9, 7, 9] });
        Assert.True(result.Converged, result.ToString());
        Assert.Equal(7, x[1]);
        Assert.Equal(1, x[0], 1e-6);
        Assert.Equal(3, x[2], 1e-6);
    }

    [Fact]
    public void InfiniteBoundsEverywhereGiveTheUnconstrainedMinimum()
    {
        double[] x = [0, 0, 0];
        var options = new LbfgsOptions { LowerBounds = [double.NegativeInfinity, double.NegativeInfinity, double.NegativeInfinity] };
        var result = Lbfgs.Minimize(new ShiftedQuadratic(), x.AsSpan(), options);
        Assert.Equal(LbfgsAlgorithm.LbfgsB, result.Algorithm);
        Assert.True(result.Converged);
        Assert.Equal([1.0, 2, 3], x.Select(v => Math.Round(v, 6)));
    }

    [Fact]
    public void FloatVariablesAreBoundedToo()
    {
        // Chained Rosenbrock (n = 4) with x₀, x₂ ≤ 0.5 in float against the same problem in double: f agrees to 1e-5
        // relative (float's ε is 1.2e-7 and f is flat near the minimiser) and the bound on x₀ is active in both.
        double[] upper = [0.5, double.PositiveInfinity, 0.5, double.PositiveInfinity];
        float[] x = [-1.2f, 1, -1.2f, 1];
        var result = Lbfgs.Minimize(new RosenbrockSingle(), x.AsSpan(), new LbfgsOptions { UpperBounds = upper, RelativeGradientTolerance = 1e-3 });
        double[] reference = [-1.2, 1, -1.2, 1];
        var exact = Lbfgs.Minimize(new Mgh.Problems.ChainedRosenbrock(4), reference.AsSpan(), new LbfgsOptions { UpperBounds = upper, RelativeGradientTolerance = 1e-9 });
        Assert.True(exact.Converged, exact.ToString());
        Assert.NotEqual(LbfgsTermination.NonFiniteValue, result.Termination);
        Assert.Equal(exact.Value, result.Value, 1e-5 * exact.Value);
        Assert.Equal(0.5f, x[0]);
        Assert.Equal(0.5, reference[0]);
        Assert.All(x.Zip(upper), p => Assert.True(p.First <= p.Second));
    }
}
