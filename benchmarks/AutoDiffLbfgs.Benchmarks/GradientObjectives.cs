namespace AutoDiffLbfgs.Benchmarks;

/// <summary>
/// The objectives of <see cref="GradientBenchmarks"/>, written the way a user would; their gradients are generated.
/// </summary>
public static partial class GradientObjectives
{
    /// <summary>Extended Rosenbrock (Moré, Garbow, Hillstrom 1981, problem 21); <c>x.Length</c> even.</summary>
    [Objective]
    public static double ExtendedRosenbrock(ReadOnlySpan<double> x)
    {
        double sum = 0.0;
        for (int i = 0; i < x.Length / 2; i++)
        {
            double t1 = 10.0 * (x[2 * i + 1] - x[2 * i] * x[2 * i]);
            double t2 = 1.0 - x[2 * i];
            sum += t1 * t1 + t2 * t2;
        }

        return sum;
    }

    /// <summary>Lennard-Jones cluster energy (ε = σ = 1) over flat coordinates (x0, y0, z0, x1, …).</summary>
    [Objective]
    public static double LennardJones(ReadOnlySpan<double> x)
    {
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
            }
        }

        return energy;
    }
}
