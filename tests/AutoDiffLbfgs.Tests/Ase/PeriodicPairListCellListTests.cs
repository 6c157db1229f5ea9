using AutoDiffLbfgs.Ase;
using Xunit.Abstractions;

namespace AutoDiffLbfgs.Tests.Ase;

/// <summary>
/// The cell-list build of <see cref="PeriodicPairList"/> gives the all-pairs scan's list entry for entry (same pairs,
/// images and order), over periodic, open and mixed cells, cells smaller than the cutoff, sheared cells and atoms
/// outside the cell.
/// </summary>
public class PeriodicPairListCellListTests(ITestOutputHelper output)
{
    public static TheoryData<string> Systems => new(["fcc cubic 4x4x4", "fcc 3x3x6 sheared", "small cell (many images)",
        "slab (T T F)", "free cluster", "atoms outside the cell", "wire (F F T)"]);

    private static (double[] Cell, bool[] Pbc, double[] X, double Cutoff) Make(string name)
    {
        var random = new Random(name.Length * 31 + name[0]);
        double[] Fcc(int na, int nb, int nc, double a, double rattle)
        {
            ReadOnlySpan<double> basis = [0, 0, 0, 0.5, 0.5, 0, 0.5, 0, 0.5, 0, 0.5, 0.5];
            var x = new List<double>();
            for (int i = 0; i < na; i++)
                for (int j = 0; j < nb; j++)
                    for (int k = 0; k < nc; k++)
                        for (int s = 0; s < 4; s++)
                        {
                            x.Add((i + basis[3 * s]) * a + rattle * (random.NextDouble() - 0.5));
                            x.Add((j + basis[3 * s + 1]) * a + rattle * (random.NextDouble() - 0.5));
                            x.Add((k + basis[3 * s + 2]) * a + rattle * (random.NextDouble() - 0.5));
                        }
            return [.. x];
        }
        const double a0 = 1.56;
        switch (name)
        {
            case "fcc cubic 4x4x4":
                return ([4 * a0, 0, 0, 0, 4 * a0, 0, 0, 0, 4 * a0], [true, true, true], Fcc(4, 4, 4, a0, 0.1), 2.5);
            case "fcc 3x3x6 sheared":
            {
                double[] x = Fcc(3, 3, 6, a0, 0.1);
                for (int p = 0; p < x.Length; p += 3) x[p] += 0.3 * x[p + 1] + 0.1 * x[p + 2];
                return ([3 * a0, 0, 0, 0.3 * 3 * a0, 3 * a0, 0, 0.1 * 6 * a0, 0, 6 * a0], [true, true, true], x, 2.5);
            }
            case "small cell (many images)":
                return ([a0, 0, 0, 0, a0, 0, 0.2, 0, a0], [true, true, true], Fcc(1, 1, 1, a0, 0.05), 2.5);
            case "slab (T T F)":
                return ([3 * a0, 0, 0, 0, 3 * a0, 0, 0, 0, 20], [true, true, false], Fcc(3, 3, 3, a0, 0.1), 2.5);
            case "free cluster":
                return ([50, 0, 0, 0, 50, 0, 0, 0, 50], [false, false, false], RandomCluster.Create(150, 4), 2.5);
            case "atoms outside the cell":
            {
                double[] x = Fcc(3, 3, 3, a0, 0.1);
                for (int p = 0; p < x.Length; p += 3)
                {
                    int shift = random.Next(-2, 3);
                    x[p] += shift * 3 * a0;
                    x[p + 2] -= 3 * a0 * random.Next(0, 2);
                }
                return ([3 * a0, 0, 0, 0, 3 * a0, 0, 0, 0, 3 * a0], [true, true, true], x, 2.5);
            }
            default:
                return ([30, 0, 0, 0, 30, 0, 0, 0, 2 * a0], [false, false, true], Fcc(2, 2, 2, a0, 0.1), 2.0);
        }
    }

    [Theory]
    [MemberData(nameof(Systems))]
    public void CellListsGiveTheAllPairsListEntryForEntry(string name)
    {
        var (cell, pbc, x, cutoff) = Make(name);
        var cells = new PeriodicPairList(cell, pbc, cutoff);
        var scan = new PeriodicPairList(cell, pbc, cutoff);
        cells.Build(x);
        scan.BuildAllPairs(x);
        Assert.True(scan.Count > 0);
        Assert.Equal(scan.Count, cells.Count);
        int n = scan.Count;
        Assert.True(scan.First.AsSpan(0, n).SequenceEqual(cells.First.AsSpan(0, n)), "first atoms differ");
        Assert.True(scan.Second.AsSpan(0, n).SequenceEqual(cells.Second.AsSpan(0, n)), "second atoms differ");
        Assert.True(scan.Offsets.AsSpan(0, 3 * n).SequenceEqual(cells.Offsets.AsSpan(0, 3 * n)), "images differ");
        Assert.True(scan.Shifts.AsSpan(0, 3 * n).SequenceEqual(cells.Shifts.AsSpan(0, 3 * n)), "shifts differ");
        output.WriteLine($"{name}: {x.Length / 3} atoms, {n} pairs");
    }

    [Fact]
    public void RebuildAllocatesNothingOnceSized()
    {
        var (cell, pbc, x, cutoff) = Make("fcc cubic 4x4x4");
        var list = new PeriodicPairList(cell, pbc, cutoff);
        list.Build(x);
        list.Build(x);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int k = 0; k < 3; k++) list.Build(x);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}

/// <summary>The strain-aware update: a list kept across small cell changes gives the energy of a fresh list, to the bit.</summary>
public class PeriodicPairListStrainTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("ecf")]
    [InlineData("ucf")]
    [InlineData("ucf_constant_volume_fire")]
    public void KeptListGivesTheFreshListsEnergyAndGradientBitForBit(string name)
    {
        var run = AseCellFilterTests.Load(name);
        var filter = run.Filter();
        int n = 3 * run.Atoms;
        var kept = new PeriodicLennardJonesCellObjective(run.Atoms, run.StartCell, [true, true, true]);
        double[] v = new double[n + 9], g = new double[n + 9], gFresh = new double[n + 9];
        foreach (var step in run.Steps)
        {
            filter.GetPositionsAndCell(step.X, v.AsSpan(0, n), v.AsSpan(n, 9));
            double e = kept.ValueAndGradient(v, g);
            var fresh = new PeriodicLennardJonesCellObjective(run.Atoms, v[n..], [true, true, true]);
            double eFresh = fresh.ValueAndGradient(v, gFresh);
            Assert.Equal(BitConverter.DoubleToInt64Bits(eFresh), BitConverter.DoubleToInt64Bits(e));
            Assert.True(g.AsSpan().SequenceEqual(gFresh), $"step {step.Step}: gradients differ");
        }
        Assert.True(kept.Pairs.Builds < run.Steps.Length, $"{kept.Pairs.Builds} builds for {run.Steps.Length} cells");
        output.WriteLine($"{name}: {kept.Pairs.Builds} builds over {run.Steps.Length} recorded cells");
    }

    [Fact]
    public void LargeStrainOrLongMoveRebuildsAndShiftsFollowTheCell()
    {
        var run = AseCellFilterTests.Load("ucf");
        var list = new PeriodicPairList(run.StartCell, [true, true, true], 2.5);
        double[] x = (double[])run.StartPositions.Clone();
        list.Update(x, run.StartCell);
        double[] small = [.. run.StartCell.Select(c => c * 1.001)];
        Assert.False(list.Update(x, small));
        for (int p = 0; p < list.Count; p++)
            Assert.Equal(list.Offsets[3 * p] * small[0] + list.Offsets[3 * p + 1] * small[3] + list.Offsets[3 * p + 2] * small[6], list.Shifts[3 * p]);
        Assert.True(list.Update(x, [.. run.StartCell.Select(c => c * 1.1)]));
        x[0] += 0.2;
        Assert.True(list.Update(x, [.. run.StartCell.Select(c => c * 1.1)]));
    }

    [Fact]
    public void CompressionThatBringsUnlistedPairsInsideTheCutoffRebuilds()
    {
        // Compressed by 15% with the atoms carried along, no atom moves in the cell's frame, but pairs listed as beyond
        // cutoff + skin (2.8) come within rc = 2.5 (2.9 × 0.85 ≈ 2.47): the strain alone must trigger the rebuild.
        var run = AseCellFilterTests.Load("ucf");
        int n = 3 * run.Atoms;
        var kept = new PeriodicLennardJonesCellObjective(run.Atoms, run.StartCell, [true, true, true]);
        double[] v = [.. run.StartPositions, .. run.StartCell], g = new double[n + 9];
        kept.ValueAndGradient(v, g);
        for (int i = 0; i < v.Length; i++) v[i] *= 0.85;
        double e = kept.ValueAndGradient(v, g);
        double eFresh = new PeriodicLennardJonesCellObjective(run.Atoms, v[n..], [true, true, true]).ValueAndGradient(v, new double[n + 9]);
        Assert.Equal(eFresh, e);
        Assert.Equal(2, kept.Pairs.Builds);
    }
}
