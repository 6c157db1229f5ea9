using AutoDiffLbfgs.Tests.Gradients.Objectives;

namespace AutoDiffLbfgs.Tests.Gradients;

/// <summary>
/// The derivative conventions of DESIGN.md §2 at points where the derivative does not exist, checked exactly:
/// Abs'(0) = +1, Max/Min ties take the first argument, and an untaken branch contributes nothing — in particular an
/// infinite partial on the untaken side (Sqrt or Log at 0) must not leak in as NaN through a 0 · ∞ mask.
/// </summary>
public sealed class ConventionTests
{
    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void AbsHasDerivativePlusOneAtZero(bool firstIsNegativeZero, bool secondIsNegativeZero)
    {
        // −0.0 == 0.0, so the convention covers both zeros (xUnit cannot tell them apart in InlineData, hence the flags).
        var gradient = new double[2];
        double value = ConventionObjectives.AbsAtKinkGradient([Zero(firstIsNegativeZero), Zero(secondIsNegativeZero)], gradient);
        Assert.Equal(0.0, value);
        Assert.Equal([1.0, 3.0], gradient);
    }

    [Fact]
    public void MaxAndMinTiesTakeTheFirstArgument()
    {
        var gradient = new double[4];
        double value = ConventionObjectives.MaxMinTiesGradient([1.0, 1.0, 2.0, 2.0], gradient);
        Assert.Equal(5.0, value);
        Assert.Equal([1.0, 0.0, 2.0, 0.0], gradient);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AnUntakenConditionalArmContributesNothing(bool negativeZero)
    {
        var gradient = new double[1];
        ConventionObjectives.UntakenConditionalArmGradient([Zero(negativeZero)], gradient);
        Assert.Equal(2.0, gradient[0]);
    }

    [Fact]
    public void AnUntakenBranchInALoopContributesNothing()
    {
        var gradient = new double[3];
        double value = ConventionObjectives.UntakenBranchGradient([0.0, 2.0, -0.0], gradient);
        Assert.Equal(Math.Log(2.0), value);
        Assert.Equal([1.0, 0.5, 1.0], gradient);
    }

    [Fact]
    public void FloatKinksFollowTheSameConventions()
    {
        var gradient = new float[3];
        float value = ConventionObjectives.FloatKinksGradient([0f, 1f, 1f], gradient);
        Assert.Equal(1f, value);
        Assert.Equal([1f, 1f, 0f], gradient);
    }

    private static double Zero(bool negative) => negative ? -0.0 : 0.0;
}
