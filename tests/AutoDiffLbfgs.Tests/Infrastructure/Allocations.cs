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
}
