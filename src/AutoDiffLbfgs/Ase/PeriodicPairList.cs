namespace AutoDiffLbfgs.Ase;

/// <summary>
/// The pairs of atoms, periodic images included, closer than <see cref="Cutoff"/> + <see cref="Skin"/>: a Verlet
/// list that a periodic pair potential sums over, so the potential itself (an <c>[Objective]</c>) needs no image
/// search and its gradient comes from the generator. Each unordered pair (i, j, image n) is listed once, with i ≤ j
/// and the Cartesian image shift n·cell, so that the pair's distance vector is x_j + shift − x_i; an atom's own
/// images (i = j, n ≠ 0) are listed once per ±n pair. This counts every pair interaction exactly once, as ASE's
/// <c>NeighborList(bothways=True)</c> does with its factor ½. <see cref="Update(ReadOnlySpan{double})"/> rebuilds the list only when an
/// atom has moved more than <see cref="Skin"/>/2 since the last build, as ASE's neighbour list does.
/// The build scans all pairs, O(N²) per rebuild, and any number of images (cells smaller than the cutoff included).
/// </summary>
public sealed class PeriodicPairList
{
    private readonly double[] _cell = new double[9];
    private readonly double[] _reciprocal = new double[9];
    private readonly bool[] _pbc = new bool[3];
    private double[] _built = [];
    private double[] _fractional = [];
    private int[] _first = new int[16];
    private int[] _second = new int[16];
    private double[] _shifts = new double[48];
    private double[] _offsets = new double[48];

    /// <summary>Creates an empty list; call <see cref="Update(ReadOnlySpan{double})"/> with the positions before use.</summary>
    /// <param name="cell">The cell vectors a, b, c as rows, row-major (9 numbers); must be invertible.</param>
    /// <param name="pbc">Periodicity along a, b, c (3 flags).</param>
    /// <param name="cutoff">Interaction cutoff; positive and finite.</param>
    /// <param name="skin">Extra distance listed so the list stays valid while atoms move less than skin/2; ≥ 0 and
    /// finite. Default 0.3 (ASE's).</param>
    public PeriodicPairList(ReadOnlySpan<double> cell, ReadOnlySpan<bool> pbc, double cutoff, double skin = 0.3)
    {
        if (cell.Length != 9) throw new ArgumentException("cell must hold 9 numbers (three cell vectors as rows).", nameof(cell));
        if (pbc.Length != 3) throw new ArgumentException("pbc must hold 3 flags.", nameof(pbc));
        if (!(cutoff > 0.0 && double.IsFinite(cutoff)))
            throw new ArgumentOutOfRangeException(nameof(cutoff), cutoff, "cutoff must be positive and finite.");
        if (!(skin >= 0.0 && double.IsFinite(skin)))
            throw new ArgumentOutOfRangeException(nameof(skin), skin, "skin must be non-negative and finite.");
        cell.CopyTo(_cell);
        pbc.CopyTo(_pbc);
        if (!Invert(_cell, _reciprocal))
            throw new ArgumentException("cell must be invertible (three independent cell vectors).", nameof(cell));
        Cutoff = cutoff;
        Skin = skin;
    }

    /// <summary>The interaction cutoff.</summary>
    public double Cutoff { get; }

    /// <summary>The extra distance listed beyond <see cref="Cutoff"/>.</summary>
    public double Skin { get; }

    /// <summary>Number of listed pairs.</summary>
    public int Count { get; private set; }

    /// <summary>Number of builds so far.</summary>
    public int Builds { get; private set; }

    /// <summary>First atom i of each pair (entries from <see cref="Count"/> on are unused).</summary>
    public int[] First => _first;

    /// <summary>Second atom j ≥ i of each pair.</summary>
    public int[] Second => _second;

    /// <summary>Image shift of each pair, 3 per pair (Cartesian, n·cell).</summary>
    public double[] Shifts => _shifts;

    /// <summary>
    /// Image of each pair as cell multiples n = (n_a, n_b, n_c), 3 per pair (whole numbers stored as doubles), so a
    /// potential that takes the cell as a variable forms the shift n_a·a + n_b·b + n_c·c itself.
    /// </summary>
    public double[] Offsets => _offsets;

    /// <summary>The cell the list was last built for (rows a, b, c).</summary>
    public ReadOnlySpan<double> Cell => _cell;

    /// <summary>
    /// As <see cref="Update(ReadOnlySpan{double})"/>, and also rebuilds for a new cell: when any entry of
    /// <paramref name="cell"/> differs from the cell of the last build (ASE's neighbour list rebuilds on any cell
    /// change too). Returns true when it rebuilt.
    /// </summary>
    /// <exception cref="ArgumentException">The cell does not hold 9 numbers or is singular.</exception>
    public bool Update(ReadOnlySpan<double> positions, ReadOnlySpan<double> cell)
    {
        if (cell.Length != 9) throw new ArgumentException("cell must hold 9 numbers (three cell vectors as rows).", nameof(cell));
        if (cell.SequenceEqual(_cell)) return Update(positions);
        Span<double> reciprocal = stackalloc double[9];
        if (!Invert(cell, reciprocal))
            throw new ArgumentException("cell must be invertible (three independent cell vectors).", nameof(cell));
        cell.CopyTo(_cell);
        reciprocal.CopyTo(_reciprocal);
        Build(positions);
        return true;
    }

    /// <summary>
    /// Rebuilds the list when it has never been built, the atom count changed, or an atom moved more than skin/2
    /// since the last build. Returns true when it rebuilt.
    /// </summary>
    public bool Update(ReadOnlySpan<double> positions)
    {
        if (positions.Length % 3 != 0)
            throw new ArgumentException("positions must hold 3 coordinates per atom.", nameof(positions));
        if (positions.Length == _built.Length && Builds > 0)
        {
            double limit = 0.25 * Skin * Skin;
            bool moved = false;
            for (int i = 0; i < positions.Length && !moved; i += 3)
            {
                double dx = positions[i] - _built[i], dy = positions[i + 1] - _built[i + 1], dz = positions[i + 2] - _built[i + 2];
                moved = dx * dx + dy * dy + dz * dz > limit;
            }
            if (!moved) return false;
        }
        Build(positions);
        return true;
    }

    /// <summary>Rebuilds the list for <paramref name="positions"/> unconditionally.</summary>
    public void Build(ReadOnlySpan<double> positions)
    {
        if (positions.Length % 3 != 0)
            throw new ArgumentException("positions must hold 3 coordinates per atom.", nameof(positions));
        int atoms = positions.Length / 3;
        if (_built.Length != positions.Length)
        {
            _built = new double[positions.Length];
            _fractional = new double[positions.Length];
        }
        positions.CopyTo(_built);
        double reach = Cutoff + Skin, reach2 = reach * reach;

        // Fractional coordinates f = x·cell⁻¹ and, per periodic axis, how many images the reach spans: the planes
        // of axis k are 1/|b_k| apart, b_k the k-th column of cell⁻¹.
        double[] fractional = _fractional;
        for (int a = 0; a < atoms; a++)
            for (int k = 0; k < 3; k++)
                fractional[3 * a + k] = positions[3 * a] * _reciprocal[k] + positions[3 * a + 1] * _reciprocal[3 + k]
                    + positions[3 * a + 2] * _reciprocal[6 + k];
        Span<int> span = stackalloc int[3];
        for (int k = 0; k < 3; k++)
        {
            double b = Math.Sqrt(_reciprocal[k] * _reciprocal[k] + _reciprocal[3 + k] * _reciprocal[3 + k]
                + _reciprocal[6 + k] * _reciprocal[6 + k]);
            span[k] = _pbc[k] ? (int)Math.Ceiling(reach * b + 0.5) : 0;
        }

        Count = 0;
        Span<int> centre = stackalloc int[3];
        for (int i = 0; i < atoms; i++)
        {
            for (int j = i; j < atoms; j++)
            {
                for (int k = 0; k < 3; k++)
                    centre[k] = _pbc[k] ? -(int)Math.Round(fractional[3 * j + k] - fractional[3 * i + k]) : 0;
                for (int n0 = centre[0] - span[0]; n0 <= centre[0] + span[0]; n0++)
                for (int n1 = centre[1] - span[1]; n1 <= centre[1] + span[1]; n1++)
                for (int n2 = centre[2] - span[2]; n2 <= centre[2] + span[2]; n2++)
                {
                    // An atom's own images: keep n and drop −n (lexicographically positive n only).
                    if (i == j && (n0 < 0 || (n0 == 0 && (n1 < 0 || (n1 == 0 && n2 <= 0))))) continue;
                    double sx = n0 * _cell[0] + n1 * _cell[3] + n2 * _cell[6];
                    double sy = n0 * _cell[1] + n1 * _cell[4] + n2 * _cell[7];
                    double sz = n0 * _cell[2] + n1 * _cell[5] + n2 * _cell[8];
                    double dx = positions[3 * j] + sx - positions[3 * i];
                    double dy = positions[3 * j + 1] + sy - positions[3 * i + 1];
                    double dz = positions[3 * j + 2] + sz - positions[3 * i + 2];
                    if (dx * dx + dy * dy + dz * dz >= reach2) continue;
                    Add(i, j, n0, n1, n2, sx, sy, sz);
                }
            }
        }
        Builds++;
    }

    private void Add(int i, int j, int n0, int n1, int n2, double sx, double sy, double sz)
    {
        if (Count == _first.Length)
        {
            Array.Resize(ref _first, 2 * Count);
            Array.Resize(ref _second, 2 * Count);
            Array.Resize(ref _shifts, 6 * Count);
            Array.Resize(ref _offsets, 6 * Count);
        }
        _offsets[3 * Count] = n0;
        _offsets[3 * Count + 1] = n1;
        _offsets[3 * Count + 2] = n2;
        _first[Count] = i;
        _second[Count] = j;
        _shifts[3 * Count] = sx;
        _shifts[3 * Count + 1] = sy;
        _shifts[3 * Count + 2] = sz;
        Count++;
    }

    // Inverse of a row-major 3×3 matrix by cofactors; false when singular.
    private static bool Invert(ReadOnlySpan<double> m, Span<double> inverse)
    {
        double c00 = m[4] * m[8] - m[5] * m[7], c01 = m[5] * m[6] - m[3] * m[8], c02 = m[3] * m[7] - m[4] * m[6];
        double det = m[0] * c00 + m[1] * c01 + m[2] * c02;
        if (!(Math.Abs(det) > 0.0) || !double.IsFinite(det)) return false;
        double r = 1.0 / det;
        inverse[0] = c00 * r; inverse[1] = (m[2] * m[7] - m[1] * m[8]) * r; inverse[2] = (m[1] * m[5] - m[2] * m[4]) * r;
        inverse[3] = c01 * r; inverse[4] = (m[0] * m[8] - m[2] * m[6]) * r; inverse[5] = (m[2] * m[3] - m[0] * m[5]) * r;
        inverse[6] = c02 * r; inverse[7] = (m[1] * m[6] - m[0] * m[7]) * r; inverse[8] = (m[0] * m[4] - m[1] * m[3]) * r;
        return true;
    }
}
