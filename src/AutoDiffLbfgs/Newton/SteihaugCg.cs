using System.Numerics;
using AutoDiffLbfgs.Numerics;

namespace AutoDiffLbfgs.Newton;

/// <summary>What one truncated-CG solve of the Newton system did.</summary>
/// <param name="Iterations">CG iterations (one Hessian-vector product each).</param>
/// <param name="NegativeCurvature">A direction with dᵀBd ≤ 0 ended the CG.</param>
/// <param name="OnBoundary">The step was cut at the trust-region boundary.</param>
/// <param name="NonFinite">A Hessian-vector product was NaN or infinite; the step is unusable.</param>
/// <param name="ModelChange">m(z) − f = ∇fᵀz + ½zᵀBz, tracked through the iterations (no extra product).</param>
internal readonly record struct CgOutcome(int Iterations, bool NegativeCurvature, bool OnBoundary, bool NonFinite, double ModelChange);

/// <summary>
/// Truncated conjugate gradients for B z = −g with B = ∇²f(x) applied by the objective's Hessian-vector product:
/// Steihaug's method (T. Steihaug, SIAM J. Numer. Anal. 20(3), 1983; Nocedal &amp; Wright Alg. 7.2) for a finite radius,
/// the inner loop of line-search Newton–CG (N&amp;W Alg. 7.1) for an infinite one. Allocation-free: the caller owns the
/// work vectors.
/// </summary>
internal static class SteihaugCg
{
    /// <summary>Runs preconditioned CG from z₀ = 0 until ‖r‖ ≤ tolerance, negative curvature, the boundary ‖z‖<sub>M</sub> = radius or maxIterations.</summary>
    /// <param name="objective">Supplies B·d.</param>
    /// <param name="preconditioner">Supplies M⁻¹r; the identity for plain CG.</param>
    /// <param name="x">The point of the Hessian.</param>
    /// <param name="gradient">g = ∇f(x).</param>
    /// <param name="radius">Δ, in the M-norm; <see cref="double.PositiveInfinity"/> for the line-search variant.</param>
    /// <param name="tolerance">The forcing term η‖g‖ of the (Euclidean) residual test.</param>
    /// <param name="maxIterations">At least 1.</param>
    /// <param name="z">Receives the step.</param>
    /// <param name="r">Work: the residual Bz + g.</param>
    /// <param name="y">Work: M⁻¹r.</param>
    /// <param name="d">Work: the search direction.</param>
    /// <param name="bd">Work: B·d.</param>
    public static CgOutcome Solve<T, TObjective, TPreconditioner>(
        ref TObjective objective, ref TPreconditioner preconditioner, ReadOnlySpan<T> x, ReadOnlySpan<T> gradient, double radius, double tolerance,
        int maxIterations, Span<T> z, Span<T> r, Span<T> y, Span<T> d, Span<T> bd)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TObjective : ITwiceDifferentiableObjective<T>, allows ref struct
        where TPreconditioner : INewtonPreconditioner<T>, allows ref struct
    {
        z.Clear();
        gradient.CopyTo(r);
        preconditioner.Solve(r, y);
        y.CopyTo(d);
        VectorMath.Scale(-T.One, d);
        double ry = VectorMath.DotDouble<T>(r, y);
        // M-norm quantities zᵀMz, zᵀMd, dᵀMd by the recurrences of Conn, Gould & Toint (2000), §7.5.1, so M itself
        // is never applied: with z₀ = 0, d₀ = −M⁻¹g they start at 0, 0, rᵀM⁻¹r.
        double zMz = 0, zMd = 0, dMd = ry, model = 0;
        bool bounded = double.IsFinite(radius);
        for (int j = 0; j < maxIterations; j++)
        {
            objective.HessianVectorProduct(x, d, bd);
            double dBd = VectorMath.DotDouble<T>(d, bd);
            if (!double.IsFinite(dBd)) return new CgOutcome(j + 1, false, false, true, model);
            double rd = VectorMath.DotDouble<T>(r, d);
            if (dBd <= 0)
            {
                if (bounded)
                {
                    // N&W Alg. 7.2: follow d to the boundary, where the model keeps decreasing.
                    double tau = BoundaryStep(zMz, zMd, dMd, radius);
                    VectorMath.Axpy(T.CreateTruncating(tau), d, z);
                    model += tau * rd + 0.5 * tau * tau * dBd;
                    return new CgOutcome(j + 1, true, true, false, model);
                }
                if (j == 0)
                {
                    // N&W Alg. 7.1 takes the (preconditioned) steepest descent direction when the first direction has
                    // non-positive curvature, scaled by rᵀM⁻¹r/|dᵀBd| (as scipy's Newton-CG) so the line search starts
                    // at a sensible length.
                    double scale = dBd < 0 ? ry / -dBd : 1 / Math.Sqrt(VectorMath.DotDouble<T>(d, d));
                    VectorMath.Axpy(T.CreateTruncating(scale), d, z);
                    return new CgOutcome(1, true, false, false, double.NaN);
                }
                return new CgOutcome(j + 1, true, false, false, model);
            }

            double alpha = ry / dBd;
            double zMzNext = zMz + 2 * alpha * zMd + alpha * alpha * dMd;
            if (bounded && zMzNext >= radius * radius)
            {
                double tau = BoundaryStep(zMz, zMd, dMd, radius);
                VectorMath.Axpy(T.CreateTruncating(tau), d, z);
                model += tau * rd + 0.5 * tau * tau * dBd;
                return new CgOutcome(j + 1, false, true, false, model);
            }
            VectorMath.Axpy(T.CreateTruncating(alpha), d, z);
            VectorMath.Axpy(T.CreateTruncating(alpha), bd, r);
            model += alpha * rd + 0.5 * alpha * alpha * dBd;
            if (Math.Sqrt(VectorMath.DotDouble<T>(r, r)) <= tolerance) return new CgOutcome(j + 1, false, false, false, model);

            // d ← −M⁻¹r + βd with β = rᵀM⁻¹r(new)/rᵀM⁻¹r(old) (N&W Alg. 5.3).
            preconditioner.Solve(r, y);
            double ryNext = VectorMath.DotDouble<T>(r, y);
            double beta = ryNext / ry;
            zMz = zMzNext;
            zMd = beta * (zMd + alpha * dMd);
            dMd = ryNext + beta * beta * dMd;
            VectorMath.Scale(T.CreateTruncating(beta), d);
            VectorMath.Axpy(-T.One, y, d);
            ry = ryNext;
        }
        return new CgOutcome(maxIterations, false, false, false, model);
    }

    /// <summary>The τ ≥ 0 with ‖z + τd‖<sub>M</sub> = Δ, in the cancellation-free form of the quadratic's positive root.</summary>
    private static double BoundaryStep(double zMz, double zMd, double dMd, double radius)
    {
        double gap = Math.Max(radius * radius - zMz, 0);
        double root = Math.Sqrt(zMd * zMd + dMd * gap);
        return zMd > 0 ? gap / (zMd + root) : (root - zMd) / dMd;
    }
}
