using System.Numerics;
using AutoDiffLbfgs.Numerics;
using AutoDiffLbfgs.Tests.Infrastructure;
using AutoDiffLbfgs.Tests.Mgh.Problems;

namespace AutoDiffLbfgs.Tests.Classic;

/// <summary>
/// The solver's vector work on several threads (<see cref="LbfgsOptions.MaxDegreeOfParallelism"/>): the partition into
/// chunks and the order in which chunk sums are added never depend on the thread count, so every result must be
/// bit-identical for 1, 2, 3 and 4 threads; and threaded iterations must allocate nothing. Sizes are just above
/// <see cref="LbfgsSweeps{T}.ParallelThreshold"/> (several chunks per thread, a partial last chunk) and the solves are
/// capped at a few iterations, so each test takes well under a second.
/// </summary>
public class LbfgsParallelTests
{
    private const int N = LbfgsSweeps<double>.ParallelThreshold + 2 * LbfgsSweeps<double>.ChunkLength + 1234;

    [Fact]
    public void SweepsUseTheRequestedThreadsAboveTheThresholdOnly()
    {
        using (var sweeps = new LbfgsSweeps<double>(N, 3)) Assert.Equal(3, sweeps.ThreadCount);
        using (var sweeps = new LbfgsSweeps<double>(LbfgsSweeps<double>.ParallelThreshold - 1, 3)) Assert.Equal(1, sweeps.ThreadCount);
    }

    [Fact]
    public void TwoLoopIsBitIdenticalForAnyThreadCount()
    {
        CheckTwoLoop<float>();
        CheckTwoLoop<double>();
    }

    private static void CheckTwoLoop<T>()
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(14);
        T Next() => T.CreateTruncating((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-3, 4)));
        var history = new LbfgsHistory<T>(N, 5);
        T[] s = new T[N], y = new T[N], g = new T[N];
        for (int k = 0; k < 7; k++)
        {
            for (int i = 0; i < N; i++)
            {
                s[i] = Next();
                y[i] = s[i] * T.CreateTruncating(1 + random.NextDouble());
            }
            history.Push(s, y, 1 / VectorMath.DotDouble<T>(s, y));
        }
        for (int i = 0; i < N; i++) g[i] = Next();

        T[] expected = new T[N];
        double expectedSlope;
        using (var single = new LbfgsSweeps<T>(N, 1)) expectedSlope = history.ApplyNegatedInverseHessian(g, expected, 0.7, single);
        for (int threads = 2; threads <= 4; threads++)
        {
            T[] actual = new T[N];
            using var sweeps = new LbfgsSweeps<T>(N, threads);
            Assert.Equal(expectedSlope, history.ApplyNegatedInverseHessian(g, actual, 0.7, sweeps));
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void DoubleSolvesAreBitIdenticalForAnyThreadCount()
    {
        var problem = new ChainedRosenbrock(N);
        (LbfgsResult Result, double[] X) Solve(int threads)
        {
            double[] x = problem.StartingPoint();
            var options = new LbfgsOptions { MaxIterations = 12, MaxDegreeOfParallelism = threads };
            return (Lbfgs.Minimize(problem, x.AsSpan(), options), x);
        }
        var (expected, expectedX) = Solve(1);
        Assert.Equal(LbfgsTermination.MaxIterations, expected.Termination);
        for (int threads = 2; threads <= 4; threads++)
        {
            var (actual, x) = Solve(threads);
            Assert.Equal(expected, actual);
            Assert.Equal(expectedX, x);
        }
    }

    [Fact]
    public void FloatSolvesAreBitIdenticalForAnyThreadCount()
    {
        float[] Start() => Enumerable.Range(0, N).Select(i => i % 2 == 0 ? -1.2f : 1f).ToArray();
        (LbfgsResult Result, float[] X) Solve(int threads)
        {
            float[] x = Start();
            var options = new LbfgsOptions { MaxIterations = 12, MaxDegreeOfParallelism = threads };
            return (Lbfgs.Minimize(new RosenbrockSingle(), x.AsSpan(), options), x);
        }
        var (expected, expectedX) = Solve(1);
        Assert.True(expected.Iterations >= 5, expected.ToString());
        for (int threads = 2; threads <= 3; threads++)
        {
            var (actual, x) = Solve(threads);
            Assert.Equal(expected, actual);
            Assert.Equal(expectedX, x);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ThreadedIterationsAllocateNothing(bool blockedDirection)
    {
        var problem = new ChainedRosenbrock(N);
        long atWarm = -1, atEnd = -1;
        var options = new LbfgsOptions
        {
            BlockedDirection = blockedDirection,
            MaxIterations = 25,
            MaxDegreeOfParallelism = 2,
            Callback = p =>
            {
                if (p.Iteration == 5) atWarm = GC.GetAllocatedBytesForCurrentThread();
                atEnd = GC.GetAllocatedBytesForCurrentThread();
                return true;
            },
        };
        Lbfgs.Minimize(problem, problem.StartingPoint().AsSpan(), options);

        long allocated = Allocations.Minimum(() =>
        {
            var result = Lbfgs.Minimize(problem, problem.StartingPoint().AsSpan(), options);
            Assert.Equal(25, result.Iterations);
            return atEnd - atWarm;
        });
        Assert.Equal(0, allocated);
    }
}
