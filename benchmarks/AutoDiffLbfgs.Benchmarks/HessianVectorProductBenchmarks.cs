using BenchmarkDotNet.Attributes;

namespace AutoDiffLbfgs.Benchmarks;

/// <summary>
/// Issue 3's benchmark: the generated Hessian-vector product next to the objective alone (the baseline, so the
/// Ratio column reads "× the objective") and the generated value-and-gradient. Target (DESIGN.md §5): HVP ≤ 6× the
/// objective, 0 B allocated.
/// Run: <c>dotnet run -c Release --project benchmarks/AutoDiffLbfgs.Benchmarks -- --filter *HessianVectorProductBenchmarks*</c>.
/// </summary>
[MemoryDiagnoser]
public class HessianVectorProductBenchmarks
{
    private double[] _x = [];
    private double[] _v = [];
    private double[] _out = [];

    /// <summary>The problem of this run (the same points as <see cref="GradientBenchmarks"/>).</summary>
    [Params(GradientBenchmarks.GradientProblem.Rosenbrock1K, GradientBenchmarks.GradientProblem.Rosenbrock100K, GradientBenchmarks.GradientProblem.LennardJones100)]
    public GradientBenchmarks.GradientProblem Problem { get; set; }

    /// <summary>Builds the point (as the gradient benchmark does) and a random direction.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var gradient = new GradientBenchmarks { Problem = Problem };
        gradient.Setup();
        _x = gradient.Point;
        var random = new Random(7);
        _v = [.. _x.Select(_ => random.NextDouble() - 0.5)];
        _out = new double[_x.Length];
    }

    /// <summary>f(x) alone.</summary>
    [Benchmark(Baseline = true)]
    public double Objective() => IsLennardJones ? GradientObjectives.LennardJones(_x) : GradientObjectives.ExtendedRosenbrock(_x);

    /// <summary>The generated value and gradient.</summary>
    [Benchmark]
    public double ValueAndGradient() => IsLennardJones
        ? GradientObjectives.LennardJonesGradient(_x, _out)
        : GradientObjectives.ExtendedRosenbrockGradient(_x, _out);

    /// <summary>The generated Hessian-vector product ∇²f(x)·v.</summary>
    [Benchmark]
    public double HessianVectorProduct()
    {
        if (IsLennardJones) GradientObjectives.LennardJonesHessianVectorProduct(_x, _v, _out);
        else GradientObjectives.ExtendedRosenbrockHessianVectorProduct(_x, _v, _out);
        return _out[0];
    }

    private bool IsLennardJones => Problem == GradientBenchmarks.GradientProblem.LennardJones100;
}
