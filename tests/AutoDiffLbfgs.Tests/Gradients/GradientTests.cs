using System.Numerics;
using AutoDiffLbfgs.Tests.Gradients.Checking;
using AutoDiffLbfgs.Tests.Gradients.Objectives;

namespace AutoDiffLbfgs.Tests.Gradients;

/// <summary>
/// The generated gradients of every objective in <see cref="GradientCases"/>, at <see cref="GradientCase{T}.PointCount"/>
/// fixed pseudo-random points each: the gradient agrees with Richardson-extrapolated central differences within the
/// tolerances documented on <see cref="GradientChecker"/>, the returned value is f(x), the whole gradient buffer
/// is overwritten, and the objective struct agrees bit for bit with the generated members.
/// </summary>
public sealed class GradientTests
{
    /// <summary>The issue asks for at least 25 objectives covering every supported construct.</summary>
    [Fact]
    public void AtLeastTwentyFiveObjectivesAreChecked() =>
        Assert.True(GradientCases.Double.Count + GradientCases.Single.Count >= 25, $"Only {GradientCases.Double.Count + GradientCases.Single.Count} cases.");

    [Theory]
    [MemberData(nameof(GradientCases.DoubleNames), MemberType = typeof(GradientCases))]
    public void GradientMatchesFiniteDifferences(string name) => CheckAgainstFiniteDifferences(GradientCases.Double[name]);

    [Theory]
    [MemberData(nameof(GradientCases.SingleNames), MemberType = typeof(GradientCases))]
    public void FloatGradientMatchesFiniteDifferencesOfItsDoubleTwin(string name) => CheckAgainstFiniteDifferences(GradientCases.Single[name]);

    [Theory]
    [MemberData(nameof(GradientCases.DoubleNames), MemberType = typeof(GradientCases))]
    public void GradientReturnsTheObjectiveValue(string name) => CheckReturnedValue(GradientCases.Double[name]);

    [Theory]
    [MemberData(nameof(GradientCases.SingleNames), MemberType = typeof(GradientCases))]
    public void FloatGradientReturnsTheObjectiveValue(string name) => CheckReturnedValue(GradientCases.Single[name]);

    [Theory]
    [MemberData(nameof(GradientCases.DoubleNames), MemberType = typeof(GradientCases))]
    public void ObjectiveStructAgreesWithTheGeneratedMembers(string name) => CheckObjectiveStruct(GradientCases.Double[name]);

    [Theory]
    [MemberData(nameof(GradientCases.SingleNames), MemberType = typeof(GradientCases))]
    public void FloatObjectiveStructAgreesWithTheGeneratedMembers(string name) => CheckObjectiveStruct(GradientCases.Single[name]);

    /// <summary>
    /// The sampled points of the objectives with data-dependent exits take both ways out somewhere; otherwise a case
    /// could pass without ever leaving its loop early (or always doing so).
    /// </summary>
    [Fact]
    public void DataDependentExitsAreTakenAndNotTakenAmongThePoints()
    {
        AssertBothWays(nameof(ControlFlowObjectives.EarlyReturn),
            x => x.Select(Math.Exp).Sum() > ControlFlowObjectives.ReturnThreshold);
        AssertBothWays(nameof(ControlFlowObjectives.WhileWithBreak),
            x => x[..^1].Sum(v => v * v + 0.1 * v) > ControlFlowObjectives.BreakLimit);
        AssertBothWays(nameof(HardControlFlowObjectives.TapedStateWithBreak),
            x => GradientCases.RunningProducts(x, v => 1.1 + 0.5 * Math.Sin(v)).Any(p => p > HardControlFlowObjectives.ProductLimit));
        AssertBothWays(nameof(HardControlFlowObjectives.ContinueAndReturnInTapedLoops),
            x => GradientCases.DecayingSums(x).Any(q => q > 4.0));
    }

    private static void AssertBothWays(string name, Func<double[], bool> exitsEarly)
    {
        var exits = GradientCases.Double[name].Points().Select(exitsEarly).ToList();
        Assert.True(exits.Contains(true) && exits.Contains(false), $"{name}: the points exit early {exits.Count(e => e)} of {exits.Count} times.");
    }

    private static void CheckAgainstFiniteDifferences<T>(GradientCase<T> testCase)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        foreach (var x in testCase.Points())
        {
            var gradient = new T[x.Length];
            gradient.AsSpan().Fill(T.NaN);
            testCase.Gradient(x, gradient);

            var point = GradientCase<T>.ToDouble(x);
            var reference = FiniteDifference.Gradient(testCase.ReferenceValue, point, FiniteDifference.DefaultRelativeStep, out double valueScale);
            var mismatches = GradientChecker.Compare(
                GradientCase<T>.ToDouble(gradient), reference, point, FiniteDifference.DefaultRelativeStep, valueScale, GradientCase<T>.IsSinglePrecision);
            Assert.True(
                mismatches.Count == 0,
                $"{testCase.Name} at x = {GradientChecker.Format(point)}:\n  " + string.Join("\n  ", mismatches));
        }
    }

    private static void CheckReturnedValue<T>(GradientCase<T> testCase)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        foreach (var x in testCase.Points())
        {
            T expected = testCase.Value(x);
            T actual = testCase.Gradient(x, new T[x.Length]);

            // The forward sweep evaluates the same operations in the same order as F, so the value should be
            // bitwise equal; two ulps leave room for a harmless reassociation of the last operation, nothing more.
            T ulp = T.BitIncrement(T.Abs(expected)) - T.Abs(expected);
            Assert.True(
                T.Abs(actual - expected) <= T.CreateChecked(2) * ulp,
                $"{testCase.Name} at x = {GradientChecker.Format(GradientCase<T>.ToDouble(x))}: FGradient returned {actual}, F returned {expected}.");
        }
    }

    private static void CheckObjectiveStruct<T>(GradientCase<T> testCase)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        foreach (var x in testCase.Points())
        {
            Assert.Equal(testCase.Value(x), testCase.ObjectiveValue(x));

            var fromMember = new T[x.Length];
            var fromStruct = new T[x.Length];
            fromStruct.AsSpan().Fill(T.NaN);
            T valueFromMember = testCase.Gradient(x, fromMember);
            T valueFromStruct = testCase.ObjectiveValueAndGradient(x, fromStruct);
            Assert.Equal(valueFromMember, valueFromStruct);
            Assert.Equal(fromMember, fromStruct);
        }
    }
}
