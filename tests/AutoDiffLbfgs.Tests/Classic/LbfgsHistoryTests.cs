using AutoDiffLbfgs.Numerics;

namespace AutoDiffLbfgs.Tests.Classic;

public class LbfgsHistoryTests
{
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(3, 2, 5)]
    [InlineData(5, 5, 5)]
    [InlineData(7, 4, 9)]
    [InlineData(17, 10, 6)]
    [InlineData(33, 3, 12)]
    public void TwoLoopEqualsDenseBfgsInverseHessianProduct(int n, int memory, int pairs)
    {
        var random = new Random(1000 * n + 10 * memory + pairs);
        double[,] a = RandomSymmetricPositiveDefinite(random, n);
        var history = new LbfgsHistory<double>(n, memory);
        var steps = new List<(double[] S, double[] Y)>();
        for (int k = 0; k < pairs; k++)
        {
            double[] s = RandomVector(random, n);
            double[] y = Multiply(a, s);
            steps.Add((s, y));
            history.Push(s, y, 1 / Dot(s, y));
        }
        double gamma = 0.37;
        double[] q = RandomVector(random, n);

        double[,] h = DenseInverseHessian(n, gamma, steps.Skip(Math.Max(0, pairs - memory)));
        double[] expected = Multiply(h, q);
        double[] actual = new double[n];
        history.ApplyInverseHessian(q, actual, gamma);

        double scale = expected.Max(Math.Abs);
        for (int i = 0; i < n; i++) Assert.True(Math.Abs(actual[i] - expected[i]) <= 1e-10 * scale, $"i={i}: {actual[i]} vs {expected[i]}");
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(3, 2, 5)]
    [InlineData(7, 4, 9)]
    [InlineData(17, 10, 6)]
    [InlineData(2500, 5, 13)]
    public void CompactFormEqualsTheTwoLoopRecursion(int n, int memory, int pairs)
    {
        var random = new Random(n + 7 * memory + 131 * pairs);
        double[,] a = RandomSymmetricPositiveDefinite(random, Math.Min(n, 40));
        var history = new LbfgsHistory<double>(n, memory);
        for (int k = 0; k < pairs; k++)
        {
            double[] s = RandomVector(random, n);
            double[] y = new double[n];
            // Block-diagonal SPD map (the 40×40 block repeated) keeps sᵀy > 0 at any n.
            for (int start = 0; start < n; start += 40)
            {
                int size = Math.Min(40, n - start);
                for (int i = 0; i < size; i++)
                    for (int j = 0; j < size; j++)
                        y[start + i] += a[i, j] * s[start + j];
            }
            history.Push(s, y, 1 / Dot(s, y));
            double[] q = RandomVector(random, n);
            double[] twoLoop = new double[n], compact = new double[n];
            history.ApplyInverseHessian(q, twoLoop, 0.37);
            history.ApplyInverseHessianCompact(q, compact, 0.37);
            double scale = twoLoop.Max(Math.Abs);
            for (int i = 0; i < n; i++) Assert.True(Math.Abs(compact[i] - twoLoop[i]) <= 1e-9 * scale, $"pair {k}, i={i}: {compact[i]} vs {twoLoop[i]}");
            history.ApplyInverseHessianCompact(q, q, 0.37);
            Assert.Equal(compact, q);
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 2)]
    [InlineData(37, 5)]
    [InlineData(258, 10)]
    public void FusedDoubleRecursionIsBitIdenticalToTheTextbookOrder(int n, int memory)
    {
        var random = new Random(n * 31 + memory);
        var history = FilledHistory(random, n, memory, pairs: memory + 2);
        double[] q = RandomVector(random, n);
        double[] actual = new double[n];
        history.ApplyInverseHessian(q, actual, 0.7);

        // Nocedal & Wright Algorithm 7.4 written with the public kernels, one call per operation.
        double[] z = (double[])q.Clone();
        double[] alpha = new double[history.Count];
        for (int age = 0; age < history.Count; age++)
        {
            alpha[age] = history.Rho(age) * VectorMath.Dot(history.S(age), z);
            VectorMath.Axpy(-alpha[age], history.Y(age), z);
        }
        VectorMath.Scale(0.7, z.AsSpan());
        for (int age = history.Count - 1; age >= 0; age--)
        {
            double b = history.Rho(age) * VectorMath.Dot(history.Y(age), z);
            VectorMath.Axpy(alpha[age] - b, history.S(age), z);
        }
        Assert.Equal(z, actual);
    }

    [Fact]
    public void ResultMayAliasTheInputExactly()
    {
        var random = new Random(7);
        int n = 12;
        var history = FilledHistory(random, n, memory: 4, pairs: 6);
        double[] q = RandomVector(random, n);
        double[] separate = new double[n];
        history.ApplyInverseHessian(q, separate, 0.5);
        history.ApplyInverseHessian(q, q, 0.5);
        Assert.Equal(separate, q);
    }

    [Fact]
    public void PartlyOverlappingSpansAreRejected()
    {
        var history = new LbfgsHistory<double>(4, 2);
        double[] buffer = new double[6];
        Assert.Throws<ArgumentException>(() => history.ApplyInverseHessian(buffer.AsSpan(0, 4), buffer.AsSpan(2, 4), 1));
    }

    [Fact]
    public void AgesCountFromTheNewestAndTheOldestIsDroppedBeyondMemory()
    {
        var history = new LbfgsHistory<double>(2, 3);
        for (int k = 1; k <= 5; k++) history.Push([k, 0], [0, k], k);
        Assert.Equal(3, history.Count);
        Assert.Equal(5.0, history.Rho(0));
        Assert.Equal(3.0, history.Rho(2));
        Assert.Equal(4.0, history.S(1)[0]);
        Assert.Equal(3.0, history.Y(2)[1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => history.Rho(3));
        history.Clear();
        Assert.Equal(0, history.Count);
    }

    [Fact]
    public void EmptyHistoryAppliesTheInitialScaleOnly()
    {
        var history = new LbfgsHistory<float>(5, 3);
        float[] q = [1, -2, 3, -4, 5];
        float[] result = new float[5];
        history.ApplyInverseHessian(q, result, 0.25);
        Assert.Equal([0.25f, -0.5f, 0.75f, -1f, 1.25f], result);
    }

    [Fact]
    public void FloatTwoLoopMatchesDoubleToSinglePrecision()
    {
        var random = new Random(11);
        int n = 40;
        double[,] a = RandomSymmetricPositiveDefinite(random, n);
        var hd = new LbfgsHistory<double>(n, 5);
        var hf = new LbfgsHistory<float>(n, 5);
        for (int k = 0; k < 7; k++)
        {
            double[] s = RandomVector(random, n).Select(v => (double)(float)v).ToArray();
            double[] y = Multiply(a, s).Select(v => (double)(float)v).ToArray();
            float[] sf = s.Select(v => (float)v).ToArray(), yf = y.Select(v => (float)v).ToArray();
            hd.Push(s, y, 1 / Dot(s, y));
            hf.Push(sf, yf, 1 / Dot(s, y));
        }
        double[] q = RandomVector(random, n).Select(v => (double)(float)v).ToArray();
        double[] rd = new double[n];
        float[] rf = new float[n];
        hd.ApplyInverseHessian(q, rd, 0.3);
        hf.ApplyInverseHessian(q.Select(v => (float)v).ToArray(), rf, 0.3);
        double scale = rd.Max(Math.Abs);
        for (int i = 0; i < n; i++) Assert.True(Math.Abs(rf[i] - rd[i]) <= 1e-4 * scale, $"i={i}");
    }

    [Theory]
    [InlineData(-1, 1, "dimension")]
    [InlineData(3, 0, "memory")]
    public void BadConstructorArgumentsNameTheArgument(int dimension, int memory, string name)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new LbfgsHistory<double>(dimension, memory));
        Assert.Equal(name, e.ParamName);
    }

    [Fact]
    public void WrongLengthsAreRejected()
    {
        var history = new LbfgsHistory<double>(3, 2);
        Assert.Equal("s", Assert.Throws<ArgumentException>(() => history.Push(new double[2], new double[3], 1)).ParamName);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => history.Push(new double[3], new double[4], 1)).ParamName);
        Assert.Equal("q", Assert.Throws<ArgumentException>(() => history.ApplyInverseHessian(new double[2], new double[3], 1)).ParamName);
    }

    private static LbfgsHistory<double> FilledHistory(Random random, int n, int memory, int pairs)
    {
        double[,] a = RandomSymmetricPositiveDefinite(random, n);
        var history = new LbfgsHistory<double>(n, memory);
        for (int k = 0; k < pairs; k++)
        {
            double[] s = RandomVector(random, n);
            double[] y = Multiply(a, s);
            history.Push(s, y, 1 / Dot(s, y));
        }
        return history;
    }

    /// <summary>BFGS inverse update H ← (I − ρsyᵀ)H(I − ρysᵀ) + ρssᵀ (Nocedal &amp; Wright eq. 6.17), oldest pair first.</summary>
    private static double[,] DenseInverseHessian(int n, double gamma, IEnumerable<(double[] S, double[] Y)> pairs)
    {
        var h = new double[n, n];
        for (int i = 0; i < n; i++) h[i, i] = gamma;
        foreach (var (s, y) in pairs)
        {
            double rho = 1 / Dot(s, y);
            var v = new double[n, n];
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                    v[i, j] = (i == j ? 1 : 0) - rho * y[i] * s[j];
            var vt = new double[n, n];
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                    vt[i, j] = v[j, i];
            h = MatMul(MatMul(vt, h), v);
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                    h[i, j] += rho * s[i] * s[j];
        }
        return h;
    }

    private static double[,] MatMul(double[,] a, double[,] b)
    {
        int n = a.GetLength(0);
        var c = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int k = 0; k < n; k++)
                for (int j = 0; j < n; j++)
                    c[i, j] += a[i, k] * b[k, j];
        return c;
    }

    private static double[,] RandomSymmetricPositiveDefinite(Random random, int n)
    {
        var b = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                b[i, j] = random.NextDouble() - 0.5;
        var a = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
                for (int k = 0; k < n; k++)
                    a[i, j] += b[k, i] * b[k, j];
            a[i, i] += 0.5;
        }
        return a;
    }

    private static double[] RandomVector(Random random, int n) =>
        Enumerable.Range(0, n).Select(_ => 2 * random.NextDouble() - 1).ToArray();

    private static double[] Multiply(double[,] a, double[] x)
    {
        int n = x.Length;
        var y = new double[n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                y[i] += a[i, j] * x[j];
        return y;
    }

    private static double Dot(double[] x, double[] y)
    {
        double s = 0;
        for (int i = 0; i < x.Length; i++) s += x[i] * y[i];
        return s;
    }
}
