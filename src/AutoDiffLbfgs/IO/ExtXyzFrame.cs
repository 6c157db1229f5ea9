namespace AutoDiffLbfgs.IO;

/// <summary>
/// One frame of an extended XYZ file (ASE's and libAtoms' convention): element symbols, positions, the cell
/// (<c>Lattice="…"</c>, the three cell vectors as rows), periodic boundaries (<c>pbc="T T T"</c>), optional forces
/// (the <c>forces:R:3</c> property column) and the remaining <c>key=value</c> pairs of the comment line.
/// Positions and forces are atom-major (x₀, y₀, z₀, x₁, …) in the file's units (Å and eV/Å by ASE's convention).
/// </summary>
public sealed class ExtXyzFrame
{
    /// <summary>Creates a frame.</summary>
    /// <param name="symbols">One element symbol (or label without whitespace) per atom.</param>
    /// <param name="positions">3 × atoms coordinates, atom-major. Not copied.</param>
    /// <param name="cell">The cell vectors a, b, c as rows (9 numbers, row-major), or null for no cell. Not copied.</param>
    /// <param name="pbc">Periodicity along a, b, c (3 flags), or null for none periodic. Not copied.</param>
    /// <param name="forces">Forces, 3 per atom, or null when the frame has none. Not copied.</param>
    /// <param name="info">Other <c>key=value</c> pairs of the comment line (e.g. <c>energy</c>), or null for none.</param>
    public ExtXyzFrame(IReadOnlyList<string> symbols, double[] positions, double[]? cell = null, bool[]? pbc = null,
        double[]? forces = null, IReadOnlyDictionary<string, string>? info = null)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        ArgumentNullException.ThrowIfNull(positions);
        if (positions.Length != 3 * symbols.Count)
            throw new ArgumentException("positions must hold 3 coordinates per symbol.", nameof(positions));
        foreach (string s in symbols)
        {
            if (string.IsNullOrEmpty(s) || s.Any(char.IsWhiteSpace))
                throw new ArgumentException("Every symbol must be non-empty and free of whitespace.", nameof(symbols));
        }
        if (cell is not null && cell.Length != 9)
            throw new ArgumentException("cell must hold 9 numbers (three cell vectors as rows).", nameof(cell));
        if (pbc is not null && pbc.Length != 3)
            throw new ArgumentException("pbc must hold 3 flags.", nameof(pbc));
        if (pbc is not null && pbc.Any(p => p) && cell is null)
            throw new ArgumentException("A periodic frame needs a cell.", nameof(pbc));
        if (forces is not null && forces.Length != positions.Length)
            throw new ArgumentException("forces must hold 3 numbers per atom.", nameof(forces));
        Symbols = symbols;
        Positions = positions;
        Cell = cell;
        Pbc = pbc ?? [false, false, false];
        Forces = forces;
        Info = info ?? new Dictionary<string, string>();
    }

    /// <summary>Element symbols, one per atom.</summary>
    public IReadOnlyList<string> Symbols { get; }

    /// <summary>Coordinates, 3 per atom, atom-major; relaxations update this array in place.</summary>
    public double[] Positions { get; }

    /// <summary>The cell vectors a, b, c as rows (row-major 3 × 3), or null when the frame has no <c>Lattice</c>.</summary>
    public double[]? Cell { get; }

    /// <summary>Periodicity along the three cell vectors (all false when the frame has no <c>pbc</c> and no cell).</summary>
    public IReadOnlyList<bool> Pbc { get; }

    /// <summary>Forces, 3 per atom, or null.</summary>
    public double[]? Forces { get; }

    /// <summary>The other <c>key=value</c> pairs of the comment line, values unquoted (a bare key maps to "T").</summary>
    public IReadOnlyDictionary<string, string> Info { get; }

    /// <summary>Number of atoms.</summary>
    public int AtomCount => Symbols.Count;
}
