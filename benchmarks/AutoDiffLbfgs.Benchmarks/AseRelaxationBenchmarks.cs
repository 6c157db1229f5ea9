using AutoDiffLbfgs.Ase;
using BenchmarkDotNet.Attributes;

namespace AutoDiffLbfgs.Benchmarks;

/// <summary>
/// ASE-mode relaxations of random Lennard-Jones clusters (density 0.5, minimum distance 0.9, fixed seed) with the
/// hand-written O(N²) gradient of <see cref="LennardJonesObjective"/>. <c>AseStrict200Steps</c> runs 200 steps of
/// ASE's exact rule (fmax set unreachably low), so its time / 200 is the cost per step including the energy;
/// <c>StepperOnly</c> is one step with a full memory of 100 pairs, without the energy; <c>BacktrackingToFmax005</c>
/// is a whole relaxation to fmax 0.05 with the safeguard (ASE's rule does not converge on these clusters).
/// <c>AseStrict200StepsGeneratedGradient</c> is the first with the gradient generated from <see cref="AseLennardJones.Energy"/>.
/// Run: <c>dotnet run -c Release --project benchmarks/AutoDiffLbfgs.Benchmarks -- --filter '*AseRelaxation*'</c>.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5, id: "AseShort")]
[MemoryDiagnoser]
public class AseRelaxationBenchmarks
{
    private double[] _start = [];
    private double[] _x = [];
    private double[] _g = [];
    private double[] _next = [];
    private AseLbfgsStepper _stepper = null!;

    /// <summary>Cluster size.</summary>
    [Params(38, 100, 1000)]
    public int Atoms { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _start = RandomCluster.Create(Atoms, seed: 1);
        _x = new double[_start.Length];
        _g = new double[_start.Length];
        _next = new double[_start.Length];
        // A stepper whose memory is full, as in a long run: 120 steps of ASE's rule from the start.
        _stepper = new AseLbfgsStepper(_start.Length);
        _start.CopyTo(_x, 0);
        var lj = new LennardJonesObjective();
        for (int k = 0; k < 120; k++)
        {
            lj.ValueAndGradient(_x, _g);
            _stepper.Step(_x, _g, _x);
        }
        lj.ValueAndGradient(_x, _g);
        _x.CopyTo(_next, 0);
        var probe = (double[])_start.Clone();
        var r = AseRelaxation.Relax(lj, probe, new AseLbfgsOptions { Safeguard = AseSafeguard.Backtracking });
        Console.WriteLine($"// LJ{Atoms} backtracking to fmax 0.05: {r}");
    }

    [Benchmark]
    public AseRelaxationResult AseStrict200Steps()
    {
        _start.CopyTo(_x, 0);
        return AseRelaxation.Relax(new LennardJonesObjective(), _x, new AseLbfgsOptions { Fmax = 1e-12, MaxSteps = 200 });
    }

    [Benchmark]
    public AseRelaxationResult AseStrict200StepsGeneratedGradient()
    {
        _start.CopyTo(_x, 0);
        return AseRelaxation.Relax(new AseLennardJones.EnergyObjective(), _x, new AseLbfgsOptions { Fmax = 1e-12, MaxSteps = 200 });
    }

    [Benchmark]
    public double StepperOnly()
    {
        // The same point every time: the history keeps 100 pairs (one is replaced per call).
        _stepper.Step(_next, _g, _x);
        return _x[0];
    }

    [Benchmark]
    public AseRelaxationResult BacktrackingToFmax005()
    {
        _start.CopyTo(_x, 0);
        return AseRelaxation.Relax(new LennardJonesObjective(), _x, new AseLbfgsOptions { Safeguard = AseSafeguard.Backtracking });
    }
}
