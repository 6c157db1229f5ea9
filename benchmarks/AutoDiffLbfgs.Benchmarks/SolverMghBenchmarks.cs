using AutoDiffLbfgs.Tests.Mgh;
using AutoDiffLbfgs.Tests.Mgh.Problems;
using BenchmarkDotNet.Attributes;

namespace AutoDiffLbfgs.Benchmarks;

/// <summary>Whole solves of the MGH problems from their standard starts: ours against Math.NET's L-BFGS.</summary>
[MemoryDiagnoser]
public class SolverMghBenchmarks
{
    private static readonly Dictionary<string, (Func<(double, int, int)> Ours, Func<(double, int, int)> MathNet)> Problems = new()
    {
        ["Rosenbrock"] = Pair(new ExtendedRosenbrock(2)),
        ["FreudensteinRoth"] = Pair(new FreudensteinRoth()),
        ["PowellBadlyScaled"] = Pair(new PowellBadlyScaled()),
        ["BrownBadlyScaled"] = Pair(new BrownBadlyScaled()),
        ["Beale"] = Pair(new Beale()),
        ["JennrichSampson"] = Pair(new JennrichSampson()),
        ["HelicalValley"] = Pair(new HelicalValley()),
        ["Bard"] = Pair(new Bard()),
        ["Gaussian"] = Pair(new Gaussian()),
        ["Meyer"] = Pair(new Meyer()),
        ["GulfResearch"] = Pair(new GulfResearch()),
        ["Box3D"] = Pair(new Box3D()),
        ["PowellSingular"] = Pair(new ExtendedPowellSingular(4)),
        ["Wood"] = Pair(new Wood()),
        ["KowalikOsborne"] = Pair(new KowalikOsborne()),
        ["BrownDennis"] = Pair(new BrownDennis()),
        ["Osborne1"] = Pair(new Osborne1()),
        ["BiggsExp6"] = Pair(new BiggsExp6()),
        ["Osborne2"] = Pair(new Osborne2()),
        ["Watson6"] = Pair(new Watson(6)),
        ["Watson9"] = Pair(new Watson(9)),
        ["ExtendedPowell100"] = Pair(new ExtendedPowellSingular(100)),
        ["PenaltyI10"] = Pair(new PenaltyI(10)),
        ["PenaltyII10"] = Pair(new PenaltyII(10)),
        ["VariablyDimensioned10"] = Pair(new VariablyDimensioned(10)),
        ["Trigonometric10"] = Pair(new Trigonometric(10)),
        ["DiscreteBoundaryValue10"] = Pair(new DiscreteBoundaryValue(10)),
        ["DiscreteIntegralEquation10"] = Pair(new DiscreteIntegralEquation(10)),
        ["BroydenTridiagonal10"] = Pair(new BroydenTridiagonal(10)),
        ["BroydenBanded10"] = Pair(new BroydenBanded(10)),
        ["LinearFullRank10"] = Pair(new LinearFullRank(10, 20)),
        ["ChainedRosenbrock100"] = Pair(new ChainedRosenbrock(100)),
    };

    /// <summary>Problem names for the parameter.</summary>
    public static IEnumerable<string> Names => Problems.Keys;

    /// <summary>The problem solved.</summary>
    [ParamsSource(nameof(Names))]
    public string Problem { get; set; } = "";

    [GlobalSetup]
    public void Report()
    {
        var (ours, theirs) = Problems[Problem];
        var a = ours();
        var b = theirs();
        Console.WriteLine($"// MGH {Problem}: ours f={a.Item1:G6} evals={a.Item2} iters={a.Item3}; Math.NET f={b.Item1:G6} evals={b.Item2} iters={b.Item3}");
    }

    [Benchmark]
    public double Ours() => Problems[Problem].Ours().Item1;

    [Benchmark(Baseline = true)]
    public double MathNet() => Problems[Problem].MathNet().Item1;

    private static (Func<(double, int, int)>, Func<(double, int, int)>) Pair<TProblem>(TProblem problem)
        where TProblem : struct, IMghProblem =>
        (() => SolverComparison.Ours(problem), () => SolverComparison.MathNet(problem));
}
