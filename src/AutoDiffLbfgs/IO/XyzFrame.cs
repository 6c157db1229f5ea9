namespace AutoDiffLbfgs.IO;

/// <summary>
/// One frame of an XYZ file: element symbols, positions (atom-major x₀, y₀, z₀, x₁, …, in the file's unit, Å by
/// convention) and the free-form comment line.
/// </summary>
public sealed class XyzFrame
{
    /// <summary>Creates a frame; <paramref name="positions"/> must hold 3 coordinates per symbol.</summary>
    /// <param name="symbols">One element symbol (or any label without whitespace) per atom.</param>
    /// <param name="positions">3 × atoms coordinates, atom-major. Not copied.</param>
    /// <param name="comment">The second line of the frame; must not contain a line break. Default empty.</param>
    public XyzFrame(IReadOnlyList<string> symbols, double[] positions, string comment = "")
    {
        ArgumentNullException.ThrowIfNull(symbols);
        ArgumentNullException.ThrowIfNull(positions);
        ArgumentNullException.ThrowIfNull(comment);
        if (positions.Length != 3 * symbols.Count)
            throw new ArgumentException("positions must hold 3 coordinates per symbol.", nameof(positions));
        foreach (string s in symbols)
        {
            if (string.IsNullOrEmpty(s) || s.Any(char.IsWhiteSpace))
                throw new ArgumentException("Every symbol must be non-empty and free of whitespace.", nameof(symbols));
        }
        if (comment.Contains('\n') || comment.Contains('\r'))
            throw new ArgumentException("The comment must be a single line.", nameof(comment));
        Symbols = symbols;
        Positions = positions;
        Comment = comment;
    }

    /// <summary>Element symbols, one per atom.</summary>
    public IReadOnlyList<string> Symbols { get; }

    /// <summary>Coordinates, 3 per atom, atom-major; relaxations update this array in place.</summary>
    public double[] Positions { get; }

    /// <summary>The comment line (extended-XYZ key=value pairs are kept as plain text).</summary>
    public string Comment { get; }

    /// <summary>Number of atoms.</summary>
    public int AtomCount => Symbols.Count;
}
