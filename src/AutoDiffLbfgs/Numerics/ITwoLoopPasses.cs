using System.Numerics;

namespace AutoDiffLbfgs.Numerics;

/// <summary>
/// The sweeps of the fused two-loop recursion over a working vector z that the implementation holds (with the
/// vector q it starts from). <see cref="LbfgsHistory{T}"/> drives the recursion through this interface, so the
/// public span path and the solver's chunked (optionally multi-threaded) path run the same sequence of operations.
/// </summary>
/// <typeparam name="T"><see cref="double"/> or <see cref="float"/>.</typeparam>
internal interface ITwoLoopPasses<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>z ← q; returns wᵀz.</summary>
    double CopyDot(T[] w);

    /// <summary>z ← z + a·y; returns wᵀz.</summary>
    double AxpyDot(T a, T[] y, T[] w);

    /// <summary>z ← h·(z + a·y); returns wᵀz.</summary>
    double AxpyScaleDot(T a, T[] y, T h, T[] w);

    /// <summary>The last update with s: z ← z + a·s (or the variant the implementation documents); returns its inner product or 0.</summary>
    double Finish(T a, T[] s);
}
