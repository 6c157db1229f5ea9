namespace AutoDiffLbfgs.Ase;

/// <summary>
/// The pairs of atoms, periodic images included, closer than <see cref="Cutoff"/> + <see cref="Skin"/>: a Verlet
/// list that a periodic pair potential sums over, so the potential itself (an <c>[Objective]</c>) needs no image
/// search and its gradient comes from the generator. Each unordered pair (i, j, image n) is listed once, with i ≤ j
/// and the Cartesian image shift n·cell, so that the pair's distance vector is x_j + shift − x_i; an atom's own
/// images (i = j, n ≠ 0) are listed once per ±n pair. This counts every pair interaction exactly once, as ASE's
/// <c>NeighborList(bothways=True)</c> does with its factor ½. <see cref="Update(ReadOnlySpan{double})"/> rebuilds the list only when an
/// atom has moved more than <see cref="Skin"/>/2 since the last build, as ASE's neighbour list does.
/// The build uses cell lists, O(N) per rebuild at a fixed density, and any number of images (cells smaller than the
/// cutoff included).
/// </summary>
public sealed class PeriodicPairList
{
    private readonly double[] _cell = new double[9];
    private readonly double[] _reciprocal = new double[9];
    private readonly double[] _builtCell = new double[9];
    private readonly double[] _builtReciprocal = new double[9];
    private readonly bool[] _pbc = new bool[3];
    private double[] _built = [];
    private double[] _fractional = [];
    private int[] _wrap = [];
    private int[] _binOf = [];
    private int[] _nextInBin = [];
    private int[] _binHead = [];
    private Candidate[] _candidates = new Candidate[64];
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

    /// <summary>The current cell (rows a, b, c): the last one passed to an update, which the list may not have been rebuilt for.</summary>
    public ReadOnlySpan<double> Cell => _cell;

    /// <summary>
    /// As <see cref="Update(ReadOnlySpan{double})"/> for a cell that may have changed (a variable-cell relaxation): the
    /// list is kept while it provably still holds every pair within the cutoff, and rebuilt otherwise. With G the
    /// deformation from the cell of the last build (C = C_b·G), a pair within rc now is within rc/σ_min(G) ≤
    /// rc/(1 − ‖G − I‖_F) in the build's frame, where each atom has moved at most δ = max_a |x_a·G⁻¹ − x_b,a|; so the
    /// list is valid while rc/(1 − ‖G − I‖_F) + 2δ &lt; rc + skin. For an unchanged cell this is ASE's "moved less
    /// than skin/2". When the list is kept, <see cref="Shifts"/> are re-formed for the new cell from <see cref="Offsets"/>.
    /// Because the pairs are kept sorted, the pairs within rc appear in the same order whether or not the list was
    /// rebuilt, so an energy summed over them is the same to the bit. Returns true when it rebuilt.
    /// </summary>
    /// <exception cref="ArgumentException">The cell does not hold 9 numbers or is singular.</exception>
    public bool Update(ReadOnlySpan<double> positions, ReadOnlySpan<double> cell)
    {
        if (cell.Length != 9) throw new ArgumentException("cell must hold 9 numbers (three cell vectors as rows).", nameof(cell));
        if (positions.Length % 3 != 0)
            throw new ArgumentException("positions must hold 3 coordinates per atom.", nameof(positions));
        if (cell.SequenceEqual(_cell)) return Update(positions);
        Span<double> reciprocal = stackalloc double[9];
        if (!Invert(cell, reciprocal))
            throw new ArgumentException("cell must be invertible (three independent cell vectors).", nameof(cell));
        cell.CopyTo(_cell);
        reciprocal.CopyTo(_reciprocal);
        if (Builds > 0 && positions.Length == _built.Length && StillValid(positions))
        {
            for (int p = 0; p < Count; p++)
            {
                double n0 = _offsets[3 * p], n1 = _offsets[3 * p + 1], n2 = _offsets[3 * p + 2];
                _shifts[3 * p] = n0 * _cell[0] + n1 * _cell[3] + n2 * _cell[6];
                _shifts[3 * p + 1] = n0 * _cell[1] + n1 * _cell[4] + n2 * _cell[7];
                _shifts[3 * p + 2] = n0 * _cell[2] + n1 * _cell[5] + n2 * _cell[8];
            }
            return false;
        }
        Build(positions);
        return true;
    }

    // The validity test of Update(positions, cell) for the current _cell against the cell and positions of the last build.
    private bool StillValid(ReadOnlySpan<double> positions)
    {
        // G = C_b⁻¹·C and G⁻¹ = C⁻¹·C_b (cells as rows, positions as row vectors: x = f·C).
        Span<double> g = stackalloc double[9], gInverse = stackalloc double[9];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
            {
                double a = 0.0, b = 0.0;
                for (int k = 0; k < 3; k++)
                {
                    a += _builtReciprocal[3 * i + k] * _cell[3 * k + j];
                    b += _reciprocal[3 * i + k] * _builtCell[3 * k + j];
                }
                g[3 * i + j] = a;
                gInverse[3 * i + j] = b;
            }
        double e2 = 0.0;
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
            {
                double d = g[3 * i + j] - (i == j ? 1.0 : 0.0);
                e2 += d * d;
            }
        double e = Math.Sqrt(e2);
        if (!(e < 0.5)) return false;
        double slack = Cutoff + Skin - Cutoff / (1.0 - e);
        if (!(slack > 0.0)) return false;
        double limit = 0.25 * slack * slack, moved = 0.0;
        for (int a = 0; a < positions.Length; a += 3)
        {
            double x = positions[a], y = positions[a + 1], z = positions[a + 2];
            double dx = x * gInverse[0] + y * gInverse[3] + z * gInverse[6] - _built[a];
            double dy = x * gInverse[1] + y * gInverse[4] + z * gInverse[7] - _built[a + 1];
            double dz = x * gInverse[2] + y * gInverse[5] + z * gInverse[8] - _built[a + 2];
            moved = Math.Max(moved, dx * dx + dy * dy + dz * dz);
        }
        // Strict, and with a margin of rounding: the bound must hold for the exact pair distances.
        return moved < limit * (1.0 - 1e-9);
    }

    /// <summary>
    /// Rebuilds the list when it has never been built, the atom count changed, or an atom moved more than skin/2
    /// since the last build. Returns true when it rebuilt.
    /// </summary>
    public bool Update(ReadOnlySpan<double> positions)
    {
        if (positions.Length % 3 != 0)
            throw new ArgumentException("positions must hold 3 coordinates per atom.", nameof(positions));
        if (positions.Length == _built.Length && Builds > 0 && !_cell.AsSpan().SequenceEqual(_builtCell))
        {
            if (StillValid(positions)) return false;
            Build(positions);
            return true;
        }
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

    /// <summary>
    /// Rebuilds the list for <paramref name="positions"/> unconditionally, with cell lists: O(N) for a fixed density
    /// (the atoms are binned by fractional coordinate into bins at least cutoff + skin wide across each pair of cell
    /// planes, and each atom meets only the atoms of the neighbouring bins and their images). The list is the same,
    /// entry for entry and in the same order (pairs sorted by i, j, then image), as the all-pairs scan
    /// <see cref="BuildAllPairs"/> gives, so an energy summed over it does not change by one bit with the method.
    /// </summary>
    public void Build(ReadOnlySpan<double> positions)
    {
        int atoms = Prepare(positions);
        if (!AllFinite(_fractional))
        {
            // No bin for a non-finite atom; the scan lists its (NaN) pairs, so the energy shows it.
            BuildAllPairs(positions);
            return;
        }
        double reach = Cutoff + Skin, reach2 = reach * reach;
        double[] fractional = _fractional;

        // Per axis: bins of fractional width w from origin o, nb of them, and how many bins m the reach spans.
        // Periodic axes wrap each atom into [0, 1) (image w_a, kept in _wrap) and bin over one cell; open axes bin the
        // atoms' own range. The planes of axis k are 1/|b_k| apart (b_k the k-th column of cell⁻¹), so a bin of
        // fractional width w is w/|b_k| wide in space.
        Span<int> nb = stackalloc int[3], m = stackalloc int[3];
        Span<double> origin = stackalloc double[3], width = stackalloc double[3];
        int binCap = Math.Max(1, 2 * atoms);
        for (int k = 0; k < 3; k++)
        {
            double b = PlaneDensity(k);
            double lo = 0.0, range = 1.0;
            if (!_pbc[k])
            {
                lo = double.PositiveInfinity;
                double hi = double.NegativeInfinity;
                for (int a = 0; a < atoms; a++)
                {
                    lo = Math.Min(lo, fractional[3 * a + k]);
                    hi = Math.Max(hi, fractional[3 * a + k]);
                }
                range = hi - lo;
            }
            double perBin = reach * b;
            int count = range > 0.0 ? (int)Math.Min(binCap, Math.Max(1.0, Math.Floor(range / perBin))) : 1;
            nb[k] = count;
            origin[k] = lo;
            width[k] = range > 0.0 ? range / count : 1.0;
            m[k] = (int)Math.Ceiling(perBin / width[k] * (1.0 + 1e-12));
            if (!_pbc[k]) m[k] = Math.Min(m[k], count - 1);
        }
        int bins = nb[0] * nb[1] * nb[2];
        if (bins > binCap) bins = RebinTo(binCap, nb, m, width, reach);
        if (_binHead.Length < bins) _binHead = new int[bins];
        _binHead.AsSpan(0, bins).Fill(-1);

        for (int a = 0; a < atoms; a++)
        {
            int bin = 0;
            for (int k = 0; k < 3; k++)
            {
                double f = fractional[3 * a + k];
                int wrap = 0;
                if (_pbc[k])
                {
                    wrap = (int)Math.Floor(f);
                    f -= wrap;
                }
                _wrap[3 * a + k] = wrap;
                int c = Math.Clamp((int)Math.Floor((f - origin[k]) / width[k]), 0, nb[k] - 1);
                _binOf[3 * a + k] = c;
                bin = bin * nb[k] + c;
            }
            _nextInBin[a] = _binHead[bin];
            _binHead[bin] = a;
        }

        Count = 0;
        for (int i = 0; i < atoms; i++)
        {
            int candidates = 0;
            for (int d0 = -m[0]; d0 <= m[0]; d0++)
            {
                if (!Neighbour(i, 0, d0, nb, out int c0, out int n0)) continue;
                for (int d1 = -m[1]; d1 <= m[1]; d1++)
                {
                    if (!Neighbour(i, 1, d1, nb, out int c1, out int n1)) continue;
                    for (int d2 = -m[2]; d2 <= m[2]; d2++)
                    {
                        if (!Neighbour(i, 2, d2, nb, out int c2, out int n2)) continue;
                        for (int j = _binHead[(c0 * nb[1] + c1) * nb[2] + c2]; j >= 0; j = _nextInBin[j])
                        {
                            if (j < i) continue;
                            // u_j + n·cell − u_i = x_j + (n + w_i − w_j)·cell − x_i.
                            int o0 = n0 + _wrap[3 * i] - _wrap[3 * j];
                            int o1 = n1 + _wrap[3 * i + 1] - _wrap[3 * j + 1];
                            int o2 = n2 + _wrap[3 * i + 2] - _wrap[3 * j + 2];
                            if (i == j && !LexicographicallyPositive(o0, o1, o2)) continue;
                            if (!Within(positions, i, j, o0, o1, o2, reach2)) continue;
                            if (candidates == _candidates.Length) Array.Resize(ref _candidates, 2 * candidates);
                            _candidates[candidates++] = new Candidate(j, o0, o1, o2);
                        }
                    }
                }
            }
            // The all-pairs scan's order: j, then n0, n1, n2 ascending.
            Span<Candidate> found = _candidates.AsSpan(0, candidates);
            found.Sort();
            foreach (Candidate c in found) AddImage(i, c.J, c.N0, c.N1, c.N2);
        }
        Builds++;
    }

    /// <summary>
    /// Rebuilds the list by scanning all pairs of atoms and every image the reach spans: O(N²), kept as the reference
    /// the cell lists are tested against.
    /// </summary>
    internal void BuildAllPairs(ReadOnlySpan<double> positions)
    {
        int atoms = Prepare(positions);
        double reach = Cutoff + Skin, reach2 = reach * reach;
        double[] fractional = _fractional;
        Span<int> span = stackalloc int[3];
        for (int k = 0; k < 3; k++) span[k] = _pbc[k] ? (int)Math.Ceiling(reach * PlaneDensity(k) + 0.5) : 0;

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
                    if (i == j && !LexicographicallyPositive(n0, n1, n2)) continue;
                    if (!Within(positions, i, j, n0, n1, n2, reach2)) continue;
                    AddImage(i, j, n0, n1, n2);
                }
            }
        }
        Builds++;
    }

    // Validates, remembers the positions of this build and computes the fractional coordinates f = x·cell⁻¹.
    private int Prepare(ReadOnlySpan<double> positions)
    {
        if (positions.Length % 3 != 0)
            throw new ArgumentException("positions must hold 3 coordinates per atom.", nameof(positions));
        int atoms = positions.Length / 3;
        if (_built.Length != positions.Length)
        {
            _built = new double[positions.Length];
            _fractional = new double[positions.Length];
            _wrap = new int[positions.Length];
            _binOf = new int[positions.Length];
            _nextInBin = new int[atoms];
        }
        positions.CopyTo(_built);
        _cell.CopyTo(_builtCell, 0);
        _reciprocal.CopyTo(_builtReciprocal, 0);
        for (int a = 0; a < atoms; a++)
            for (int k = 0; k < 3; k++)
                _fractional[3 * a + k] = positions[3 * a] * _reciprocal[k] + positions[3 * a + 1] * _reciprocal[3 + k]
                    + positions[3 * a + 2] * _reciprocal[6 + k];
        return atoms;
    }

    private static bool AllFinite(ReadOnlySpan<double> values)
    {
        foreach (double v in values)
            if (!double.IsFinite(v)) return false;
        return true;
    }

    // |b_k|: planes of cell axis k per unit length.
    private double PlaneDensity(int k) => Math.Sqrt(_reciprocal[k] * _reciprocal[k] + _reciprocal[3 + k] * _reciprocal[3 + k]
        + _reciprocal[6 + k] * _reciprocal[6 + k]);

    // Fewer, wider bins when the grid would exceed the cap (a sparse open system): halve the longest axis until it fits.
    // The reach m found for the narrower bins still covers the wider ones.
    private static int RebinTo(int cap, Span<int> nb, Span<int> m, Span<double> width, double reach)
    {
        while (nb[0] * (long)nb[1] * nb[2] > cap)
        {
            int k = nb[0] >= nb[1] && nb[0] >= nb[2] ? 0 : nb[1] >= nb[2] ? 1 : 2;
            int halved = (nb[k] + 1) / 2;
            width[k] *= (double)nb[k] / halved;
            nb[k] = halved;
        }
        return nb[0] * nb[1] * nb[2];
    }

    // The bin d steps from atom i's bin along axis k: its index c and, on a periodic axis, the image n it stands for.
    private bool Neighbour(int i, int k, int d, ReadOnlySpan<int> nb, out int c, out int n)
    {
        int raw = _binOf[3 * i + k] + d;
        if (_pbc[k])
        {
            n = (int)Math.Floor((double)raw / nb[k]);
            c = raw - n * nb[k];
            return true;
        }
        n = 0;
        c = raw;
        return raw >= 0 && raw < nb[k];
    }

    // An atom's own images: keep n and drop −n (lexicographically positive n only).
    private static bool LexicographicallyPositive(int n0, int n1, int n2) => n0 > 0 || (n0 == 0 && (n1 > 0 || (n1 == 0 && n2 > 0)));

    private bool Within(ReadOnlySpan<double> positions, int i, int j, int n0, int n1, int n2, double reach2)
    {
        double sx = n0 * _cell[0] + n1 * _cell[3] + n2 * _cell[6];
        double sy = n0 * _cell[1] + n1 * _cell[4] + n2 * _cell[7];
        double sz = n0 * _cell[2] + n1 * _cell[5] + n2 * _cell[8];
        double dx = positions[3 * j] + sx - positions[3 * i];
        double dy = positions[3 * j + 1] + sy - positions[3 * i + 1];
        double dz = positions[3 * j + 2] + sz - positions[3 * i + 2];
        // Written so that a NaN distance is kept: a non-finite position must reach the energy (the solve then stops
        // with a non-finite value) instead of silently dropping its pairs.
        return !(dx * dx + dy * dy + dz * dz >= reach2);
    }

    private void AddImage(int i, int j, int n0, int n1, int n2) =>
        Add(i, j, n0, n1, n2, n0 * _cell[0] + n1 * _cell[3] + n2 * _cell[6], n0 * _cell[1] + n1 * _cell[4] + n2 * _cell[7],
            n0 * _cell[2] + n1 * _cell[5] + n2 * _cell[8]);

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

    /// <summary>A neighbour j of the atom being listed with its image n, ordered as the all-pairs scan lists them.</summary>
    private readonly record struct Candidate(int J, int N0, int N1, int N2) : IComparable<Candidate>
    {
        public int CompareTo(Candidate other)
        {
            int c = J.CompareTo(other.J);
            if (c == 0) c = N0.CompareTo(other.N0);
            if (c == 0) c = N1.CompareTo(other.N1);
            return c != 0 ? c : N2.CompareTo(other.N2);
        }
    }
}
