using AutoDiffLbfgs.Tests.Gradients.Objectives;
using AutoDiffLbfgs.Tests.Infrastructure;

namespace AutoDiffLbfgs.Tests.Hessians;

/// <summary>
/// Generated Hessian-vector products against Hessians known in closed form, symmetry of the Hessian they imply,
/// the dense-Hessian helper and the derivative checker.
/// </summary>
public class HessianVectorProductTests
{
    private static double[] RandomVector(Random random, int n, double low = -1, double high = 1) =>
        [.. Enumerable.Range(0, n).Select(_ => low + (high - low) * random.NextDouble())];

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    /// <summary>Asserts |actual − expected| ≤ tolerance·max(1, ‖expected‖∞) entry by entry.</summary>
    private static void AssertClose(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, double tolerance)
    {
        double scale = 1;
        foreach (var e in expected) scale = Math.Max(scale, Math.Abs(e));
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(actual[i] - expected[i]) <= tolerance * scale, $"entry {i}: expected {expected[i]:R}, got {actual[i]:R}");
        }
    }

    [Fact]
    public void QuadraticHessianIsTheSymmetrizedMatrix()
    {
        const int n = 7;
        var random = new Random(1);
        var a = RandomVector(random, n * n);
        var b = RandomVector(random, n);
        for (int point = 0; point < 5; point++)
        {
            var x = RandomVector(random, n);
            var v = RandomVector(random, n);
            var hv = new double[n];
            HessianObjectives.QuadraticHessianVectorProduct(x, v, hv, a, b);
            var expected = new double[n];
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++) expected[i] += 0.5 * (a[i * n + j] + a[j * n + i]) * v[j];
            }
            // The HVP of a quadratic is a fixed linear map: only summation-order rounding separates the two (≈ n ulp).
            AssertClose(expected, hv, 1e-13);
        }
    }

    [Fact]
    public void SinglePrecisionQuadraticHessianIsTheSymmetrizedMatrix()
    {
        const int n = 5;
        var random = new Random(2);
        var a = RandomVector(random, n * n).Select(v => (float)v).ToArray();
        var b = RandomVector(random, n).Select(v => (float)v).ToArray();
        var x = RandomVector(random, n).Select(v => (float)v).ToArray();
        var v = RandomVector(random, n).Select(v => (float)v).ToArray();
        var hv = new float[n];
        HessianObjectives.QuadraticSingleHessianVectorProduct(x, v, hv, a, b);
        for (int i = 0; i < n; i++)
        {
            double expected = 0;
            for (int j = 0; j < n; j++) expected += 0.5 * (a[i * n + j] + a[j * n + i]) * v[j];
            // float: a few ulp of the terms (ε_float ≈ 6e-8, n terms of size ≤ 1).
            Assert.True(Math.Abs(hv[i] - expected) <= 1e-5, $"entry {i}: expected {expected}, got {hv[i]}");
        }
    }

    [Fact]
    public void SumExpHessianIsDiagonal()
    {
        var random = new Random(3);
        for (int point = 0; point < 5; point++)
        {
            var x = RandomVector(random, 6, -2, 2);
            var v = RandomVector(random, 6);
            var hv = new double[6];
            HessianObjectives.SumExpHessianVectorProduct(x, v, hv);
            AssertClose([.. x.Select((xi, i) => Math.Exp(xi) * v[i])], hv, 1e-15);
        }
    }

    [Fact]
    public void SquaredNormSquaredHessianMatchesClosedForm()
    {
        var random = new Random(4);
        for (int point = 0; point < 5; point++)
        {
            var x = RandomVector(random, 5);
            var v = RandomVector(random, 5);
            var hv = new double[5];
            HessianObjectives.SquaredNormSquaredHessianVectorProduct(x, v, hv);
            double r2 = Dot(x, x), xv = Dot(x, v);
            AssertClose([.. x.Select((xi, i) => 4 * r2 * v[i] + 8 * xi * xv)], hv, 1e-14);
        }
    }

    [Fact]
    public void LogSumExpHessianIsSoftmaxCovariance()
    {
        var random = new Random(5);
        for (int point = 0; point < 5; point++)
        {
            var x = RandomVector(random, 6, -3, 3);
            var v = RandomVector(random, 6);
            var hv = new double[6];
            HessianObjectives.LogSumExpHessianVectorProduct(x, v, hv);
            double m = x.Max();
            var p = x.Select(xi => Math.Exp(xi - m)).ToArray();
            double z = p.Sum();
            for (int i = 0; i < p.Length; i++) p[i] /= z;
            double pv = Dot(p, v);
            AssertClose([.. p.Select((pi, i) => pi * v[i] - pi * pv)], hv, 1e-14);
        }
    }

    [Fact]
    public void RosenbrockHessianMatchesClosedForm()
    {
        var random = new Random(6);
        for (int point = 0; point < 5; point++)
        {
            var x = RandomVector(random, 2, -2, 2);
            var h = DenseHessian.Compute(new HessianObjectives.Rosenbrock2Objective(), (ReadOnlySpan<double>)x);
            double[,] expected = { { 1200 * x[0] * x[0] - 400 * x[1] + 2, -400 * x[0] }, { -400 * x[0], 200 } };
            for (int i = 0; i < 2; i++)
            {
                for (int j = 0; j < 2; j++)
                {
                    Assert.True(Math.Abs(h[i, j] - expected[i, j]) <= 1e-12 * Math.Max(1, Math.Abs(expected[i, j])), $"H[{i},{j}] = {h[i, j]:R}, expected {expected[i, j]:R}");
                }
            }
        }
    }

    [Fact]
    public void TapedHornerLoopHasExactSecondDerivative()
    {
        double[] c = [0.5, -1.0, 0.3, 2.0, -0.7];
        foreach (double t in new[] { -1.3, -0.2, 0.4, 0.9, 1.7 })
        {
            double p = 0, dp = 0, ddp = 0;
            for (int k = c.Length - 1; k >= 0; k--)
            {
                ddp = ddp * t + 2 * dp;
                dp = dp * t + p;
                p = p * t + c[k];
            }
            var hv = new double[1];
            HessianObjectives.HornerSquaredHessianVectorProduct([t], [1.0], hv, c);
            double expected = 2 * (dp * dp + p * ddp);
            Assert.True(Math.Abs(hv[0] - expected) <= 1e-13 * Math.Max(1, Math.Abs(expected)), $"t = {t}: {hv[0]:R} vs {expected:R}");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void LennardJonesHessianIsSymmetric(int seed)
    {
        var random = new Random(seed);
        var x = Cluster(random, 6);
        var u = RandomVector(random, x.Length);
        var v = RandomVector(random, x.Length);
        var hu = new double[x.Length];
        var hv = new double[x.Length];
        ClassicObjectives.LennardJonesHessianVectorProduct(x, u, hu);
        ClassicObjectives.LennardJonesHessianVectorProduct(x, v, hv);
        double uHv = Dot(u, hv), vHu = Dot(v, hu);
        // Exact arithmetic gives equality; rounding in sums of O(n²) pair terms of size ≤ max|H| bounds the gap.
        double scale = Math.Max(1, hu.Concat(hv).Max(Math.Abs));
        Assert.True(Math.Abs(uHv - vHu) <= 1e-12 * scale * x.Length, $"uᵀHv = {uHv:R}, vᵀHu = {vHu:R}");
    }

    [Fact]
    public void DenseHessianHasOneColumnPerHvp()
    {
        var x = Cluster(new Random(9), 4);
        var objective = new ClassicObjectives.LennardJonesObjective();
        var h = new double[x.Length * x.Length];
        DenseHessian.Compute(objective, (ReadOnlySpan<double>)x, h);
        var e = new double[x.Length];
        var column = new double[x.Length];
        for (int j = 0; j < x.Length; j++)
        {
            Array.Clear(e);
            e[j] = 1;
            objective.HessianVectorProduct(x, e, column);
            for (int i = 0; i < x.Length; i++) Assert.Equal(column[i], h[i * x.Length + j]);
        }
        Assert.Throws<ArgumentException>("hessian", () => DenseHessian.Compute(objective, (ReadOnlySpan<double>)x, new double[3]));
    }

    [Fact]
    public void DerivativeCheckAcceptsGeneratedDerivativesAndRejectsWrongOnes()
    {
        var x = Cluster(new Random(11), 5);
        var objective = new ClassicObjectives.LennardJonesObjective();
        Assert.True(DerivativeCheck.GradientError(objective, (ReadOnlySpan<double>)x) < 1e-8);
        Assert.True(DerivativeCheck.HessianVectorProductError(objective, (ReadOnlySpan<double>)x) < 1e-6);
        var wrong = new WrongGradient();
        Assert.True(DerivativeCheck.GradientError(wrong, (ReadOnlySpan<double>)x) > 0.1);
        Assert.True(DerivativeCheck.HessianVectorProductError(wrong, (ReadOnlySpan<double>)x) > 0.1);
    }

    [Fact]
    public void HessianVectorProductAllocatesNothing()
    {
        var x = Cluster(new Random(12), 10);
        var v = RandomVector(new Random(13), x.Length);
        var r = new double[x.Length];
        double[] c = [0.5, -1.0, 0.3, 2.0, -0.7];
        double[] t = [0.3];
        double[] one = [1.0];
        double[] r1 = [0.0];
        for (int i = 0; i < 10; i++)
        {
            ClassicObjectives.LennardJonesHessianVectorProduct(x, v, r);
            HessianObjectives.HornerSquaredHessianVectorProduct(t, one, r1, c);
        }
        long allocated = Allocations.Minimum(() =>
        {
            for (int i = 0; i < 1000; i++)
            {
                ClassicObjectives.LennardJonesHessianVectorProduct(x, v, r);
                HessianObjectives.HornerSquaredHessianVectorProduct(t, one, r1, c); // taped loop: pooled buffers
            }
        });
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void HessianVectorProductRejectsMismatchedLengths()
    {
        var x = new double[6];
        Assert.Throws<ArgumentException>("v", () => ClassicObjectives.LennardJonesHessianVectorProduct(x, new double[5], new double[6]));
        Assert.Throws<ArgumentException>("result", () => ClassicObjectives.LennardJonesHessianVectorProduct(x, new double[6], new double[5]));
    }

    private static double[] Cluster(Random random, int atoms)
    {
        var x = new double[3 * atoms];
        for (int a = 0; a < atoms; a++)
        {
            // Atoms on a loose line with jitter: pair distances stay in [0.9, …], away from the r → 0 singularity.
            x[3 * a] = 1.1 * a + 0.2 * random.NextDouble();
            x[3 * a + 1] = 0.3 * random.NextDouble();
            x[3 * a + 2] = 0.3 * random.NextDouble();
        }
        return x;
    }

    /// <summary>A deliberately wrong gradient (scaled by 1.5) and HVP, so the checker has something to reject.</summary>
    private readonly struct WrongGradient : ITwiceDifferentiableObjective<double>
    {
        public double Value(ReadOnlySpan<double> x) => ClassicObjectives.LennardJones(x);

        public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
        {
            double f = ClassicObjectives.LennardJonesGradient(x, gradient);
            foreach (ref double g in gradient) g *= 1.5;
            return f;
        }

        public void HessianVectorProduct(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result)
        {
            ClassicObjectives.LennardJonesHessianVectorProduct(x, v, result);
            foreach (ref double r in result) r *= 0.5;
        }
    }
}
