using AutoDiffLbfgs.IO;

namespace AutoDiffLbfgs.Tests.Ase;

/// <summary>Extended XYZ against files written by ASE 3.22.1 (Fixtures/ase/make_periodic.py).</summary>
public class ExtXyzFileTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "ase", name);

    [Fact]
    public void ReadsAseStartFrame()
    {
        ExtXyzFrame frame = ExtXyzFile.Read(Fixture("fcc_vacancy__start.extxyz"));
        PeriodicTrajectory run = PeriodicTrajectory.Load("fcc_vacancy__sharp");
        Assert.Equal(31, frame.AtomCount);
        Assert.Equal(run.Cell, frame.Cell);
        Assert.Equal([true, true, true], frame.Pbc);
        Assert.Null(frame.Forces);
        Assert.All(frame.Symbols, s => Assert.Equal("Ar", s));
        // ASE writes positions with 8 decimals.
        for (int i = 0; i < frame.Positions.Length; i++)
            Assert.True(Math.Abs(frame.Positions[i] - run.Steps[0].Positions[i]) <= 5.01e-9, $"coordinate {i}");
    }

    [Fact]
    public void ReadsAseRelaxedFrameWithForcesAndExtraColumns()
    {
        // ASE's Properties there: species, pos, forces, stresses:R:6, energies:R:1; info energy, stress, free_energy.
        ExtXyzFrame frame = ExtXyzFile.Read(Fixture("fcc_vacancy__relaxed_sharp.extxyz"));
        PeriodicTrajectory run = PeriodicTrajectory.Load("fcc_vacancy__sharp");
        Assert.NotNull(frame.Forces);
        for (int i = 0; i < frame.Positions.Length; i++)
        {
            Assert.True(Math.Abs(frame.Positions[i] - run.Steps[^1].Positions[i]) <= 5.01e-9, $"coordinate {i}");
            Assert.True(Math.Abs(frame.Forces![i] + run.Steps[^1].Gradient[i]) <= 5.01e-9, $"force {i}");
        }
        Assert.Equal(run.Steps[^1].Energy, double.Parse(frame.Info["energy"], System.Globalization.CultureInfo.InvariantCulture), 1e-9);
        Assert.Equal(9, frame.Info["stress"].Split(' ').Length);
    }

    [Fact]
    public void WriteThenReadGivesTheSameBits()
    {
        PeriodicTrajectory run = PeriodicTrajectory.Load("fcc_vacancy__sharp");
        var symbols = Enumerable.Repeat("Ar", 31).ToArray();
        var frame = new ExtXyzFrame(symbols, run.Steps[3].Positions, run.Cell, [true, false, true],
            run.Steps[3].Gradient, new Dictionary<string, string> { ["energy"] = "-1.5", ["comment"] = "two words" });
        var text = new StringWriter();
        ExtXyzFile.Write(text, frame);
        ExtXyzFile.Write(text, frame);
        var back = ExtXyzFile.ReadAll(new StringReader(text.ToString()));
        Assert.Equal(2, back.Count);
        Assert.Equal(frame.Positions, back[1].Positions);
        Assert.Equal(frame.Forces, back[1].Forces);
        Assert.Equal(frame.Cell, back[1].Cell);
        Assert.Equal(frame.Pbc, back[1].Pbc);
        Assert.Equal("two words", back[1].Info["comment"]);
        Assert.Equal("-1.5", back[1].Info["energy"]);
    }

    [Theory]
    [InlineData("1\nLattice=\"1 0 0 0 1 0 0 0\"\nAr 0 0 0\n", "Line 2")]
    [InlineData("1\npbc=\"T T\" Lattice=\"1 0 0 0 1 0 0 0 1\"\nAr 0 0 0\n", "Line 2")]
    [InlineData("1\nProperties=species:S:1:pos:R\nAr 0 0 0\n", "Line 2")]
    [InlineData("1\nProperties=species:S:1\nAr 0 0 0\n", "Line 2")]
    [InlineData("1\nkey=\"open\nAr 0 0 0\n", "Line 2")]
    [InlineData("1\n\nAr 0 0\n", "Line 3")]
    [InlineData("1\n\nAr 0 x 0\n", "Line 3")]
    [InlineData("2\n\nAr 0 0 0\n", "Line 4")]
    public void MalformedInputNamesTheLine(string text, string line)
    {
        var e = Assert.Throws<FormatException>(() => ExtXyzFile.ReadAll(new StringReader(text)));
        Assert.StartsWith(line, e.Message);
    }

    [Fact]
    public void LatticeWithoutPbcIsPeriodicAsInAse()
    {
        var frame = ExtXyzFile.ReadAll(new StringReader("1\nLattice=\"2 0 0 0 2 0 0 0 2\" energy=3\nAr 0.5 0 0\n"))[0];
        Assert.Equal([true, true, true], frame.Pbc);
        Assert.Equal("3", frame.Info["energy"]);
        Assert.False(frame.Info.ContainsKey("Lattice"));
    }
}
