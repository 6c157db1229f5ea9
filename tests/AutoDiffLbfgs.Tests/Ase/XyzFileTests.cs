using AutoDiffLbfgs.Ase;
using AutoDiffLbfgs.IO;

namespace AutoDiffLbfgs.Tests.Ase;

/// <summary>The XYZ reader and writer used by the ASE-mode samples.</summary>
public class XyzFileTests
{
    [Fact]
    public void WriteThenReadRoundTripsEveryBit()
    {
        double[] x = RandomCluster.Create(5, seed: 7).Select(v => v * Math.PI - 1e-300).ToArray();
        x[0] = -0.0;
        x[1] = 1.0 / 3.0;
        x[2] = 1e-17;
        var frame = new XyzFrame(["Ar", "Ar", "Kr", "Ne", "Xe"], x, "Lattice=\"\" step=3");
        var text = new StringWriter();
        XyzFile.Write(text, frame);
        XyzFile.Write(text, frame);
        IReadOnlyList<XyzFrame> back = XyzFile.ReadAll(new StringReader(text.ToString()));
        Assert.Equal(2, back.Count);
        Assert.Equal(frame.Symbols, back[1].Symbols);
        Assert.Equal(frame.Comment, back[1].Comment);
        Assert.Equal(x.Select(BitConverter.DoubleToInt64Bits), back[1].Positions.Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void ReadsExtraColumnsTabsAndBlankLinesBetweenFrames()
    {
        const string text = "2\ncomment\nAr 0 0 0 1.5 2.5 3.5\nAr\t1.1\t0\t0\n\n1\n\nHe 1e-1 -2 3\n";
        IReadOnlyList<XyzFrame> frames = XyzFile.ReadAll(new StringReader(text));
        Assert.Equal(2, frames.Count);
        Assert.Equal([0, 0, 0, 1.1, 0, 0], frames[0].Positions);
        Assert.Equal("", frames[1].Comment);
        Assert.Equal([0.1, -2, 3], frames[1].Positions);
    }

    [Theory]
    [InlineData("x\nc\n", "Line 1")]
    [InlineData("2\nc\nAr 0 0 0\n", "Line 4")]
    [InlineData("1\nc\nAr 0 zero 0\n", "Line 3")]
    [InlineData("1\nc\nAr 0 0\n", "Line 3")]
    public void MalformedTextNamesTheLine(string text, string where)
    {
        var e = Assert.Throws<FormatException>(() => XyzFile.ReadAll(new StringReader(text)));
        Assert.StartsWith(where, e.Message);
    }

    [Fact]
    public void FrameRejectsMismatchedPositionsAndMultiLineComments()
    {
        Assert.Equal("positions", Assert.Throws<ArgumentException>(() => new XyzFrame(["Ar"], new double[2])).ParamName);
        Assert.Equal("comment", Assert.Throws<ArgumentException>(() => new XyzFrame(["Ar"], new double[3], "a\nb")).ParamName);
        Assert.Equal("symbols", Assert.Throws<ArgumentException>(() => new XyzFrame(["A r"], new double[3])).ParamName);
    }
}
