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

    private static ArgumentException Solve(LbfgsOptions options)
    {
        double[] x = new double[3];
        return Assert.ThrowsAny<ArgumentException>(() => Lbfgs.Minimize(new ShiftedQuadratic(), x.AsSpan(), options));
    }
}
