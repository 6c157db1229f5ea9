using AutoDiffLbfgs.Numerics;

namespace AutoDiffLbfgs.Tests.Numerics;

/// <summary>
/// Every kernel at every length 0..256 against a scalar reference, fixed seed. Tolerances: reductions within the
/// textbook bound n·u·Σ|xᵢyᵢ| (u = unit roundoff of the accumulation type, Higham §3.1); element-wise kernels
/// exactly equal to the scalar formula (the JIT does not contract a·x + y into a fused multiply-add).
/// </summary>
public class VectorMathTests
{
    public static TheoryData<int> Lengths()
    {
        var data = new TheoryData<int>();
        for (int n = 0; n <= 256; n++) data.Add(n);
        return data;
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void DotMatchesScalarReference(int n)
    {
        var (x, y) = RandomPair(n, seed: n);
        double reference = 0, magnitude = 0;
        for (int i = 0; i < n; i++)
        {
            reference += x[i] * y[i];
            magnitude += Math.Abs(x[i] * y[i]);
        }
        Assert.True(Math.Abs(VectorMath.Dot<double>(x, y) - reference) <= 2 * n * 1.12e-16 * magnitude);
        Assert.Equal(VectorMath.Dot<double>(x, y), VectorMath.DotDouble<double>(x, y));

        float[] xf = ToFloat(x), yf = ToFloat(y);
        double exact = 0, magnitudeF = 0;
        for (int i = 0; i < n; i++)
        {
            exact += (double)xf[i] * yf[i];
            magnitudeF += Math.Abs((double)xf[i] * yf[i]);
        }
        Assert.True(Math.Abs(VectorMath.Dot<float>(xf, yf) - exact) <= n * 6e-8 * magnitudeF + 1e-30);
        Assert.True(Math.Abs(VectorMath.DotDouble<float>(xf, yf) - exact) <= 2 * n * 1.12e-16 * magnitudeF);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void AxpyAddScaledSubtractAndScaleEqualTheScalarFormula(int n)
    {
        var (x, y) = RandomPair(n, seed: 1000 + n);
        const double a = -0.7312;
        double[] axpy = (double[])y.Clone();
        VectorMath.Axpy(a, x, axpy);
        double[] added = new double[n];
        VectorMath.AddScaled<double>(x, a, y, added);
        double[] difference = new double[n];
        VectorMath.Subtract<double>(x, y, difference);
        double[] scaled = (double[])x.Clone();
        VectorMath.Scale(a, scaled);
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(y[i] + a * x[i], axpy[i]);
            Assert.Equal(x[i] + a * y[i], added[i]);
            Assert.Equal(x[i] - y[i], difference[i]);
            Assert.Equal(a * x[i], scaled[i]);
        }

        float[] xf = ToFloat(x), yf = ToFloat(y);
        const float af = -0.7312f;
        float[] axpyF = (float[])yf.Clone();
        VectorMath.Axpy(af, xf, axpyF);
        float[] scaledF = (float[])xf.Clone();
        VectorMath.Scale(af, scaledF);
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(yf[i] + af * xf[i], axpyF[i]);
            Assert.Equal(af * xf[i], scaledF[i]);
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void NormsMatchScalarReference(int n)
    {
        var (x, _) = RandomPair(n, seed: 2000 + n);
        double max = 0, squares = 0;
        foreach (double v in x)
        {
            max = Math.Max(max, Math.Abs(v));
            squares += v * v;
        }
        Assert.Equal(max, VectorMath.NormInf<double>(x));
        Assert.True(Math.Abs(VectorMath.Norm2<double>(x) - Math.Sqrt(squares)) <= (n + 2) * 1.12e-16 * Math.Sqrt(squares));
        Assert.True(Math.Abs(VectorMath.Norm2Double<double>(x) - Math.Sqrt(squares)) <= (n + 2) * 1.12e-16 * Math.Sqrt(squares));

        float[] xf = ToFloat(x);
        float maxF = 0;
        double squaresF = 0;
        foreach (float v in xf)
        {
            maxF = Math.Max(maxF, Math.Abs(v));
            squaresF += (double)v * v;
        }
        Assert.Equal(maxF, VectorMath.NormInf<float>(xf));
        Assert.True(Math.Abs(VectorMath.Norm2<float>(xf) - Math.Sqrt(squaresF)) <= (n + 2) * 6e-8 * Math.Sqrt(squaresF));
        Assert.True(Math.Abs(VectorMath.Norm2Double<float>(xf) - Math.Sqrt(squaresF)) <= (n + 2) * 1.12e-16 * Math.Sqrt(squaresF));
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void NormInfIsNaNWhenAnyEntryIsNaN(int n)
    {
        if (n == 0) return;
        var (x, _) = RandomPair(n, seed: 3000 + n);
        x[(n * 7) % n] = double.NaN;
        Assert.True(double.IsNaN(VectorMath.NormInf<double>(x)));
        float[] xf = ToFloat(x);
        Assert.True(float.IsNaN(VectorMath.NormInf<float>(xf)));
    }

    [Fact]
    public void Norm2DoubleAvoidsUnderflowAndOverflow()
    {
        Assert.Equal(5e-200, VectorMath.Norm2Double<double>([3e-200, 4e-200]), 1e-214);
        Assert.Equal(5e200, VectorMath.Norm2Double<double>([3e200, -4e200]), 1e186);
        Assert.Equal(double.PositiveInfinity, VectorMath.Norm2Double<double>([1, double.NegativeInfinity]));
        Assert.True(double.IsNaN(VectorMath.Norm2Double<double>([1, double.NaN])));
        Assert.Equal(0.0, VectorMath.Norm2Double<double>([]));
    }

    [Fact]
    public void ReductionsAreReproducibleBitForBit()
    {
        var (x, y) = RandomPair(100_003, seed: 5);
        double first = VectorMath.Dot<double>(x, y);
        for (int k = 0; k < 5; k++) Assert.Equal(first, VectorMath.Dot<double>(x, y));
    }

    [Fact]
    public void LengthMismatchNamesTheSecondSpan()
    {
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => VectorMath.Dot<double>(new double[3], new double[2])).ParamName);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => VectorMath.Axpy(1.0, new double[3], new double[2])).ParamName);
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => VectorMath.AddScaled<double>(new double[3], 1.0, new double[3], new double[2])).ParamName);
    }

    private static (double[] X, double[] Y) RandomPair(int n, int seed)
    {
        var random = new Random(seed);
        double[] x = new double[n], y = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-3, 4));
            y[i] = (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-3, 4));
        }
        return (x, y);
    }

    private static float[] ToFloat(double[] x) => Array.ConvertAll(x, v => (float)v);
}
