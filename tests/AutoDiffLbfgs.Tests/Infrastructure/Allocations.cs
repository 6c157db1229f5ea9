namespace AutoDiffLbfgs.Tests.Infrastructure;

/// <summary>
/// Allocation measurement for the zero-allocation tests. The runtime itself occasionally allocates a few hundred
/// bytes on the test thread (tiered JIT, type loading; seen: 480 B in about one run of ten), which would make a single
/// measurement flaky. Each measurement is therefore repeated and the smallest kept: an allocation made by the code
/// under test shows in every repetition, the runtime's stray bytes do not.
/// </summary>
internal static class Allocations
{
    /// <summary>How many times a measurement is repeated.</summary>
    public const int Repetitions = 3;

    /// <summary>The fewest bytes <paramref name="action"/> allocated on this thread over <see cref="Repetitions"/> runs.</summary>
    public static long Minimum(Action action)
    {
        long fewest = long.MaxValue;
        for (int i = 0; i < Repetitions; i++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            action();
            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        return fewest;
    }

    /// <summary>The smallest of <see cref="Repetitions"/> values of <paramref name="measurement"/> (which measures itself).</summary>
    public static long Minimum(Func<long> measurement) => Enumerable.Range(0, Repetitions).Min(_ => measurement());

    /// <summary>
    /// The fewest bytes a solve allocated on this thread between its callback at iteration <paramref name="warmIteration"/>
    /// and its last callback — the per-iteration allocation, the per-solve workspace excluded — over
    /// <see cref="Repetitions"/> solves after one warm-up solve. <paramref name="solve"/> runs one solve with the given
    /// per-iteration callback (and asserts what it needs about the result).
    /// </summary>
    public static long AfterIteration(int warmIteration, Action<LbfgsCallback> solve)
    {
        long atWarm = -1, atEnd = -1;
        LbfgsCallback callback = p =>
        {
            if (p.Iteration == warmIteration) atWarm = GC.GetAllocatedBytesForCurrentThread();
            atEnd = GC.GetAllocatedBytesForCurrentThread();
            return true;
        };
        solve(callback);
        return Minimum(() =>
        {
            atWarm = -1;
            solve(callback);
            Assert.True(atWarm >= 0, $"the solve ended before iteration {warmIteration}");
            return atEnd - atWarm;
        });
    }
}
