using System.Text;

namespace AutoDiffLbfgs.Generator.Emit;

/// <summary>A small indenting writer over <see cref="StringBuilder"/>; lines end with '\n' on every platform.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _text = new();
    private int _indent;

    public void WriteLine(string line = "")
    {
        if (line.Length > 0) _text.Append(' ', _indent * 4).Append(line);
        _text.Append('\n');
    }

    /// <summary>Writes each line of a (raw-string) block at the current indentation.</summary>
    public void WriteLines(string block)
    {
        foreach (var line in block.Replace("\r\n", "\n").Split('\n')) WriteLine(line);
    }

    public void OpenBrace()
    {
        WriteLine("{");
        _indent++;
    }

    public void CloseBrace(string suffix = "")
    {
        _indent--;
        WriteLine("}" + suffix);
    }

    public override string ToString() => _text.ToString();
}
