using System.Globalization;

namespace AutoDiffLbfgs.IO;

/// <summary>
/// A small reader and writer for the plain XYZ format: per frame, a line with the atom count, a comment line, then one
/// line per atom "symbol x y z". Columns after z (extended XYZ properties) are ignored on reading; lattice and
/// property metadata in the comment are not interpreted. Numbers are written so that they read back bit for bit.
/// </summary>
public static class XyzFile
{
    /// <summary>Reads every frame of <paramref name="path"/>.</summary>
    /// <exception cref="FormatException">The text is not XYZ; the message gives the line number.</exception>
    public static IReadOnlyList<XyzFrame> ReadAll(string path)
    {
        using var reader = new StreamReader(path);
        return ReadAll(reader);
    }

    /// <summary>Reads every frame from <paramref name="reader"/>. Blank lines between frames are skipped.</summary>
    /// <exception cref="FormatException">The text is not XYZ; the message gives the line number.</exception>
    public static IReadOnlyList<XyzFrame> ReadAll(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var frames = new List<XyzFrame>();
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
            var symbols = new string[atoms];
            var positions = new double[3 * atoms];
            for (int i = 0; i < atoms; i++)
            {
                string atomLine = reader.ReadLine() ?? throw new FormatException($"Line {lineNumber + 1}: expected {atoms} atom lines, found {i}.");
                lineNumber++;
                string[] fields = atomLine.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length < 4)
                    throw new FormatException($"Line {lineNumber}: expected \"symbol x y z\", found \"{atomLine}\".");
                symbols[i] = fields[0];
                for (int d = 0; d < 3; d++)
                {
                    if (!double.TryParse(fields[d + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out positions[3 * i + d]))
                        throw new FormatException($"Line {lineNumber}: \"{fields[d + 1]}\" is not a number.");
                }
            }
            frames.Add(new XyzFrame(symbols, positions, comment));
        }
        return frames;
    }

    /// <summary>Reads the first frame of <paramref name="path"/>.</summary>
    /// <exception cref="FormatException">The file has no frame or is not XYZ.</exception>
    public static XyzFrame Read(string path)
    {
        IReadOnlyList<XyzFrame> frames = ReadAll(path);
        return frames.Count > 0 ? frames[0] : throw new FormatException($"{path} holds no XYZ frame.");
    }

    /// <summary>Writes <paramref name="frames"/> to <paramref name="path"/> (overwriting it).</summary>
    public static void Write(string path, params IEnumerable<XyzFrame> frames)
    {
        using var writer = new StreamWriter(path);
        foreach (XyzFrame frame in frames) Write(writer, frame);
    }

    /// <summary>Appends one frame to <paramref name="writer"/>; coordinates use the shortest text that round-trips.</summary>
    public static void Write(TextWriter writer, XyzFrame frame)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(frame);
        writer.Write(frame.AtomCount.ToString(CultureInfo.InvariantCulture));
        writer.Write('\n');
        writer.Write(frame.Comment);
        writer.Write('\n');
        double[] x = frame.Positions;
        for (int i = 0; i < frame.AtomCount; i++)
        {
            writer.Write(frame.Symbols[i]);
            for (int d = 0; d < 3; d++)
            {
                writer.Write(' ');
                writer.Write(x[3 * i + d].ToString("R", CultureInfo.InvariantCulture));
            }
            writer.Write('\n');
        }
    }
}
