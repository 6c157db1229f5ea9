using AutoDiffLbfgs.Ase;
using AutoDiffLbfgs.Tests.Ase;
using BenchmarkDotNet.Attributes;

namespace AutoDiffLbfgs.Benchmarks;

/// <summary>
/// Per-step cost of periodic relaxations against ASE 3.22 (benchmarks/ase_periodic_timing.py times ASE on the same
/// crystals): a rattled fcc Lennard-Jones crystal (a = 1.56σ, rc = 2.5, sharp) of 108 or 1,000 atoms, ASE's LBFGS with
/// alpha 300, 50 steps at fmax 0, positions only (<c>FixedCell50Steps</c>) and with UnitCellFilter
/// (<c>UnitCell50Steps</c>, default cell factor N). ExpCellFilter is not timed: with cell factor 1 its cell rows take
/// maxstep-sized steps and this run diverges (in ASE too). Time / 50 is the cost per step, energy, forces, stress and
/// pair list included. Run:
/// <c>dotnet run -c Release --project benchmarks/AutoDiffLbfgs.Benchmarks -- --filter '*AsePeriodic*'</c>.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5, id: "AseShort")]
[MemoryDiagnoser]
public class AsePeriodicBenchmarks
{
    private double[] _start = [];
    private double[] _cell = [];
    private double[] _x = [];

    /// <summary>Atoms in the crystal: 3×3×3 or 5×5×10 conventional cells of 4.</summary>
    [Params(108, 1000)]
    public int Atoms { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (_start, _cell) = PeriodicCrystal.Rattled(Atoms == 108 ? (3, 3, 3) : (5, 5, 10), seed: 1);
        _x = new double[_start.Length + 9];
    }

    [Benchmark]
    public AseRelaxationResult FixedCell50Steps()
    {
        var x = (double[])_start.Clone();
        return AseRelaxation.Relax(new PeriodicLennardJonesObjective(_cell, [true, true, true], 2.5), x,
            new AseLbfgsOptions { Alpha = 300, Fmax = 0, MaxSteps = 50 });
    }

    [Benchmark]
    public AseRelaxationResult UnitCell50Steps()
    {
        int atoms = _start.Length / 3;
        var filter = new AseCellFilter<PeriodicLennardJonesCellObjective>(
            new PeriodicLennardJonesCellObjective(atoms, _cell, [true, true, true]), atoms, _cell,
            new AseCellFilterOptions { Kind = AseCellFilterKind.UnitCell });
        filter.GetCoordinates(_start, _cell, _x);
        return AseRelaxation.Relax(filter, _x, new AseLbfgsOptions { Alpha = 300, Fmax = 0, MaxSteps = 50 });
    }
}

/// <summary>
/// Batch throughput: 16 rattled 108-atom crystals (different seeds) relaxed to fmax 1e-3 with ASE's LBFGS (alpha 300),
/// one after another (<c>OneByOne</c>) or as one <see cref="AseBatchRelaxation"/> on all cores (<c>Batch</c>). Both do
/// the same arithmetic (the tests check it bit for bit); the ratio is what the cores give.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5, id: "AseShort")]
[MemoryDiagnoser]
public class AseBatchBenchmarks
{
    private const int Structures = 16;
    private double[][] _starts = [];
    private double[] _cell = [];
    private static readonly AseLbfgsOptions Options = new() { Alpha = 300, Fmax = 1e-3, MaxSteps = 1000 };

    [GlobalSetup]
    public void Setup()
    {
        _starts = new double[Structures][];
        for (int k = 0; k < Structures; k++) (_starts[k], _cell) = PeriodicCrystal.Rattled((3, 3, 3), seed: 100 + k);
    }

    [Benchmark(Baseline = true)]
    public int OneByOne()
    {
        int steps = 0;
        for (int k = 0; k < Structures; k++)
        {
            var x = (double[])_starts[k].Clone();
            steps += AseRelaxation.Relax(new PeriodicLennardJonesObjective(_cell, [true, true, true], 2.5), x, Options).Steps;
        }
        return steps;
    }

    [Benchmark]
    public int Batch()
    {
        var x = _starts.Select(s => (double[])s.Clone()).ToArray();
        var objectives = Enumerable.Range(0, Structures).Select(_ => new PeriodicLennardJonesObjective(_cell, [true, true, true], 2.5)).ToArray();
        return AseBatchRelaxation.Relax(objectives, x, Options).Sum(r => r.Steps);
    }
}

/// <summary>Rattled fcc crystals (a = 1.56σ, uniform rattle ±0.02σ from a seeded generator) for the periodic benchmarks.</summary>
internal static class PeriodicCrystal
{
    public static (double[] Positions, double[] Cell) Rattled((int A, int B, int C) repeat, int seed)
    {
        const double a = 1.56;
        ReadOnlySpan<double> basis = [0, 0, 0, 0.5, 0.5, 0, 0.5, 0, 0.5, 0, 0.5, 0.5];
        var random = new Random(seed);
        var x = new List<double>();
        for (int i = 0; i < repeat.A; i++)
            for (int j = 0; j < repeat.B; j++)
                for (int k = 0; k < repeat.C; k++)
                    for (int s = 0; s < 4; s++)
                    {
                        x.Add((i + basis[3 * s]) * a + 0.04 * (random.NextDouble() - 0.5));
                        x.Add((j + basis[3 * s + 1]) * a + 0.04 * (random.NextDouble() - 0.5));
                        x.Add((k + basis[3 * s + 2]) * a + 0.04 * (random.NextDouble() - 0.5));
                    }
        return ([.. x], [repeat.A * a, 0, 0, 0, repeat.B * a, 0, 0, 0, repeat.C * a]);
    }
}
