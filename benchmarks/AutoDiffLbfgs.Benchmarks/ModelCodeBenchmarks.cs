using AutoDiffLbfgs.Tests.Gradients.Objectives;
using BenchmarkDotNet.Attributes;

namespace AutoDiffLbfgs.Benchmarks;

/// <summary>
/// Issue 13's model code: ADBench's GMM objective ported line by line (<see cref="ModelObjectives.GaussianMixture"/>),
/// timed as the objective alone (the baseline), the generated value and gradient, and the generated Hessian-vector
/// product, at ADBench's sizes d = 2 and d = 64 with K = 5 on 1,000 points (ADBench uses 10,000; the ratios do not
/// depend on n). ADBench's published ratios for the same objective (arXiv:1807.10129): Tapenade 3.74 (d = 2) and 13.4
/// (d = 64); Manual 1.88 and 5.48.
/// Run: <c>dotnet run -c Release --project benchmarks/AutoDiffLbfgs.Benchmarks -- --filter *ModelCodeBenchmarks* --inProcess</c>.
/// </summary>
[MemoryDiagnoser]
public class ModelCodeBenchmarks
{
    private double[] _x = [];
    private double[] _v = [];
    private double[] _gradient = [];
    private double[] _product = [];
    private double[] _points = [];

    /// <summary>The dimension of the points.</summary>
    [Params(2, 64)]
    public int D { get; set; }

    /// <summary>The number of mixture components.</summary>
    [Params(5)]
    public int K { get; set; }

    /// <summary>Random parameters and points, fixed by a seed.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        int variables = K + K * D + K * D * (D + 1) / 2;
        _x = [.. Enumerable.Range(0, variables).Select(_ => 0.2 * (random.NextDouble() - 0.5))];
        _v = [.. Enumerable.Range(0, variables).Select(_ => random.NextDouble() - 0.5)];
        _points = [.. Enumerable.Range(0, 1_000 * D).Select(_ => random.NextDouble())];
        _gradient = new double[variables];
        _product = new double[variables];
    }

    /// <summary>f(x) alone.</summary>
    [Benchmark(Baseline = true)]
    public double Objective() => ModelObjectives.GaussianMixture(_x, _points, D, K, 1.0, 0);

    /// <summary>The generated value and gradient.</summary>
    [Benchmark]
    public double ValueAndGradient() => ModelObjectives.GaussianMixtureGradient(_x, _gradient, _points, D, K, 1.0, 0);

    /// <summary>The generated Hessian-vector product.</summary>
    [Benchmark]
    public void HessianVectorProduct() => ModelObjectives.GaussianMixtureHessianVectorProduct(_x, _v, _product, _points, D, K, 1.0, 0);
}
