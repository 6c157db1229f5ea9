using System.Globalization;

namespace AutoDiffLbfgs.Tests.Mgh;

/// <summary>One reference run (liblbfgs 1.10 or scipy 1.10 L-BFGS-B) from Fixtures/mgh.</summary>
public sealed record MghReferenceRun(string Problem, int Dimension, int Memory, int Iterations, int Evaluations, double FinalValue);

/// <summary>Reads the reference runs copied from the project's shared data (standard starting points only).</summary>
public static class MghReference
{
    /// <summary>liblbfgs 1.10, Moré–Thuente, ‖∇f‖ ≤ 1e-6·max(1, ‖x‖).</summary>
    public static IReadOnlyList<MghReferenceRun> Liblbfgs { get; } = Read("mgh_liblbfgs.csv");

    /// <summary>scipy 1.10 L-BFGS-B, gtol 1e-6 on the ∞-norm of the projected gradient.</summary>
    public static IReadOnlyList<MghReferenceRun> Scipy { get; } = Read("mgh_scipy.csv");

    /// <summary>The run for a problem key, size and memory, or null.</summary>
    public static MghReferenceRun? Find(IReadOnlyList<MghReferenceRun> runs, string? key, int dimension, int memory) =>
        runs.FirstOrDefault(r => r.Problem == key && r.Dimension == dimension && r.Memory == memory);

    private static List<MghReferenceRun> Read(string file)
    {
        string[] lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", "mgh", file));
        string[] header = lines[0].Split(',');
        int Column(string name) => Array.IndexOf(header, name);
        int x0 = Column("x0"), problem = Column("problem"), n = Column("n"), m = Column("m");
        int iterations = Column("iterations"), evaluations = Column("fevals"), final = Column("f_final");
        var runs = new List<MghReferenceRun>();
        foreach (string line in lines.Skip(1))
        {
            string[] cells = line.Split(',');
            if (x0 >= 0 && cells[x0] != "standard") continue;
            runs.Add(new MghReferenceRun(
                cells[problem],
                int.Parse(cells[n], CultureInfo.InvariantCulture),
                int.Parse(cells[m], CultureInfo.InvariantCulture),
                int.Parse(cells[iterations], CultureInfo.InvariantCulture),
                int.Parse(cells[evaluations], CultureInfo.InvariantCulture),
                double.Parse(cells[final], CultureInfo.InvariantCulture)));
        }
        return runs;
    }
}
