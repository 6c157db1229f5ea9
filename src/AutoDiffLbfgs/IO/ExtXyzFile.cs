using System.Globalization;
using System.Text;

namespace AutoDiffLbfgs.IO;

/// <summary>
/// Reader and writer for extended XYZ as ASE 3.22 writes it (<c>ase.io.extxyz</c>): the comment line holds
/// <c>key=value</c> pairs (values in double quotes when they contain spaces), among them <c>Lattice="ax ay az bx by bz
/// cx cy cz"</c>, <c>Properties=name:type:count:…</c> (types S, R, I, L) and <c>pbc="T T T"</c>. Columns are read by
/// <c>Properties</c>: <c>species</c> and <c>pos</c> are required, <c>forces</c> is read when present, other columns
/// are skipped. Without <c>Properties</c> the columns are <c>species pos</c>, and without <c>pbc</c> a frame with a
/// lattice is periodic in all three directions, as in ASE. Numbers are written with the shortest text that
/// round-trips, so write-then-read gives the same bits.
/// </summary>
public static class ExtXyzFile
{
    /// <summary>Reads every frame of <paramref name="path"/>.</summary>
    /// <exception cref="FormatException">The text is not extended XYZ; the message gives the line number.</exception>
    public static IReadOnlyList<ExtXyzFrame> ReadAll(string path)
    {
        using var reader = new StreamReader(path);
        return ReadAll(reader);
    }

    /// <summary>Reads the first frame of <paramref name="path"/>.</summary>
    /// <exception cref="FormatException">The file has no frame or is not extended XYZ.</exception>
    public static ExtXyzFrame Read(string path)
    {
        IReadOnlyList<ExtXyzFrame> frames = ReadAll(path);
        return frames.Count > 0 ? frames[0] : throw new FormatException($"{path} holds no extended XYZ frame.");
    }

    /// <summary>Reads every frame from <paramref name="reader"/>. Blank lines between frames are skipped.</summary>
    /// <exception cref="FormatException">The text is not extended XYZ; the message gives the line number.</exception>
    public static IReadOnlyList<ExtXyzFrame> ReadAll(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var frames = new List<ExtXyzFrame>();
        int lineNumber = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (line.Trim().Length == 0) continue;
            if (!int.TryParse(line.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int atoms))
                throw new FormatException($"Line {lineNumber}: expected the number of atoms, found \"{line}\".");
            string comment = reader.ReadLine() ?? throw new FormatException($"Line {lineNumber + 1}: missing comment line.");
            lineNumber++;
            Dictionary<string, string> info = ParseComment(comment, lineNumber);

            double[]? cell = null;
            if (info.Remove("Lattice", out string? lattice))
                cell = ParseNumbers(lattice, 9, "Lattice", lineNumber);
            bool[] pbc = cell is null ? [false, false, false] : [true, true, true];
            if (info.Remove("pbc", out string? pbcText))
                pbc = ParseFlags(pbcText, lineNumber);
            string properties = info.Remove("Properties", out string? p) ? p : "species:S:1:pos:R:3";
            var columns = ParseProperties(properties, lineNumber, out int fieldCount);
            if (!columns.TryGetValue("species", out int speciesColumn) || !columns.TryGetValue("pos", out int posColumn))
                throw new FormatException($"Line {lineNumber}: Properties must name the species and pos columns.");
            int forcesColumn = columns.TryGetValue("forces", out int f) ? f : -1;

            var symbols = new string[atoms];
            var positions = new double[3 * atoms];
            double[]? forces = forcesColumn >= 0 ? new double[3 * atoms] : null;
            for (int i = 0; i < atoms; i++)
            {
                string atomLine = reader.ReadLine() ?? throw new FormatException($"Line {lineNumber + 1}: expected {atoms} atom lines, found {i}.");
                lineNumber++;
                string[] fields = atomLine.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length < fieldCount)
                    throw new FormatException($"Line {lineNumber}: expected {fieldCount} columns, found {fields.Length}.");
                symbols[i] = fields[speciesColumn];
                for (int d = 0; d < 3; d++)
                {
                    positions[3 * i + d] = ParseNumber(fields[posColumn + d], lineNumber);
                    if (forces is not null) forces[3 * i + d] = ParseNumber(fields[forcesColumn + d], lineNumber);
                }
            }
            frames.Add(new ExtXyzFrame(symbols, positions, cell, pbc, forces, info));
        }
        return frames;
    }

    /// <summary>Writes <paramref name="frames"/> to <paramref name="path"/> (overwriting it).</summary>
    public static void Write(string path, params IEnumerable<ExtXyzFrame> frames)
    {
        using var writer = new StreamWriter(path);
        foreach (ExtXyzFrame frame in frames) Write(writer, frame);
    }

    /// <summary>
    /// Appends one frame to <paramref name="writer"/>: <c>Lattice</c> (when the frame has a cell), <c>Properties</c>
    /// (<c>species:S:1:pos:R:3</c>, plus <c>forces:R:3</c> when the frame has forces), the info pairs, then <c>pbc</c>.
    /// </summary>
    public static void Write(TextWriter writer, ExtXyzFrame frame)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(frame);
        var comment = new StringBuilder();
        if (frame.Cell is not null)
            comment.Append("Lattice=\"").AppendJoin(' ', frame.Cell.Select(Format)).Append("\" ");
        comment.Append("Properties=species:S:1:pos:R:3");
        if (frame.Forces is not null) comment.Append(":forces:R:3");
        foreach (var (key, value) in frame.Info)
        {
            if (key.Length == 0 || key.Any(c => char.IsWhiteSpace(c) || c == '=' || c == '"'))
                throw new ArgumentException($"Info key \"{key}\" must be non-empty, without whitespace, '=' or '\"'.", nameof(frame));
            if (value.Contains('"') || value.Contains('\n') || value.Contains('\r'))
                throw new ArgumentException($"Info value of \"{key}\" must not contain '\"' or a line break.", nameof(frame));
            comment.Append(' ').Append(key).Append('=');
            if (value.Length == 0 || value.Any(char.IsWhiteSpace)) comment.Append('"').Append(value).Append('"');
            else comment.Append(value);
        }
        comment.Append(" pbc=\"").AppendJoin(' ', frame.Pbc.Select(b => b ? "T" : "F")).Append('"');

        writer.Write(frame.AtomCount.ToString(CultureInfo.InvariantCulture));
        writer.Write('\n');
        writer.Write(comment.ToString());
        writer.Write('\n');
        for (int i = 0; i < frame.AtomCount; i++)
        {
            writer.Write(frame.Symbols[i]);
            for (int d = 0; d < 3; d++) { writer.Write(' '); writer.Write(Format(frame.Positions[3 * i + d])); }
            if (frame.Forces is not null)
                for (int d = 0; d < 3; d++) { writer.Write(' '); writer.Write(Format(frame.Forces[3 * i + d])); }
            writer.Write('\n');
        }
    }

    private static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static double ParseNumber(string text, int lineNumber) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)
            ? v
            : throw new FormatException($"Line {lineNumber}: \"{text}\" is not a number.");

    private static double[] ParseNumbers(string text, int count, string key, int lineNumber)
    {
        string[] parts = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != count)
            throw new FormatException($"Line {lineNumber}: {key} must hold {count} numbers, found {parts.Length}.");
        return parts.Select(s => ParseNumber(s, lineNumber)).ToArray();
    }

    private static bool[] ParseFlags(string text, int lineNumber)
    {
        string[] parts = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 3)
            throw new FormatException($"Line {lineNumber}: pbc must hold 3 flags, found {parts.Length}.");
        return parts.Select(s => s switch
        {
            "T" or "True" or "true" => true,
            "F" or "False" or "false" => false,
            _ => throw new FormatException($"Line {lineNumber}: \"{s}\" is not a pbc flag (T or F)."),
        }).ToArray();
    }

    // name:type:count triples; returns each name's first field index.
    private static Dictionary<string, int> ParseProperties(string text, int lineNumber, out int fieldCount)
    {
        string[] parts = text.Split(':');
        if (parts.Length % 3 != 0)
            throw new FormatException($"Line {lineNumber}: Properties must be name:type:count triples, found \"{text}\".");
        var columns = new Dictionary<string, int>();
        fieldCount = 0;
        for (int k = 0; k < parts.Length; k += 3)
        {
            if (parts[k + 1] is not ("S" or "R" or "I" or "L")
                || !int.TryParse(parts[k + 2], NumberStyles.None, CultureInfo.InvariantCulture, out int count) || count < 1)
                throw new FormatException($"Line {lineNumber}: bad property \"{parts[k]}:{parts[k + 1]}:{parts[k + 2]}\".");
            columns.TryAdd(parts[k], fieldCount);
            fieldCount += count;
        }
        return columns;
    }

    // key=value pairs separated by whitespace; a value in double quotes may hold spaces; a bare key means "T".
    private static Dictionary<string, string> ParseComment(string comment, int lineNumber)
    {
        var info = new Dictionary<string, string>();
        int i = 0, n = comment.Length;
        while (i < n)
        {
            while (i < n && char.IsWhiteSpace(comment[i])) i++;
            if (i == n) break;
            int start = i;
            while (i < n && comment[i] != '=' && !char.IsWhiteSpace(comment[i])) i++;
            string key = comment[start..i];
            string value = "T";
            if (i < n && comment[i] == '=')
            {
                i++;
                if (i < n && comment[i] == '"')
                {
                    int close = comment.IndexOf('"', i + 1);
                    if (close < 0) throw new FormatException($"Line {lineNumber}: unterminated quote in the value of {key}.");
                    value = comment[(i + 1)..close];
                    i = close + 1;
                }
                else
                {
                    start = i;
                    while (i < n && !char.IsWhiteSpace(comment[i])) i++;
                    value = comment[start..i];
                }
            }
            info[key] = value;
        }
        return info;
    }
}
