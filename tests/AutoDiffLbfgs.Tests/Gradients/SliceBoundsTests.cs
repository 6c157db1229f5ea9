using AutoDiffLbfgs.Tests.Gradients.Objectives;

namespace AutoDiffLbfgs.Tests.Gradients;

/// <summary>
/// Generated code reads a slice's base at shifted indices and never builds the slice, so it must check the bounds
/// itself: a slice that does not fit throws in the gradient and the Hessian-vector product as in the method.
/// </summary>
public sealed class SliceBoundsTests
{
    private static readonly double[] X = [0.5, -1.0, 2.0, 0.25, 1.5, -0.75];

    [Theory]
    [InlineData(2, 5)] // past the end
    [InlineData(-1, 2)] // negative start
    [InlineData(1, -1)] // negative length
    public void ASliceThatDoesNotFitThrowsEverywhere(int start, int length)
    {
        var gradient = new double[X.Length];
        var result = new double[X.Length];
        Assert.Throws<ArgumentOutOfRangeException>(() => SliceObjectives.Window(X, start, length));
        Assert.Throws<ArgumentOutOfRangeException>(() => SliceObjectives.WindowGradient(X, gradient, start, length));
        Assert.Throws<ArgumentOutOfRangeException>(() => SliceObjectives.WindowHessianVectorProduct(X, X, result, start, length));
    }

    [Theory]
    [InlineData(0, 6)]
    [InlineData(2, 4)]
    [InlineData(6, 0)]
    public void ASliceThatFitsGivesTheExactGradient(int start, int length)
    {
        var gradient = new double[X.Length];
        double value = SliceObjectives.WindowGradient(X, gradient, start, length);
        Assert.Equal(SliceObjectives.Window(X, start, length), value);
        for (int i = 0; i < X.Length; i++)
        {
            double expected = (i >= start && i < start + length ? 2.0 * X[i] : 0.0) + (i == 1 ? 1.0 : 0.0);
            Assert.Equal(expected, gradient[i]);
        }
    }
}
