using System.Numerics;
using AutoDiffLbfgs.Numerics;

namespace AutoDiffLbfgs;

/// <summary>
/// The gradient test every solver mode stops on: ‖g‖ ≤ max(ε_abs, ε_rel·max(1, ‖x‖₂)), for the solver's measure of g
/// (‖∇f‖₂ in the classic and Newton solvers; the projected gradient's ∞-norm in L-BFGS-B; ‖◇F‖₂ in OWL-QN).
/// </summary>
internal static class GradientTest
{
    /// <summary>Whether <paramref name="gradientNorm"/> passes; ‖x‖² may be given when a sweep already formed it (NaN: compute it).</summary>
    public static bool Converged<T>(double absoluteTolerance, double relativeTolerance, double gradientNorm, ReadOnlySpan<T> x, double squaredNorm = double.NaN)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (gradientNorm <= absoluteTolerance) return true;
        if (relativeTolerance == 0) return false;
        double norm = double.IsNaN(squaredNorm) ? VectorMath.Norm2Double(x) : VectorMath.Norm2Double(x, squaredNorm);
        return gradientNorm <= relativeTolerance * Math.Max(1, norm);
    }
}
