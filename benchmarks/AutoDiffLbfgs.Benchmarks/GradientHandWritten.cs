namespace AutoDiffLbfgs.Benchmarks;

/// <summary>
/// Hand-written analytic value-and-gradient for the objectives of <see cref="GradientObjectives"/>: the code a careful
/// person writes without a generator, the bar the generated gradients are measured against (DESIGN.md §5: within ~1.2×).
/// </summary>
public static class GradientHandWritten
{
    /// <summary>Extended Rosenbrock and its gradient, one pass.</summary>
    public static double ExtendedRosenbrock(ReadOnlySpan<double> x, Span<double> gradient)
    {
        double sum = 0.0;
        for (int k = 0; k + 1 < x.Length; k += 2)
        {
            double x0 = x[k], x1 = x[k + 1];
            double t1 = 10.0 * (x1 - x0 * x0);
            double t2 = 1.0 - x0;
            sum += t1 * t1 + t2 * t2;
            // ∂/∂x0 (t1² + t2²) = 2 t1 (−20 x0) − 2 t2; ∂/∂x1 = 2 t1 · 10.
            gradient[k] = -40.0 * x0 * t1 - 2.0 * t2;
            gradient[k + 1] = 20.0 * t1;
        }

        if (x.Length % 2 == 1) gradient[^1] = 0.0;
        return sum;
    }

    /// <summary>Lennard-Jones energy and its gradient, one pass over the pairs.</summary>
    public static double LennardJones(ReadOnlySpan<double> x, Span<double> gradient)
    {
        gradient.Clear();
        int atoms = x.Length / 3;
        double energy = 0.0;
        for (int i = 0; i < atoms; i++)
        {
            for (int j = i + 1; j < atoms; j++)
            {
                double dx = x[3 * j] - x[3 * i];
                double dy = x[3 * j + 1] - x[3 * i + 1];
                double dz = x[3 * j + 2] - x[3 * i + 2];
                double r2 = dx * dx + dy * dy + dz * dz;
                double inv6 = 1.0 / (r2 * r2 * r2);
                energy += 4.0 * (inv6 * inv6 - inv6);
                // E = 4(r⁻¹² − r⁻⁶): dE/d(r²) = (−24 r⁻¹² + 12 r⁻⁶) / r², and d(r²)/d(dx) = 2 dx.
                double f = (-48.0 * inv6 * inv6 + 24.0 * inv6) / r2;
                gradient[3 * j] += f * dx;
                gradient[3 * j + 1] += f * dy;
                gradient[3 * j + 2] += f * dz;
                gradient[3 * i] -= f * dx;
                gradient[3 * i + 1] -= f * dy;
                gradient[3 * i + 2] -= f * dz;
            }
        }

        return energy;
    }
}
