namespace AutoDiffLbfgs.Benchmarks;

/// <summary>The Lennard-Jones cluster energy (ε = σ = 1, all pairs) written as plain C#; the generator emits its gradient.</summary>
public static partial class AseLennardJones
{
    /// <summary>E = Σ_{i&lt;j} 4(r⁻¹² − r⁻⁶) over atom-major positions.</summary>
    [Objective]
    public static double Energy(ReadOnlySpan<double> x)
    {
        int n = x.Length / 3;
        double e = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                double dx = x[3 * i] - x[3 * j], dy = x[3 * i + 1] - x[3 * j + 1], dz = x[3 * i + 2] - x[3 * j + 2];
                double ir2 = 1 / (dx * dx + dy * dy + dz * dz);
                double ir6 = ir2 * ir2 * ir2;
                e += ir6 * ir6 - ir6;
            }
        }
        return 4 * e;
    }
}
