namespace AutoDiffLbfgs.Ase;

/// <summary>
/// Per-atom norms over groups of consecutive coordinates, summed in the order numpy's <c>(v**2).sum(axis=1)</c> uses
/// for an N×3 array: ((v₀² + v₁²) + v₂²). Keeping that order keeps the maxstep scaling and the convergence test on
/// the same side of their thresholds as ASE.
/// </summary>
internal static class AtomNorms
{
    /// <summary>Returns the largest squared group norm, max over atoms of ‖v_atom‖²; NaN if any entry is NaN.</summary>
    public static double MaxSquared(ReadOnlySpan<double> v, int groupSize)
    {
        double max = 0.0;
        if (groupSize == 3)
        {
            for (int i = 0; i + 2 < v.Length; i += 3)
            {
                double a = v[i], b = v[i + 1], c = v[i + 2];
                double sq = a * a + b * b + c * c;
                if (sq > max || double.IsNaN(sq)) max = sq;
                if (double.IsNaN(max)) return max;
            }
            return max;
        }
        for (int i = 0; i < v.Length; i++)
        {
            double sq = v[i] * v[i];
            if (sq > max || double.IsNaN(sq)) max = sq;
            if (double.IsNaN(max)) return max;
        }
        return max;
    }
}
