using System.Numerics;
using AutoDiffLbfgs.Numerics;

namespace AutoDiffLbfgs.Tests.Numerics;

/// <summary>
/// The fused sweeps against the separate public kernels, one call per operation, at every length 0..130 (all the
/// block and tail shapes of 4-lane double and 8-lane float vectors) and for double and float: every element and every
/// inner product must be bit-identical, because the solver's results (and the MGH iteration counts) depend on it.
/// Fixed seeds; entries spread over six decades so that a changed summation order shows in the last bits.
/// </summary>
public class FusedSweepTests
{
    public static TheoryData<int> Lengths()
    {
        var data = new TheoryData<int>();
        for (int n = 0; n <= 130; n++) data.Add(n);
        return data;
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void TwoLoopSweepsEqualTheSeparateKernels(int n)
    {
        CheckTwoLoopSweeps<double>(n);
        CheckTwoLoopSweeps<float>(n);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void TrialPointAndPairSweepsEqualTheSeparateKernels(int n)
    {
        CheckTrialPointAndPairSweeps<double>(n);
        CheckTrialPointAndPairSweeps<float>(n);
    }

    private static void CheckTwoLoopSweeps<T>(int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] y = Random<T>(n, 1), w = Random<T>(n, 2), source = Random<T>(n, 3);
        T a = T.CreateTruncating(-0.37), h = T.CreateTruncating(0.61);

        T[] expected = (T[])source.Clone(), actual = new T[n];
        Assert.Equal(VectorMath.DotDouble<T>(w, expected), Run<T, CopyUpdate>(actual, a, source, h, w));
        Assert.Equal(expected, actual);

        VectorMath.Axpy(a, y, expected);
        Assert.Equal(VectorMath.DotDouble<T>(w, expected), Run<T, AxpyUpdate>(actual, a, y, h, w));
        Assert.Equal(expected, actual);

        VectorMath.Axpy(a, y, expected);
        VectorMath.Scale(h, expected.AsSpan());
        Assert.Equal(VectorMath.DotDouble<T>(w, expected), Run<T, AxpyScaleUpdate>(actual, a, y, h, w));
        Assert.Equal(expected, actual);

        VectorMath.Axpy(a, y, expected);
        VectorMath.Scale(-T.One, expected.AsSpan());
        Assert.Equal(VectorMath.DotDouble<T>(source, expected), Run<T, NegatedAxpyUpdate>(actual, a, y, h, source));
        Assert.Equal(expected, actual);

        source.CopyTo(expected, 0);
        VectorMath.Scale(-T.One, expected.AsSpan());
        Assert.Equal(VectorMath.DotDouble<T>(source, expected), Run<T, NegatedCopyUpdate>(actual, a, source, h, source));
        Assert.Equal(expected, actual);
    }

    private static void CheckTrialPointAndPairSweeps<T>(int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] x = Random<T>(n, 4), d = Random<T>(n, 5), g = Random<T>(n, 6), trialGradient = Random<T>(n, 7);
        T step = T.CreateTruncating(0.83);
        T[] expectedTrial = new T[n], expectedS = new T[n], expectedY = new T[n];
        VectorMath.AddScaled<T>(x, step, d, expectedTrial);
        VectorMath.Subtract<T>(expectedTrial, x, expectedS);
        VectorMath.Subtract<T>(trialGradient, g, expectedY);

        T[] trial = new T[n], s = new T[n], y = new T[n];
        var point = new TrialPointSweep<T>(x, step, d, trial, s);
        DotSums pointSums = FusedSweep.Run<T, TrialPointSweep<T>>(ref point, 0, n);
        Assert.Equal(expectedTrial, trial);
        Assert.Equal(expectedS, s);
        Assert.Equal(VectorMath.DotDouble<T>(expectedTrial, expectedTrial), pointSums.S0);

        var pair = new SlopeAndPairSweep<T>(trialGradient, g, d, s, y);
        DotSums sums = FusedSweep.Run<T, SlopeAndPairSweep<T>>(ref pair, 0, n);
        Assert.Equal(expectedY, y);
        Assert.Equal(VectorMath.DotDouble<T>(trialGradient, d), sums.S0);
        Assert.Equal(VectorMath.DotDouble<T>(expectedS, expectedY), sums.S1);
        Assert.Equal(VectorMath.DotDouble<T>(expectedY, expectedY), sums.S2);
        Assert.Equal(VectorMath.DotDouble<T>(trialGradient, trialGradient), sums.S3);
    }

    private static double Run<T, TUpdate>(T[] z, T a, T[] y, T h, T[] w)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TUpdate : struct, ITwoLoopUpdate
    {
        var sweep = new TwoLoopSweep<T, TUpdate>(z, a, y, h, w);
        return FusedSweep.Run<T, TwoLoopSweep<T, TUpdate>>(ref sweep, 0, z.Length).S0;
    }

    private static T[] Random<T>(int n, int seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(1000 * seed + n);
        var v = new T[n];
        for (int i = 0; i < n; i++) v[i] = T.CreateTruncating((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-3, 4)));
        return v;
    }
}
