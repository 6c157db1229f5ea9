using System.Numerics;
using AutoDiffLbfgs.Numerics;

namespace AutoDiffLbfgs.Benchmarks;

/// <summary>A full L-BFGS history of random pairs (sᵢ uniform in [−½, ½), yᵢ = sᵢ·(1 + u), so sᵀy &gt; 0) for the two-loop benchmarks.</summary>
public static class BenchmarkHistory
{
    /// <summary>Makes a history of <paramref name="memory"/> pairs of length <paramref name="n"/> from <paramref name="random"/>.</summary>
    public static LbfgsHistory<T> Filled<T>(int n, int memory, Random random)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var history = new LbfgsHistory<T>(n, memory);
        T[] s = new T[n], y = new T[n];
        for (int k = 0; k < memory; k++)
        {
            for (int i = 0; i < n; i++)
            {
                double si = random.NextDouble() - 0.5;
                s[i] = T.CreateTruncating(si);
                y[i] = T.CreateTruncating(si * (1 + random.NextDouble()));
            }
            history.Push(s, y, 1 / VectorMath.DotDouble<T>(s, y));
        }
        return history;
    }

    /// <summary>A vector of length <paramref name="n"/> uniform in [−½, ½).</summary>
    public static T[] RandomVector<T>(int n, Random random)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var v = new T[n];
        for (int i = 0; i < n; i++) v[i] = T.CreateTruncating(random.NextDouble() - 0.5);
        return v;
    }
}
