namespace AutoDiffLbfgs.Ase;

/// <summary>
/// The Lennard-Jones energy of a free cluster, E = Σ_{i&lt;j} 4ε[(σ/r_ij)¹² − (σ/r_ij)⁶], over all pairs (no cutoff,
/// no shift), with its analytic gradient. Positions are atom-major (x₀, y₀, z₀, x₁, …). This is ASE's
/// <c>LennardJones(epsilon, sigma, rc=large, smooth=False)</c> up to ASE's constant per-pair shift −u(rc), which
/// changes the energy by a tiny constant and the forces not at all. A reference potential for tests, benchmarks and
/// samples; O(N²) per evaluation.
/// </summary>
public readonly struct LennardJonesObjective : IDifferentiableObjective<double>
{
    /// <summary>Creates the potential.</summary>
    /// <param name="epsilon">Well depth ε; positive and finite. Default 1.</param>
    /// <param name="sigma">Distance σ where the pair energy is zero; positive and finite. Default 1.</param>
    public LennardJonesObjective(double epsilon = 1.0, double sigma = 1.0)
    {
        if (!(epsilon > 0.0 && double.IsFinite(epsilon)))
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "epsilon must be positive and finite.");
        if (!(sigma > 0.0 && double.IsFinite(sigma)))
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "sigma must be positive and finite.");
        Epsilon = epsilon;
        Sigma = sigma;
    }

    /// <summary>Well depth ε (1 for <c>default</c>).</summary>
    public double Epsilon { get; }

    /// <summary>Length scale σ (1 for <c>default</c>).</summary>
    public double Sigma { get; }

    // A default(LennardJonesObjective) has zero fields; treat it as ε = σ = 1.
    private double Eps => Epsilon == 0.0 ? 1.0 : Epsilon;
    private double Sig => Sigma == 0.0 ? 1.0 : Sigma;

    /// <summary>Returns the energy. <paramref name="x"/> holds 3 coordinates per atom.</summary>
    public double Value(ReadOnlySpan<double> x)
    {
        CheckLength(x.Length);
        double sigma2 = Sig * Sig, energy = 0.0;
        int atoms = x.Length / 3;
        for (int i = 0; i < atoms; i++)
        {
            double xi = x[3 * i], yi = x[3 * i + 1], zi = x[3 * i + 2];
            for (int j = i + 1; j < atoms; j++)
            {
                double dx = xi - x[3 * j], dy = yi - x[3 * j + 1], dz = zi - x[3 * j + 2];
                double sr2 = sigma2 / (dx * dx + dy * dy + dz * dz);
                double sr6 = sr2 * sr2 * sr2;
                energy += sr6 * sr6 - sr6;
            }
        }
        return 4.0 * Eps * energy;
    }

    /// <summary>Returns the energy and writes its gradient (−forces) into <paramref name="gradient"/>.</summary>
    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        CheckLength(x.Length);
        if (gradient.Length != x.Length) throw new ArgumentException("The gradient must have the length of x.", nameof(gradient));
        gradient.Clear();
        double sigma2 = Sig * Sig, energy = 0.0;
        int atoms = x.Length / 3;
        for (int i = 0; i < atoms; i++)
        {
            double xi = x[3 * i], yi = x[3 * i + 1], zi = x[3 * i + 2];
            double gx = 0.0, gy = 0.0, gz = 0.0;
            for (int j = i + 1; j < atoms; j++)
            {
                double dx = xi - x[3 * j], dy = yi - x[3 * j + 1], dz = zi - x[3 * j + 2];
                double r2inv = 1.0 / (dx * dx + dy * dy + dz * dz);
                double sr2 = sigma2 * r2inv;
                double sr6 = sr2 * sr2 * sr2;
                double sr12 = sr6 * sr6;
                energy += sr12 - sr6;
                // dE/dr · (1/r) for the pair, without the 4ε factor: (−12 sr12 + 6 sr6) / r².
                double w = (6.0 * sr6 - 12.0 * sr12) * r2inv;
                gx += w * dx;
                gy += w * dy;
                gz += w * dz;
                gradient[3 * j] -= w * dx;
                gradient[3 * j + 1] -= w * dy;
                gradient[3 * j + 2] -= w * dz;
            }
            gradient[3 * i] += gx;
            gradient[3 * i + 1] += gy;
            gradient[3 * i + 2] += gz;
        }
        double scale = 4.0 * Eps;
        for (int k = 0; k < gradient.Length; k++) gradient[k] *= scale;
        return scale * energy;
    }

    private static void CheckLength(int length)
    {
        if (length % 3 != 0) throw new ArgumentException("Positions must hold 3 coordinates per atom.", "x");
    }
}
