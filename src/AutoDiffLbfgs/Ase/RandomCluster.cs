namespace AutoDiffLbfgs.Ase;

/// <summary>
/// Random starting geometries for cluster relaxations: atoms placed uniformly in a cube, each kept only if it is at
/// least a minimum distance from those already placed (random sequential addition). Reproducible for a given seed.
/// </summary>
public static class RandomCluster
{
    /// <summary>Returns 3 × <paramref name="atoms"/> coordinates, atom-major, in [0, edge)³ with edge = (atoms/density)^(1/3).</summary>
    /// <param name="atoms">Number of atoms; 1 to 100,000.</param>
    /// <param name="seed">Seed of <see cref="Random"/>; the same seed gives the same cluster.</param>
    /// <param name="density">Atoms per unit volume (σ⁻³ for Lennard-Jones). Default 0.5; range (0, 1].</param>
    /// <param name="minimumDistance">Smallest allowed pair distance. Default 0.9 (σ units); range [0, 1].</param>
    public static double[] Create(int atoms, int seed, double density = 0.5, double minimumDistance = 0.9)
    {
        if (atoms < 1 || atoms > 100_000)
            throw new ArgumentOutOfRangeException(nameof(atoms), atoms, "atoms must be in [1, 100000].");
        if (!(density > 0.0 && density <= 1.0))
            throw new ArgumentOutOfRangeException(nameof(density), density, "density must be in (0, 1].");
        if (!(minimumDistance >= 0.0 && minimumDistance <= 1.0))
            throw new ArgumentOutOfRangeException(nameof(minimumDistance), minimumDistance, "minimumDistance must be in [0, 1].");

        var random = new Random(seed);
        double edge = Math.Cbrt(atoms / density), min2 = minimumDistance * minimumDistance;
        var x = new double[3 * atoms];
        int placed = 0;
        while (placed < atoms)
        {
            double px = edge * random.NextDouble(), py = edge * random.NextDouble(), pz = edge * random.NextDouble();
            bool clear = true;
            for (int j = 0; j < placed && clear; j++)
            {
                double dx = px - x[3 * j], dy = py - x[3 * j + 1], dz = pz - x[3 * j + 2];
                clear = dx * dx + dy * dy + dz * dz >= min2;
            }
            if (!clear) continue;
            x[3 * placed] = px;
            x[3 * placed + 1] = py;
            x[3 * placed + 2] = pz;
            placed++;
        }
        return x;
    }
}
