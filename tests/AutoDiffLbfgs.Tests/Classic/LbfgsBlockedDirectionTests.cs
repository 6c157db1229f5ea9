using System.Numerics;
using AutoDiffLbfgs.Numerics;
using AutoDiffLbfgs.Tests.Mgh.Problems;

namespace AutoDiffLbfgs.Tests.Classic;

/// <summary>
/// The classic solver's direction blocked over n (<see cref="LbfgsHistory{T}.ApplyNegatedInverseHessianBlocked"/>): the
/// same −H·g as the two-loop recursion up to rounding, bit-identical for any thread count, and solves that end as the
/// two-loop's do. Sizes span several chunks of <see cref="LbfgsSweeps{T}.ChunkLength"/> with a partial last one.
/// </summary>
public class LbfgsBlockedDirectionTests
{
    private const int N = 2 * LbfgsSweeps<double>.ChunkLength + 1234;

    [Fact]
    public void BlockedDirectionEqualsTheTwoLoopRecursionAfterEveryCommit()
    {
        CheckAgainstTwoLoop<double>(memory: 4, tolerance: 1e-11);
        CheckAgainstTwoLoop<float>(memory: 4, tolerance: 2e-5);
    }

    private static void CheckAgainstTwoLoop<T>(int memory, double tolerance)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(1414);
        var history = new LbfgsHistory<T>(N, memory);
        history.ReserveBlocked();
        using var sweeps = new LbfgsSweeps<T>(N, 1, memory: memory);
        T[] g = RandomVector<T>(random), blocked = new T[N], twoLoop = new T[N];
        // Nine commits: the ring wraps twice, and a clear in the middle starts again from one pair.
        for (int commit = 0; commit < 9; commit++)
        {
            if (commit == 5) history.Clear();
            PushRandomPair(history, random);
            double h0 = 0.3 + random.NextDouble();
            double blockedSlope = history.ApplyNegatedInverseHessianBlocked(g, blocked, h0, sweeps);
            double twoLoopSlope = history.ApplyNegatedInverseHessian(g, twoLoop, h0, sweeps);
            double scale = twoLoop.Max(v => Math.Abs(double.CreateTruncating(v)));
            for (int i = 0; i < N; i++)
            {
                double difference = Math.Abs(double.CreateTruncating(blocked[i] - twoLoop[i]));
                Assert.True(difference <= tolerance * scale, $"{typeof(T).Name}, commit {commit}, i = {i}: {blocked[i]} against {twoLoop[i]}");
            }
            Assert.Equal(twoLoopSlope, blockedSlope, Math.Abs(twoLoopSlope) * tolerance * 10);
            Assert.Equal(ChunkedDot<T>(g, blocked), blockedSlope);
        }
    }

    [Fact]
    public void PairsStoredBeforeTheFirstCallAreTakenIntoAccount()
    {
        var random = new Random(7);
        var history = new LbfgsHistory<double>(N, 5);
        for (int k = 0; k < 3; k++) PushRandomPair(history, random);
        history.ReserveBlocked();
        using var sweeps = new LbfgsSweeps<double>(N, 1, memory: 5);
        double[] g = RandomVector<double>(random), blocked = new double[N], twoLoop = new double[N];
        history.ApplyNegatedInverseHessianBlocked(g, blocked, 0.8, sweeps);
        history.ApplyNegatedInverseHessian(g, twoLoop, 0.8, sweeps);
        double scale = twoLoop.Max(Math.Abs);
        for (int i = 0; i < N; i++) Assert.True(Math.Abs(blocked[i] - twoLoop[i]) <= 1e-11 * scale, $"i = {i}");
    }

    [Fact]
    public void BlockedDirectionIsBitIdenticalForAnyThreadCount()
    {
        CheckThreads<double>();
        CheckThreads<float>();
    }

    private static void CheckThreads<T>()
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const int n = LbfgsSweeps<double>.ParallelThreshold + 2 * LbfgsSweeps<double>.ChunkLength + 1234;
        var random = new Random(33);
        var history = new LbfgsHistory<T>(n, 5);
        history.ReserveBlocked();
        T[] g = new T[n];
        for (int i = 0; i < n; i++) g[i] = T.CreateTruncating(random.NextDouble() - 0.5);
        var sweepsByThreads = new[] { 1, 2, 3 }.Select(t => new LbfgsSweeps<T>(n, t, memory: 5)).ToArray();
        Assert.Equal([1, 2, 3], sweepsByThreads.Select(s => s.ThreadCount));
        for (int commit = 0; commit < 7; commit++)
        {
            T[] s = new T[n], y = new T[n];
            for (int i = 0; i < n; i++)
            {
                s[i] = T.CreateTruncating((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-3, 4)));
                y[i] = s[i] * T.CreateTruncating(1 + random.NextDouble());
            }
            history.Push(s, y, 1 / VectorMath.DotDouble<T>(s, y));
            // Each thread count gets the same history state: the pending products are formed by the first call only,
            // so every call after it must give the same bits from the same stored products.
            T[] expected = new T[n];
            double expectedSlope = history.ApplyNegatedInverseHessianBlocked(g, expected, 0.7, sweepsByThreads[0]);
            foreach (var sweeps in sweepsByThreads)
            {
                T[] actual = new T[n];
                Assert.Equal(expectedSlope, history.ApplyNegatedInverseHessianBlocked(g, actual, 0.7, sweeps));
                Assert.Equal(expected, actual);
            }
        }
        foreach (var sweeps in sweepsByThreads) sweeps.Dispose();
    }

    [Fact]
    public void BlockedSolveReachesTheMinimumInTheTwoLoopsCounts()
    {
        var problem = new ExtendedRosenbrock(40_000);
        (LbfgsResult Result, double[] X) Solve(bool blocked)
        {
            double[] x = problem.StartingPoint();
            return (Lbfgs.Minimize(problem, x.AsSpan(), new LbfgsOptions { BlockedDirection = blocked, RelativeGradientTolerance = 1e-8 }), x);
        }
        var (twoLoop, _) = Solve(false);
        var (blocked, x) = Solve(true);
        Assert.Equal(LbfgsTermination.ConvergedOnGradient, blocked.Termination);
        Assert.All(x, v => Assert.Equal(1, v, 1e-6));
        Assert.Equal((twoLoop.Iterations, twoLoop.Evaluations, twoLoop.SkippedPairs, twoLoop.HistoryResets), (blocked.Iterations, blocked.Evaluations, blocked.SkippedPairs, blocked.HistoryResets));
    }

    [Fact]
    public void LineSearchFailureResetsTheBlockedHistoryAsTheTwoLoopsDoes()
    {
        LbfgsResult Solve(bool blocked)
        {
            double[] x = [-1.2, 1, -1.2, 1];
            return Lbfgs.Minimize(new JumpingRosenbrock(honest: 12), x.AsSpan(), new LbfgsOptions { BlockedDirection = blocked });
        }
        LbfgsResult twoLoop = Solve(false), blocked = Solve(true);
        Assert.Equal(LbfgsTermination.LineSearchFailed, blocked.Termination);
        Assert.Equal(1, blocked.HistoryResets);
        Assert.Equal((twoLoop.Iterations, twoLoop.Evaluations), (blocked.Iterations, blocked.Evaluations));
        Assert.Equal(twoLoop.Value, blocked.Value, 1e-12);
    }

    [Fact]
    public void BlockedDirectionForcedOnTheMghSetReachesEveryPublishedMinimum()
    {
        // The MGH problems fit one chunk and run the two-loop; forcing the blocked form on them checks its rounding on
        // badly scaled and nearly singular problems (the settings of MghSolveTests, m = 10). When this was written,
        // 28 of the 35 solves also took the two-loop's iteration and evaluation counts (docs/benchmarks.md).
        foreach (Mgh.MghCase c in Mgh.MghCatalog.All)
        {
            LbfgsOptions options = Mgh.MghSolveTests.ReferenceOptions(10);
            options.BlockedDirection = true;
            if (c.Name == "Watson" && c.Dimension == 9) options.RelativeGradientTolerance = 1e-8;
            var (result, x) = c.Solve(options);
            Mgh.MghSolveTests.AssertReachedAPublishedMinimum(c, result, x);
        }
    }

    [Fact]
    public void MoreVectorsThanTheSweepsWereMadeForIsRejected()
    {
        using var sweeps = new LbfgsSweeps<double>(10, 1, memory: 1);
        double[][] vectors = [new double[10], new double[10], new double[10]];
        var error = Assert.Throws<ArgumentException>(() => sweeps.HistoryDots(vectors, 3, new double[10], null, new double[3]));
        Assert.Equal("count", error.ParamName);
    }

    private static void PushRandomPair<T>(LbfgsHistory<T> history, Random random)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] s = new T[N], y = new T[N];
        for (int i = 0; i < N; i++)
        {
            s[i] = T.CreateTruncating((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-2, 3)));
            y[i] = s[i] * T.CreateTruncating(0.5 + random.NextDouble());
        }
        history.Push(s, y, 1 / VectorMath.DotDouble<T>(s, y));
    }

    /// <summary>xᵀy in the sweeps' fixed order: <see cref="VectorMath.DotDouble{T}"/> per chunk, chunk sums in chunk order.</summary>
    private static double ChunkedDot<T>(T[] x, T[] y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const int chunk = LbfgsSweeps<double>.ChunkLength;
        double sum = VectorMath.DotDouble<T>(x.AsSpan(0, chunk), y.AsSpan(0, chunk));
        for (int start = chunk; start < x.Length; start += chunk)
        {
            int length = Math.Min(chunk, x.Length - start);
            sum += VectorMath.DotDouble<T>(x.AsSpan(start, length), y.AsSpan(start, length));
        }
        return sum;
    }

    private static T[] RandomVector<T>(Random random)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] v = new T[N];
        for (int i = 0; i < N; i++) v[i] = T.CreateTruncating(random.NextDouble() - 0.5);
        return v;
    }
}
