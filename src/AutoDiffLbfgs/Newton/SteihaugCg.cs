using System.Numerics;
using AutoDiffLbfgs.Numerics;

namespace AutoDiffLbfgs.Newton;

/// <summary>What one truncated-CG solve of the Newton system did.</summary>
/// <param name="Iterations">CG iterations (one Hessian-vector product each).</param>
/// <param name="NegativeCurvature">A direction with dᵀBd ≤ 0 ended the CG.</param>
/// <param name="OnBoundary">The step was cut at the trust-region boundary.</param>
/// <param name="NonFinite">A Hessian-vector product was NaN or infinite; the step is unusable.</param>
/// <param name="ModelChange">m(z) − f = ∇fᵀz + ½zᵀBz, tracked through the iterations (no extra product).</param>
/// <param name="StepNorm">‖z‖₂.</param>
internal readonly record struct CgOutcome(int Iterations, bool NegativeCurvature, bool OnBoundary, bool NonFinite, double ModelChange, double StepNorm);

/// <summary>
/// Truncated conjugate gradients for B z = −g with B = ∇²f(x) applied by the objective's Hessian-vector product:
/// Steihaug's method (T. Steihaug, SIAM J. Numer. Anal. 20(3), 1983; Nocedal &amp; Wright Alg. 7.2) for a finite radius,
/// the inner loop of line-search Newton–CG (N&amp;W Alg. 7.1) for an infinite one. Allocation-free: the caller owns the
/// three work vectors.
/// </summary>
internal static class SteihaugCg
{
    /// <summary>Runs CG from z₀ = 0 until ‖r‖ ≤ tolerance, negative curvature, the boundary ‖z‖ = radius or maxIterations.</summary>
    /// <param name="objective">Supplies B·d.</param>
    /// <param name="x">The point of the Hessian.</param>
    /// <param name="gradient">g = ∇f(x).</param>
    /// <param name="radius">Δ; <see cref="double.PositiveInfinity"/> for the line-search variant.</param>
    /// <param name="tolerance">The forcing term η‖g‖ of the residual test.</param>
    /// <param name="maxIterations">At least 1.</param>
    /// <param name="z">Receives the step.</param>
    /// <param name="r">Work: the residual Bz + g.</param>
    /// <param name="d">Work: the search direction.</param>
    /// <param name="bd">Work: B·d.</param>
    public static CgOutcome Solve<T, TObjective>(
        ref TObjective objective, ReadOnlySpan<T> x, ReadOnlySpan<T> gradient, double radius, double tolerance, int maxIterations,
        Span<T> z, Span<T> r, Span<T> d, Span<T> bd)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TObjective : ITwiceDifferentiableObjective<T>, allows ref struct
    {
        z.Clear();
        gradient.CopyTo(r);
        gradient.CopyTo(d);
        VectorMath.Scale(-T.One, d);
        double rr = VectorMath.DotDouble<T>(r, r);
        double zz = 0, model = 0;
        bool bounded = double.IsFinite(radius);
        for (int j = 0; j < maxIterations; j++)
        {
            objective.HessianVectorProduct(x, d, bd);
            double dBd = VectorMath.DotDouble<T>(d, bd);
            if (!double.IsFinite(dBd)) return new CgOutcome(j + 1, false, false, true, model, Math.Sqrt(zz));
            double rd = VectorMath.DotDouble<T>(r, d);
            double dd = VectorMath.DotDouble<T>(d, d);
            double zd = VectorMath.DotDouble<T>(z, d);
            if (dBd <= 0)
            {
                if (bounded)
                {
                    // N&W Alg. 7.2: follow d to the boundary, where the model keeps decreasing.
                    double tau = BoundaryStep(zz, zd, dd, radius);
                    VectorMath.Axpy(T.CreateTruncating(tau), d, z);
                    model += tau * rd + 0.5 * tau * tau * dBd;
                    return new CgOutcome(j + 1, true, true, false, model, radius);
                }
                if (j == 0)
                {
                    // N&W Alg. 7.1 takes −g when the first direction has non-positive curvature; scaled by
                    // ‖g‖²/|gᵀBg| (as scipy's Newton-CG) so the line search starts at a sensible length.
                    double scale = dBd < 0 ? rr / -dBd : 1 / Math.Sqrt(rr);
                    VectorMath.AddScaled(z, T.CreateTruncating(scale), d, z);
                    return new CgOutcome(1, true, false, false, double.NaN, scale * Math.Sqrt(dd));
                }
                return new CgOutcome(j + 1, true, false, false, model, Math.Sqrt(zz));
            }

            double alpha = rr / dBd;
            double zzNext = zz + 2 * alpha * zd + alpha * alpha * dd;
            if (bounded && zzNext >= radius * radius)
            {
                double tau = BoundaryStep(zz, zd, dd, radius);
                VectorMath.Axpy(T.CreateTruncating(tau), d, z);
                model += tau * rd + 0.5 * tau * tau * dBd;
                return new CgOutcome(j + 1, false, true, false, model, radius);
            }
            VectorMath.Axpy(T.CreateTruncating(alpha), d, z);
            VectorMath.Axpy(T.CreateTruncating(alpha), bd, r);
            model += alpha * rd + 0.5 * alpha * alpha * dBd;
            zz = zzNext;
            double rrNext = VectorMath.DotDouble<T>(r, r);
            if (Math.Sqrt(rrNext) <= tolerance) return new CgOutcome(j + 1, false, false, false, model, Math.Sqrt(zz));

            // d ← −r + βd with β = rᵀr(new)/rᵀr(old) (Fletcher–Reeves form of CG, N&W eq. 5.24d).
            VectorMath.Scale(T.CreateTruncating(rrNext / rr), d);
            VectorMath.Axpy(-T.One, r, d);
            rr = rrNext;
        }
        return new CgOutcome(maxIterations, false, false, false, model, Math.Sqrt(zz));
    }

    /// <summary>The τ ≥ 0 with ‖z + τd‖ = Δ, in the cancellation-free form of the quadratic's positive root.</summary>
    private static double BoundaryStep(double zz, double zd, double dd, double radius)
    {
        double gap = Math.Max(radius * radius - zz, 0);
        double root = Math.Sqrt(zd * zd + dd * gap);
        return zd > 0 ? gap / (zd + root) : (root - zd) / dd;
    }
}
