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
