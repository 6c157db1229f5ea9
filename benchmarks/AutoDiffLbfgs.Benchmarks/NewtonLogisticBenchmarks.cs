using System.Diagnostics;
using System.Text.Json;
using AutoDiffLbfgs.Newton;
using AutoDiffLbfgs.Tests.Newton;
using BenchmarkDotNet.Attributes;

namespace AutoDiffLbfgs.Benchmarks;

/// <summary>
/// Time to f* + 1e-10·f* (relative) on LIBLINEAR's L2-regularised logistic regression (<c>-s 0 -c 1 -B 1</c>) over the
/// 10⁵ × 10³ sparse synthetic sets (one entry in 16 nonzero, 6.25·10⁶ nonzeros; <c>large</c> with columns as drawn,
/// <c>large_scaled</c> with column j scaled by 2^−(j mod 8)), regenerated from their seeds at set-up: trust-region
/// Newton–CG (also with the Hessian diagonal at w = 0 as a fixed preconditioner, LIBLINEAR's kind, and each with
/// LIBLINEAR's initial radius Δ₀ = ‖∇f(0)‖ instead of scipy's 1), line-search
/// Newton–CG and classic L-BFGS on the sparse objective, Newton–CG with a Hessian sampled over N/20 rows on the row
/// terms; and LIBLINEAR 2.3 itself, called in process (<see cref="LiblinearNative"/>) with the eps at which its own run
/// first reaches that accuracy. Each solve starts at w = 0 and stops at the first iterate with f − f* ≤ 1e-10·f*
/// (the callback), f* from the fixture (Fixtures/liblinear/sparse_&lt;set&gt;.json, whose <c>to_1e-10</c> entry is
/// LIBLINEAR 2.3's own run to that accuracy: train() time, Newton and CG iterations). The set-up prints each solve's
/// counts, data passes (f and ∇f evaluations plus Hessian-vector products, a sampled one counting |S|/N) and one
/// Stopwatch time.
/// </summary>
[MemoryDiagnoser]
public class NewtonLogisticBenchmarks
{
    private const double RelativeAccuracy = 1e-10;
    private SparseLogisticData _data = null!;
    private double _c, _target;
    private double[] _diagonal = [];
    private double _liblinearEps;
    private LiblinearNative? _liblinear;

    /// <summary>The fixture: <c>large</c> or <c>large_scaled</c>.</summary>
    [Params("large", "large_scaled")]
    public string Set { get; set; } = "large";

    [GlobalSetup(Target = nameof(TrustRegionNewtonCg))]
    public void SetupTrustRegion() => Setup("trust region", TrustRegionCounts);

    [GlobalSetup(Target = nameof(PreconditionedTrustRegionNewtonCg))]
    public void SetupPreconditioned() => Setup("trust region, diagonal preconditioner", PreconditionedCounts);

    [GlobalSetup(Target = nameof(TrustRegionFromGradientNorm))]
    public void SetupFromGradientNorm() => Setup("trust region, Δ₀ = ‖∇f(0)‖", () => { var r = NewtonFromGradientNorm(false); return Counts(r, r.HessianVectorProducts); });

    [GlobalSetup(Target = nameof(PreconditionedTrustRegionFromGradientNorm))]
    public void SetupPreconditionedFromGradientNorm() => Setup("trust region, diagonal preconditioner, Δ₀ = ‖∇f(0)‖_M⁻¹", () => { var r = NewtonFromGradientNorm(true); return Counts(r, r.HessianVectorProducts); });

    [GlobalSetup(Target = nameof(LineSearchNewtonCg))]
    public void SetupLineSearch() => Setup("line search", LineSearchCounts);

    [GlobalSetup(Target = nameof(SubsampledHessianNewtonCg))]
    public void SetupSubsampled() => Setup("sub-sampled Hessian (N/20 rows)", SubsampledCounts);

    [GlobalSetup(Target = nameof(ClassicLbfgsSolve))]
    public void SetupLbfgs() => Setup("classic L-BFGS", LbfgsCounts);

    [GlobalSetup(Target = nameof(LiblinearTrain))]
    public void SetupLiblinear() => Setup("LIBLINEAR in process", LiblinearCounts);

    [GlobalCleanup]
    public void Cleanup()
    {
        _liblinear?.Dispose();
        _liblinear = null;
    }

    /// <summary>Regenerates the set (checked against the fixture's fingerprint), then solves once and prints the counts.</summary>
    private void Setup(string name, Func<(string Counts, double Passes, double Value)> solve)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Fixtures", $"sparse_{Set}.json");
        JsonElement reference = JsonDocument.Parse(File.ReadAllText(path)).RootElement;
        _data = SparseLogisticData.Generate(reference.GetProperty("rows").GetInt32(), reference.GetProperty("features").GetInt32(),
            reference.GetProperty("density").GetInt32(), reference.GetProperty("levels").GetInt32(), reference.GetProperty("seed").GetUInt64());
        if (_data.Nonzeros != reference.GetProperty("nonzeros").GetInt32() || _data.Checksum() != reference.GetProperty("checksum").GetDouble())
            throw new InvalidOperationException("The regenerated data are not the LIBLINEAR harness's.");
        _c = reference.GetProperty("C").GetDouble();
        double optimum = reference.GetProperty("f_star").GetDouble();
        _target = optimum * (1 + RelativeAccuracy);
        // ∇²f(0) = C·X̃ᵀ(¼I)X̃ + I: its diagonal, C·Σᵢ x̃ᵢⱼ²/4 + 1, the bias column's x̃ᵢⱼ = 1.
        _diagonal = new double[_data.Features + 1];
        for (int k = 0; k < _data.Nonzeros; k++) _diagonal[_data.Columns[k]] += _data.Values[k] * _data.Values[k];
        _diagonal[^1] = _data.Rows;
        for (int j = 0; j < _diagonal.Length; j++) _diagonal[j] = _c * _diagonal[j] / 4 + 1;
        JsonElement liblinear = reference.GetProperty("to_1e-10");
        _liblinearEps = liblinear.GetProperty("eps").GetDouble();
        Console.WriteLine($"// LIBLINEAR -s 0 to 1e-10: eps {liblinear.GetProperty("eps").GetDouble():E0}, {liblinear.GetProperty("iterations").GetInt32()} Newton / "
            + $"{liblinear.GetProperty("cg_iterations").GetInt32()} CG iterations, train() {liblinear.GetProperty("seconds").GetDouble():F3} s");
        var clock = Stopwatch.StartNew();
        var (counts, passes, value) = solve();
        Console.WriteLine($"// {name}: {counts}, {passes:F2} data passes, (f − f*)/f* = {(value - optimum) / optimum:E1}, {clock.Elapsed.TotalSeconds:F3} s");
    }

    private SparseLiblinearLogistic.LossObjective Objective() =>
        new(_data.Rows, _data.RowStart, _data.Columns, _data.Values, _data.Signs, _c);

    private SubsampledHessianObjective<double, SparseLiblinearLogistic.RowLossTerms> Subsampled() =>
        new(new SparseLiblinearLogistic.RowLossTerms(_data.Rows, _data.RowStart, _data.Columns, _data.Values, _data.Signs, _data.Rows * _c),
            _data.Features + 1, hessianSampleSize: _data.Rows / 20, seed: 1);

    private NewtonCgOptions NewtonOptions(NewtonCgMethod method) => new()
    {
        Method = method,
        AbsoluteGradientTolerance = 0,
        RelativeGradientTolerance = 0,
        Callback = p => p.Value > _target,
    };

    private NewtonCgResult Newton(NewtonCgMethod method) =>
        NewtonCg.Minimize(Objective(), new double[_data.Features + 1].AsSpan(), NewtonOptions(method));

    private NewtonCgResult PreconditionedNewton() =>
        NewtonCg.Minimize(Objective(), new DiagonalPreconditioner<double>(_diagonal), new double[_data.Features + 1].AsSpan(), NewtonOptions(NewtonCgMethod.TrustRegion));

    /// <summary>
    /// LIBLINEAR's initial radius instead of scipy's Δ₀ = 1: ‖∇f(0)‖, or √(∇f(0)ᵀM⁻¹∇f(0)) (the M-norm of the
    /// preconditioned gradient) with the diagonal preconditioner, and no cap on the radius.
    /// </summary>
    private NewtonCgResult NewtonFromGradientNorm(bool preconditioned)
    {
        int n = _data.Features + 1;
        double[] g = new double[n];
        Objective().ValueAndGradient(new double[n], g);
        double radius = Math.Sqrt(Enumerable.Range(0, n).Sum(j => g[j] * g[j] / (preconditioned ? _diagonal[j] : 1)));
        NewtonCgOptions options = NewtonOptions(NewtonCgMethod.TrustRegion);
        options.MaxTrustRadius = 1e300;
        options.InitialTrustRadius = radius;
        double[] w = new double[n];
        return preconditioned
            ? NewtonCg.Minimize(Objective(), new DiagonalPreconditioner<double>(_diagonal), w.AsSpan(), options)
            : NewtonCg.Minimize(Objective(), w.AsSpan(), options);
    }

    private NewtonCgResult SubsampledNewton() =>
        NewtonCg.Minimize<double, SubsampledHessianObjective<double, SparseLiblinearLogistic.RowLossTerms>>(
            Subsampled(), new double[_data.Features + 1], NewtonOptions(NewtonCgMethod.TrustRegion));

    private LbfgsResult ClassicLbfgs() => Lbfgs.Minimize(Objective(), new double[_data.Features + 1].AsSpan(), new LbfgsOptions
    {
        AbsoluteGradientTolerance = 0,
        RelativeGradientTolerance = 0,
        MaxIterations = 100_000,
        Callback = p => p.Value > _target,
    });

    private static (string, double, double) Counts(NewtonCgResult r, double productPasses) =>
        ($"{r.Termination}, {r.Iterations} iterations, {r.Evaluations} evaluations, {r.HessianVectorProducts} HVPs", r.Evaluations + productPasses, r.Value);

    private (string, double, double) TrustRegionCounts() { var r = Newton(NewtonCgMethod.TrustRegion); return Counts(r, r.HessianVectorProducts); }

    private (string, double, double) PreconditionedCounts() { var r = PreconditionedNewton(); return Counts(r, r.HessianVectorProducts); }

    private (string, double, double) LineSearchCounts() { var r = Newton(NewtonCgMethod.LineSearch); return Counts(r, r.HessianVectorProducts); }

    private (string, double, double) SubsampledCounts() { var r = SubsampledNewton(); return Counts(r, r.HessianVectorProducts / 20.0); }

    private double[] LiblinearWeights()
    {
        _liblinear ??= new LiblinearNative(_data);
        double[] w = new double[_data.Features + 1];
        _liblinear.Train(_c, _liblinearEps, w);
        return w;
    }

    private (string, double, double) LiblinearCounts()
    {
        double[] w = LiblinearWeights();
        return ($"eps {_liblinearEps:E0} (its counts are the fixture's)", double.NaN, Objective().Value(w));
    }

    private (string, double, double) LbfgsCounts()
    {
        var r = ClassicLbfgs();
        return ($"{r.Termination}, {r.Iterations} iterations, {r.Evaluations} evaluations", r.Evaluations, r.Value);
    }

    [Benchmark]
    public double TrustRegionNewtonCg() => Newton(NewtonCgMethod.TrustRegion).Value;

    [Benchmark]
    public double PreconditionedTrustRegionNewtonCg() => PreconditionedNewton().Value;

    [Benchmark]
    public double TrustRegionFromGradientNorm() => NewtonFromGradientNorm(false).Value;

    [Benchmark]
    public double PreconditionedTrustRegionFromGradientNorm() => NewtonFromGradientNorm(true).Value;

    [Benchmark]
    public double LineSearchNewtonCg() => Newton(NewtonCgMethod.LineSearch).Value;

    [Benchmark]
    public double SubsampledHessianNewtonCg() => SubsampledNewton().Value;

    [Benchmark(Baseline = true)]
    public double ClassicLbfgsSolve() => ClassicLbfgs().Value;

    [Benchmark]
    public double LiblinearTrain() => LiblinearWeights()[0];
}
