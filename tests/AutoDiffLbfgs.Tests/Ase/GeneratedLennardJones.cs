namespace AutoDiffLbfgs.Tests.Ase;

/// <summary>The Lennard-Jones energy written as an [Objective]: its generated gradient drives an ASE relaxation.</summary>
public static partial class GeneratedLennardJones
{
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
