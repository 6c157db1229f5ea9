using System.Numerics;

namespace AutoDiffLbfgs.Benchmarks;

/// <summary>
/// Chained Rosenbrock f = Σᵢ 100(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)² in either precision, with a hand-written O(n) gradient: at
/// n = 10⁶ it needs thousands of iterations, so a solve capped at a few hundred runs every one of them with a full
/// history, which is what <see cref="SolverBandwidthBenchmarks{T}"/> needs.
/// </summary>
public readonly struct ChainedRosenbrockGeneric<T> : IDifferentiableObjective<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly T Two = T.CreateTruncating(2), Hundred = T.CreateTruncating(100), FourHundred = T.CreateTruncating(400), TwoHundred = T.CreateTruncating(200);

    /// <summary>The standard start (−1.2, 1, −1.2, 1, …).</summary>
    public static T[] StartingPoint(int n)
    {
        var x = new T[n];
        for (int i = 0; i < n; i++) x[i] = T.CreateTruncating(i % 2 == 0 ? -1.2 : 1.0);
        return x;
    }

    /// <inheritdoc/>
    public T Value(ReadOnlySpan<T> x) => ValueAndGradient(x, new T[x.Length]);

    /// <inheritdoc/>
    public T ValueAndGradient(ReadOnlySpan<T> x, Span<T> g)
    {
        // f is summed in double: a float sum of 10⁶ terms carries rounding noise larger than the decrease a line
        // search must see, and every search would fail after a few iterations.
        double f = 0;
        T carried = T.Zero;
        for (int i = 0; i + 1 < x.Length; i++)
        {
            T a = T.One - x[i], b = x[i + 1] - x[i] * x[i];
            f += double.CreateTruncating(a * a + Hundred * b * b);
            g[i] = carried - Two * a - FourHundred * x[i] * b;
            carried = TwoHundred * b;
        }
        if (x.Length > 0) g[^1] = carried;
        return T.CreateTruncating(f);
    }
}
