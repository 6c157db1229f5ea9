using AutoDiffLbfgs.Tests.Classic;

namespace AutoDiffLbfgs.Tests.OrthantWise;

/// <summary>Bad L1 settings are exceptions naming the option.</summary>
public class OwlQnOptionsTests
{
    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void ANegativeOrNonFinitePenaltyIsRejectedWhenSet(double penalty)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new LbfgsOptions { L1Penalty = penalty });
        Assert.Equal("L1Penalty", error.ParamName);
    }

    [Fact]
    public void ARangeThatIsEmptyOrOutsideTheVariablesIsRejected()
    {
        Assert.Equal("L1Start", Assert.Throws<ArgumentOutOfRangeException>(() => new LbfgsOptions { L1Start = -1 }).ParamName);
        Assert.Equal("L1End", Assert.Throws<ArgumentOutOfRangeException>(() => new LbfgsOptions { L1End = -2 }).ParamName);
        Assert.Equal("L1End", Solve(new LbfgsOptions { L1Penalty = 1, L1Start = 2, L1End = 2 }).ParamName);
        Assert.Equal("L1Start", Solve(new LbfgsOptions { L1Penalty = 1, L1Start = 3 }).ParamName);
        Assert.Equal("L1End", Solve(new LbfgsOptions { L1Penalty = 1, L1End = 4 }).ParamName);
    }

    [Fact]
    public void AZeroPenaltyRunsTheClassicSolver()
    {
        double[] x = [0, 0, 0];
        Assert.Equal(LbfgsAlgorithm.Lbfgs, Lbfgs.Minimize(new ShiftedQuadratic(), x.AsSpan(), new LbfgsOptions { L1Start = 1 }).Algorithm);
    }

    [Fact]
    public void FloatVariablesTakeAnL1PenaltyToo()
    {
        // Chained Rosenbrock (n = 4) + 2.1·‖x‖₁ on the first two variables, in float and in double: the same zero set
        // and F within 1e-5 relative (float's ε is 1.2e-7; F is flat near the minimiser).
        var options = new LbfgsOptions { L1Penalty = 2.1, L1End = 2, RelativeGradientTolerance = 1e-3 };
        float[] x = [-1.2f, 1, -1.2f, 1];
        var result = Lbfgs.Minimize(new RosenbrockSingle(), x.AsSpan(), options);
        double[] reference = [-1.2, 1, -1.2, 1];
        var exact = Lbfgs.Minimize(new Mgh.Problems.ChainedRosenbrock(4), reference.AsSpan(), new LbfgsOptions { L1Penalty = 2.1, L1End = 2, RelativeGradientTolerance = 1e-10 });
        Assert.Equal(LbfgsAlgorithm.OwlQn, result.Algorithm);
        Assert.NotEqual(LbfgsTermination.NonFiniteValue, result.Termination);
        Assert.Equal(exact.Value, result.Value, 1e-5 * exact.Value);
        Assert.Equal(reference.Select(v => v == 0), x.Select(v => v == 0));
        Assert.Contains(0f, x);
    }

    private static ArgumentException Solve(LbfgsOptions options)
    {
        double[] x = new double[3];
        return Assert.ThrowsAny<ArgumentException>(() => Lbfgs.Minimize(new ShiftedQuadratic(), x.AsSpan(), options));
    }
}
