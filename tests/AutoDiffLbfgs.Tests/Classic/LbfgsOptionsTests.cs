using AutoDiffLbfgs.LineSearch;

namespace AutoDiffLbfgs.Tests.Classic;

public class LbfgsOptionsTests
{
    public static TheoryData<string, Action<LbfgsOptions>> BadSettings() => new()
    {
        { nameof(LbfgsOptions.Memory), o => o.Memory = 0 },
        { nameof(LbfgsOptions.AbsoluteGradientTolerance), o => o.AbsoluteGradientTolerance = -1 },
        { nameof(LbfgsOptions.AbsoluteGradientTolerance), o => o.AbsoluteGradientTolerance = double.NaN },
        { nameof(LbfgsOptions.RelativeGradientTolerance), o => o.RelativeGradientTolerance = double.PositiveInfinity },
        { nameof(LbfgsOptions.Past), o => o.Past = -1 },
        { nameof(LbfgsOptions.Delta), o => o.Delta = -1e-3 },
        { nameof(LbfgsOptions.MaxIterations), o => o.MaxIterations = 0 },
        { nameof(LbfgsOptions.MaxEvaluations), o => o.MaxEvaluations = 0 },
        { nameof(LbfgsOptions.CurvatureEpsilon), o => o.CurvatureEpsilon = -1 },
        { nameof(LbfgsOptions.MaxDegreeOfParallelism), o => o.MaxDegreeOfParallelism = 0 },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void BadOptionThrowsNamingTheOption(string option, Action<LbfgsOptions> set)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => set(new LbfgsOptions()));
        Assert.Equal(option, e.ParamName);
        Assert.Contains("LbfgsOptions." + option, e.Message);
    }

    [Fact]
    public void NullLineSearchIsRejected() =>
        Assert.Equal("LineSearch", Assert.Throws<ArgumentNullException>(() => new LbfgsOptions { LineSearch = null! }).ParamName);

    [Fact]
    public void InconsistentLineSearchIsRejectedWhenTheSolveStarts()
    {
        var options = new LbfgsOptions { LineSearch = new MoreThuenteLineSearch { SufficientDecrease = 0.5, Curvature = 0.1 } };
        var e = Assert.Throws<ArgumentException>(() => Lbfgs.Minimize<double>((x, g) => 0, new double[1].AsSpan(), options));
        Assert.Contains("Curvature", e.Message);
    }

    [Fact]
    public void DefaultsAreTheDocumentedOnes()
    {
        var o = new LbfgsOptions();
        Assert.Equal(10, o.Memory);
        Assert.Equal(0, o.AbsoluteGradientTolerance);
        Assert.Equal(1e-5, o.RelativeGradientTolerance);
        Assert.Equal(0, o.Past);
        Assert.Equal(1e-5, o.Delta);
        Assert.Equal(10_000, o.MaxIterations);
        Assert.Equal(int.MaxValue, o.MaxEvaluations);
        Assert.Equal(2.220446049250313e-16, o.CurvatureEpsilon);
        var search = Assert.IsType<MoreThuenteLineSearch>(o.LineSearch);
        Assert.Equal((1e-4, 0.9), (search.SufficientDecrease, search.Curvature));
        Assert.Null(o.Callback);
        Assert.Equal(1, o.MaxDegreeOfParallelism);
    }
}
