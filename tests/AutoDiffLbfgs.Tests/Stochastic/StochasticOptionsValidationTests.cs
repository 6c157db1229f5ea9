using AutoDiffLbfgs.Stochastic;

namespace AutoDiffLbfgs.Tests.Stochastic;

/// <summary>Every invalid setting is rejected with an exception whose ParamName and message name the setting.</summary>
public class StochasticOptionsValidationTests
{
    public static TheoryData<string, Action<StochasticLbfgsOptions>> InvalidSetters => new()
    {
        { "NIterations", o => o.NIterations = 0 },
        { "AccuracyThreshold", o => o.AccuracyThreshold = -1e-3 },
        { "AccuracyThreshold", o => o.AccuracyThreshold = double.NaN },
        { "BatchSize", o => o.BatchSize = 0 },
        { "CorrectionPairBatchSize", o => o.CorrectionPairBatchSize = -2 },
        { "M", o => o.M = 0 },
        { "L", o => o.L = 0 },
        { "StepLengthSequence", o => o.StepLengthSequence = [] },
        { "StepLengthSequence", o => o.StepLengthSequence = [0.1, 0] },
        { "StepLengthSequence", o => o.StepLengthSequence = [double.PositiveInfinity] },
        { "StepLengthSequence", o => o.StepLengthSequence = null! },
        { "MaxDegreeOfParallelism", o => o.MaxDegreeOfParallelism = 0 },
        { "ParallelBatchThreshold", o => o.ParallelBatchThreshold = 0 },
    };

    public static TheoryData<string, Action<StochasticLbfgsOptions>> InvalidForTwentyTerms => new()
    {
        { "BatchSize", o => o.BatchSize = 21 },
        { "CorrectionPairBatchSize", o => o.CorrectionPairBatchSize = 21 },
        { "StepLengthSequence", o => { o.NIterations = 5; o.StepLengthSequence = [0.1, 0.1]; } },
        { "BatchIndices", o => { o.NIterations = 2; o.BatchSize = 3; o.BatchIndices = new int[5]; } },
        { "BatchIndices", o => { o.NIterations = 1; o.BatchSize = 2; o.BatchIndices = [0, 20]; } },
        { "BatchIndices", o => { o.NIterations = 1; o.BatchSize = 2; o.BatchIndices = [-1, 0]; } },
        { "CorrectionPairIndices", o => { o.CorrectionPairBatchSize = 4; o.CorrectionPairIndices = new int[6]; } },
        { "CorrectionPairIndices", o => { o.CorrectionPairBatchSize = 2; o.CorrectionPairIndices = [3, 99]; } },
        { "CorrectionPairIndices", o => { o.NIterations = 30; o.L = 10; o.CorrectionPairBatchSize = 2; o.CorrectionPairIndices = new int[4]; } },
    };

    [Theory]
    [MemberData(nameof(InvalidSetters))]
    public void SetterRejectsOutOfRangeValueNamingTheParameter(string name, Action<StochasticLbfgsOptions> set)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => set(new StochasticLbfgsOptions()));
        Assert.Equal(name, e.ParamName);
        if (e is not ArgumentNullException) Assert.Contains($"StochasticLbfgsOptions.{name}", e.Message);
    }

    [Theory]
    [MemberData(nameof(InvalidForTwentyTerms))]
    public void SolveRejectsSettingsThatDoNotFitTheProblemNamingTheParameter(string name, Action<StochasticLbfgsOptions> set)
    {
        var options = new StochasticLbfgsOptions { BatchSize = 2, CorrectionPairBatchSize = 2 };
        set(options);
        var f = LeastSquaresTerms.Random(20, 3, seed: 1);
        var e = Assert.ThrowsAny<ArgumentException>(() => StochasticLbfgs.Minimize(f, new double[3].AsSpan(), options));
        Assert.Equal(name, e.ParamName);
        Assert.Contains($"StochasticLbfgsOptions.{name}", e.Message);
    }

    [Fact]
    public void DefaultsAreOneDals()
    {
        var o = new StochasticLbfgsOptions();
        Assert.Equal(100, o.NIterations);
        Assert.Equal(1e-5, o.AccuracyThreshold);
        Assert.Equal(10, o.BatchSize);
        Assert.Equal(100, o.CorrectionPairBatchSize);
        Assert.Equal(10, o.M);
        Assert.Equal(10, o.L);
        Assert.Equal([1.0], o.StepLengthSequence);
        Assert.Null(o.BatchIndices);
        Assert.Null(o.CorrectionPairIndices);
        Assert.Equal(777UL, o.Seed);
    }

    [Fact]
    public void StepSequenceWithOneValuePerIterationIsUsedInOrder()
    {
        var f = LeastSquaresTerms.Random(20, 3, seed: 4);
        var perIteration = new StochasticLbfgsOptions { NIterations = 3, BatchSize = 20, CorrectionPairBatchSize = 20, L = 10, StepLengthSequence = [0.1, 0.2, 0.3], AccuracyThreshold = 0 };
        var w = new double[3];
        StochasticLbfgs.Minimize(f, w.AsSpan(), perIteration);

        var expected = new double[3];
        int[] all = Enumerable.Range(0, 20).ToArray();
        foreach (double step in new[] { 0.1, 0.2, 0.3 })
        {
            double[] g = SqnTestSupport.BatchGradient(f, all, expected);
            for (int j = 0; j < 3; j++) expected[j] -= step * g[j];
        }
        SqnTestSupport.AssertClose(expected, w, 1e-15);
    }

    [Fact]
    public void EmptyPointIsRejected()
    {
        var f = LeastSquaresTerms.Random(20, 3, seed: 1);
        var e = Assert.ThrowsAny<ArgumentException>(() => StochasticLbfgs.Minimize(f, Span<double>.Empty, new StochasticLbfgsOptions { BatchSize = 2, CorrectionPairBatchSize = 2 }));
        Assert.Equal("w", e.ParamName);
    }
}
