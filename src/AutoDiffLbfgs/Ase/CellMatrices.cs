namespace AutoDiffLbfgs.Ase;

/// <summary>
/// Dense row-major n×n matrix helpers for the cell filters (n = 3, and 6 for the block matrix of ExpCellFilter's
/// Fréchet derivative): product, 3×3 inverse and determinant, the matrix exponential and the 3×3 matrix logarithm.
/// Scratch lives on the stack, so none of them allocates.
/// </summary>
internal static class CellMatrices
{
    /// <summary>Largest n the stack scratch of <see cref="Exp"/> is sized for.</summary>
    public const int MaxOrder = 6;

    /// <summary>c ← a·b for n×n matrices; c must not overlap a or b.</summary>
    public static void Multiply(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int n)
    {
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double s = 0.0;
                for (int k = 0; k < n; k++) s += a[i * n + k] * b[k * n + j];
                c[i * n + j] = s;
            }
    }

    /// <summary>Determinant of a 3×3 matrix.</summary>
    public static double Determinant3(ReadOnlySpan<double> m) =>
        m[0] * (m[4] * m[8] - m[5] * m[7]) + m[1] * (m[5] * m[6] - m[3] * m[8]) + m[2] * (m[3] * m[7] - m[4] * m[6]);

    /// <summary>Inverse of a 3×3 matrix by cofactors; false (and <paramref name="inverse"/> unspecified) when singular.</summary>
    public static bool Invert3(ReadOnlySpan<double> m, Span<double> inverse)
    {
        double det = Determinant3(m);
        if (!(Math.Abs(det) > 0.0) || !double.IsFinite(det)) return false;
        double r = 1.0 / det;
        inverse[0] = (m[4] * m[8] - m[5] * m[7]) * r; inverse[1] = (m[2] * m[7] - m[1] * m[8]) * r; inverse[2] = (m[1] * m[5] - m[2] * m[4]) * r;
        inverse[3] = (m[5] * m[6] - m[3] * m[8]) * r; inverse[4] = (m[0] * m[8] - m[2] * m[6]) * r; inverse[5] = (m[2] * m[3] - m[0] * m[5]) * r;
        inverse[6] = (m[3] * m[7] - m[4] * m[6]) * r; inverse[7] = (m[1] * m[6] - m[0] * m[7]) * r; inverse[8] = (m[0] * m[4] - m[1] * m[3]) * r;
        return true;
    }

    /// <summary>
    /// result ← exp(a) for an n×n matrix (n ≤ <see cref="MaxOrder"/>) by scaling and squaring: a/2^s with ‖a/2^s‖₁ ≤ ½,
    /// its Taylor series to degree 24 (truncation below 1e-30 relative), then s squarings (Higham, <i>Functions of
    /// Matrices</i>, 2008, §10.3). Accurate to a few ulps of ‖exp(a)‖ for the small strains a cell filter sees; scipy's
    /// Padé variant of the same method rounds differently, so the two agree to rounding, not bit for bit.
    /// </summary>
    public static void Exp(ReadOnlySpan<double> a, Span<double> result, int n)
    {
        int size = n * n;
        double norm = 0.0;
        for (int j = 0; j < n; j++)
        {
            double column = 0.0;
            for (int i = 0; i < n; i++) column += Math.Abs(a[i * n + j]);
            norm = Math.Max(norm, column);
        }
        int squarings = norm > 0.5 ? (int)Math.Ceiling(Math.Log2(norm / 0.5)) : 0;
        double scale = Math.ScaleB(1.0, -squarings);

        Span<double> scaled = stackalloc double[MaxOrder * MaxOrder];
        Span<double> term = stackalloc double[MaxOrder * MaxOrder];
        Span<double> next = stackalloc double[MaxOrder * MaxOrder];
        for (int k = 0; k < size; k++) scaled[k] = a[k] * scale;
        // Horner form: exp(X) ≈ I + X(I + X/2 (I + X/3 (… (I + X/24)))).
        const int degree = 24;
        term[..size].Clear();
        for (int i = 0; i < n; i++) term[i * n + i] = 1.0;
        for (int d = degree; d >= 1; d--)
        {
            Multiply(scaled, term, next, n);
            double inv = 1.0 / d;
            for (int k = 0; k < size; k++) term[k] = next[k] * inv;
            for (int i = 0; i < n; i++) term[i * n + i] += 1.0;
        }
        for (int s = 0; s < squarings; s++)
        {
            Multiply(term, term, next, n);
            next[..size].CopyTo(term);
        }
        term[..size].CopyTo(result);
    }

    /// <summary>
    /// result ← log(m), the principal logarithm of a 3×3 matrix with no eigenvalue on the closed negative real axis,
    /// by inverse scaling and squaring: square roots (Denman–Beavers iteration) until ‖m^(1/2^k) − I‖₁ ≤ ¼, the series
    /// of log(I + X) there, times 2^k (Higham 2008, §11.5). Returns false when the square roots do not converge.
    /// </summary>
    public static bool Log3(ReadOnlySpan<double> m, Span<double> result)
    {
        Span<double> root = stackalloc double[9];
        Span<double> z = stackalloc double[9];
        Span<double> inverse = stackalloc double[9];
        Span<double> zInverse = stackalloc double[9];
        m[..9].CopyTo(root);
        int roots = 0;
        while (DistanceFromIdentity(root) > 0.25)
        {
            if (roots == 60) return false;
            // Denman–Beavers: Y ← (Y + Z⁻¹)/2, Z ← (Z + Y⁻¹)/2 from Y = m, Z = I converges to m^½ and m^-½.
            z.Clear();
            z[0] = z[4] = z[8] = 1.0;
            for (int iteration = 0; iteration < 100; iteration++)
            {
                if (!Invert3(root, inverse) || !Invert3(z, zInverse)) return false;
                double change = 0.0;
                for (int k = 0; k < 9; k++)
                {
                    double nextRoot = 0.5 * (root[k] + zInverse[k]);
                    change = Math.Max(change, Math.Abs(nextRoot - root[k]));
                    root[k] = nextRoot;
                    z[k] = 0.5 * (z[k] + inverse[k]);
                }
                if (change <= 4e-16 * Math.Max(1.0, MaxAbs(root))) break;
            }
            roots++;
        }

        // log(I + X) = X − X²/2 + X³/3 − …; with ‖X‖₁ ≤ ¼, 40 terms leave less than 1e-25.
        Span<double> x = stackalloc double[9];
        Span<double> power = stackalloc double[9];
        Span<double> next = stackalloc double[9];
        root.CopyTo(x);
        x[0] -= 1.0; x[4] -= 1.0; x[8] -= 1.0;
        x.CopyTo(power);
        result[..9].Clear();
        for (int k = 1; k <= 40; k++)
        {
            double c = (k % 2 == 1 ? 1.0 : -1.0) / k;
            for (int e = 0; e < 9; e++) result[e] += c * power[e];
            Multiply(power, x, next, 3);
            next.CopyTo(power);
        }
        double factor = Math.ScaleB(1.0, roots);
        for (int e = 0; e < 9; e++) result[e] *= factor;
        return true;
    }

    private static double DistanceFromIdentity(ReadOnlySpan<double> m)
    {
        double norm = 0.0;
        for (int j = 0; j < 3; j++)
        {
            double column = 0.0;
            for (int i = 0; i < 3; i++) column += Math.Abs(m[i * 3 + j] - (i == j ? 1.0 : 0.0));
            norm = Math.Max(norm, column);
        }
        return norm;
    }

    private static double MaxAbs(ReadOnlySpan<double> m)
    {
        double max = 0.0;
        foreach (double v in m) max = Math.Max(max, Math.Abs(v));
        return max;
    }
}
