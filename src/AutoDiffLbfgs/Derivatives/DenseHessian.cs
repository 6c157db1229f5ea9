using System.Numerics;

namespace AutoDiffLbfgs;

/// <summary>
/// Builds the dense Hessian of a small problem from n generated Hessian-vector products (one per unit vector).
/// Cost: n HVPs, about 2n gradients; memory n². Meant for small n: uncertainties of fitted parameters, checking
/// second-order conditions, Newton steps on a handful of variables.
/// </summary>
public static class DenseHessian
{
    /// <summary>
    /// Writes ∇²f(x) into <paramref name="hessian"/>, row-major n×n (n = <paramref name="x"/>.Length). Column j is
    /// ∇²f(x)·eⱼ; the exact HVP makes the result symmetric up to rounding, and it is returned as computed (not symmetrized).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="hessian"/> does not have n² entries.</exception>
    public static void Compute<T, TObjective>(TObjective objective, ReadOnlySpan<T> x, Span<T> hessian)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TObjective : ITwiceDifferentiableObjective<T>, allows ref struct
    {
        int n = x.Length;
        if (hessian.Length != n * n)
        {
            throw new ArgumentException($"The Hessian needs {n}×{n} = {n * n} entries; it has {hessian.Length}.", nameof(hessian));
        }
        var unit = new T[n];
        var column = new T[n];
        for (int j = 0; j < n; j++)
        {
            unit[j] = T.One;
            objective.HessianVectorProduct(x, unit, column);
            unit[j] = T.Zero;
            for (int i = 0; i < n; i++) hessian[i * n + j] = column[i];
        }
    }

    /// <summary>Returns ∇²f(x) as a new n×n array.</summary>
    public static T[,] Compute<T, TObjective>(TObjective objective, ReadOnlySpan<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TObjective : ITwiceDifferentiableObjective<T>, allows ref struct
    {
        int n = x.Length;
        var flat = new T[n * n];
        Compute(objective, x, flat);
        var result = new T[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++) result[i, j] = flat[i * n + j];
        }
        return result;
    }
}
