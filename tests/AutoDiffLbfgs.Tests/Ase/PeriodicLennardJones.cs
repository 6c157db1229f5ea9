using AutoDiffLbfgs.Ase;

namespace AutoDiffLbfgs.Tests.Ase;

/// <summary>
/// ASE 3.22's <c>LennardJones(sigma, epsilon, rc, ro, smooth)</c> energy over a <see cref="PeriodicPairList"/>,
/// written once as an <c>[Objective]</c>: forces come from the generator. ASE (<c>ase/calculators/lj.py</c>): a pair
/// with r² &gt; rc² contributes nothing; otherwise u = 4ε[(σ²/r²)⁶ − (σ²/r²)³], minus u(rc) when not smooth, or times
/// the cutoff function of r² when smooth: 1 below ro², (rc² − r²)²(rc² + 2r² − 3ro²)/(rc² − ro²)³ up to rc², 0 above.
/// </summary>
public static partial class PeriodicLennardJones
{
    [Objective]
    public static double Energy(ReadOnlySpan<double> x, int[] first, int[] second, double[] shifts, int count,
        double epsilon, double sigma, double rc, double ro, bool smooth)
    {
        double rc2 = rc * rc, ro2 = ro * ro, sigma2 = sigma * sigma;
        double src6 = sigma2 * sigma2 * sigma2 / (rc2 * rc2 * rc2);
        double e0 = 4.0 * epsilon * (src6 * src6 - src6);
        double e = 0.0;
        for (int p = 0; p < count; p++)
        {
            int i = first[p], j = second[p];
            double dx = x[3 * j] + shifts[3 * p] - x[3 * i];
            double dy = x[3 * j + 1] + shifts[3 * p + 1] - x[3 * i + 1];
            double dz = x[3 * j + 2] + shifts[3 * p + 2] - x[3 * i + 2];
            double r2 = dx * dx + dy * dy + dz * dz;
            if (r2 <= rc2) e += PairEnergy(r2, epsilon, sigma2, rc2, ro2, e0, smooth);
        }
        return e;
    }

    /// <summary>One pair's energy at r² ≤ rc², as ASE computes it (see the type's summary); shared with <see cref="PeriodicLennardJonesCell"/>.</summary>
    internal static double PairEnergy(double r2, double epsilon, double sigma2, double rc2, double ro2, double e0, bool smooth)
    {
        double s2 = sigma2 / r2;
        double c6 = s2 * s2 * s2;
        double u = 4.0 * epsilon * (c6 * c6 - c6);
        if (smooth)
        {
            if (r2 >= ro2)
            {
                double w = rc2 - r2;
                double d = rc2 - ro2;
                u = u * (w * w * (rc2 + 2.0 * r2 - 3.0 * ro2) / (d * d * d));
            }
        }
        else
        {
            u = u - e0;
        }
        return u;
    }
}

/// <summary>
/// The same energy with the cell as variables too, for the cell filters: v holds the 3N positions, then the 9 cell
/// entries (rows a, b, c), and a pair's image shift n·cell is formed here from its whole-number offsets, so the
/// generated gradient holds −forces and ∂E/∂cell together (the filter turns them into the virial).
/// </summary>
public static partial class PeriodicLennardJonesCell
{
    [Objective]
    public static double Energy(ReadOnlySpan<double> v, int atoms, int[] first, int[] second, double[] offsets, int count,
        double epsilon, double sigma, double rc, double ro, bool smooth)
    {
        int c = 3 * atoms;
        double rc2 = rc * rc, ro2 = ro * ro, sigma2 = sigma * sigma;
        double src6 = sigma2 * sigma2 * sigma2 / (rc2 * rc2 * rc2);
        double e0 = 4.0 * epsilon * (src6 * src6 - src6);
        double e = 0.0;
        for (int p = 0; p < count; p++)
        {
            int i = first[p], j = second[p];
            double na = offsets[3 * p], nb = offsets[3 * p + 1], nc = offsets[3 * p + 2];
            double dx = v[3 * j] + na * v[c] + nb * v[c + 3] + nc * v[c + 6] - v[3 * i];
            double dy = v[3 * j + 1] + na * v[c + 1] + nb * v[c + 4] + nc * v[c + 7] - v[3 * i + 1];
            double dz = v[3 * j + 2] + na * v[c + 2] + nb * v[c + 5] + nc * v[c + 8] - v[3 * i + 2];
            double r2 = dx * dx + dy * dy + dz * dz;
            if (r2 <= rc2) e += PeriodicLennardJones.PairEnergy(r2, epsilon, sigma2, rc2, ro2, e0, smooth);
        }
        return e;
    }
}

/// <summary>
/// <see cref="PeriodicLennardJonesCell"/> with its pair list kept up to date: rebuilt when an atom moves more than
/// skin/2 or the cell changes at all, as ASE's neighbour list is.
/// </summary>
internal sealed class PeriodicLennardJonesCellObjective(int atoms, double[] cell, bool[] pbc, double rc = 2.5, double? ro = null,
    bool smooth = false, double epsilon = 1.0, double sigma = 1.0) : IDifferentiableObjective<double>
{
    public PeriodicPairList Pairs { get; } = new(cell, pbc, rc);
    private readonly double _ro = ro ?? 0.66 * rc;

    public double Value(ReadOnlySpan<double> v)
    {
        Pairs.Update(v[..(3 * atoms)], v[(3 * atoms)..]);
        return PeriodicLennardJonesCell.Energy(v, atoms, Pairs.First, Pairs.Second, Pairs.Offsets, Pairs.Count, epsilon, sigma, rc, _ro, smooth);
    }

    public double ValueAndGradient(ReadOnlySpan<double> v, Span<double> gradient)
    {
        Pairs.Update(v[..(3 * atoms)], v[(3 * atoms)..]);
        return PeriodicLennardJonesCell.EnergyGradient(v, gradient, atoms, Pairs.First, Pairs.Second, Pairs.Offsets, Pairs.Count,
            epsilon, sigma, rc, _ro, smooth);
    }
}

/// <summary>The generated periodic Lennard-Jones with its pair list kept up to date (rebuilt when atoms move).</summary>
internal sealed class PeriodicLennardJonesObjective(double[] cell, bool[] pbc, double rc = 3.0, double? ro = null,
    bool smooth = false, double epsilon = 1.0, double sigma = 1.0) : IDifferentiableObjective<double>
{
    public PeriodicPairList Pairs { get; } = new(cell, pbc, rc);
    private readonly double _ro = ro ?? 0.66 * rc;

    public double Value(ReadOnlySpan<double> x)
    {
        Pairs.Update(x);
        return PeriodicLennardJones.Energy(x, Pairs.First, Pairs.Second, Pairs.Shifts, Pairs.Count, epsilon, sigma, rc, _ro, smooth);
    }

    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        Pairs.Update(x);
        return PeriodicLennardJones.EnergyGradient(x, gradient, Pairs.First, Pairs.Second, Pairs.Shifts, Pairs.Count,
            epsilon, sigma, rc, _ro, smooth);
    }
}
