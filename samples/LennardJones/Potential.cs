using AutoDiffLbfgs;

/// <summary>The cluster energy, written as plain C#: the generator emits its gradient (−forces) at compile time.</summary>
public static partial class Potential
{
    /// <summary>Lennard-Jones energy E = Σ_{i&lt;j} 4ε[(σ/r)¹² − (σ/r)⁶] over atom-major positions (x₀, y₀, z₀, x₁, …).</summary>
    [Objective]
    public static double LennardJones(ReadOnlySpan<double> x, double epsilon, double sigma)
    {
        int atoms = x.Length / 3;
        double sigma2 = sigma * sigma, e = 0;
        for (int i = 0; i < atoms; i++)
        {
            for (int j = i + 1; j < atoms; j++)
            {
                double dx = x[3 * i] - x[3 * j], dy = x[3 * i + 1] - x[3 * j + 1], dz = x[3 * i + 2] - x[3 * j + 2];
                double s2 = sigma2 / (dx * dx + dy * dy + dz * dz);
                double s6 = s2 * s2 * s2;
                e += s6 * s6 - s6;
            }
        }
        return 4 * epsilon * e;
    }
}
