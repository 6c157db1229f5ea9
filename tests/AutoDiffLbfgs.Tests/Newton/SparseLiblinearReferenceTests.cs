using System.Text.Json;
using AutoDiffLbfgs.Newton;
using AutoDiffLbfgs.Stochastic;
using AutoDiffLbfgs.Tests.Gradients.Checking;

namespace AutoDiffLbfgs.Tests.Newton;

/// <summary>
/// Against LIBLINEAR 2.3's <c>-s 0</c> on the small sparse synthetic set (2000 × 100, one entry in 8 nonzero; the
/// benchmark's 10⁵ × 10³ set is its big sibling, Fixtures/liblinear/make_sparse_reference.py): the regenerated data are
/// the harness's, the sparse objectives' derivatives are right, and the Newton–CG variants reach LIBLINEAR's optimum
/// to 1e-10 relative in f.
/// </summary>
public class SparseLiblinearReferenceTests
{
    private static readonly JsonElement Reference = JsonDocument.Parse(File.ReadAllText(
        Path.Combine(AppContext.BaseDirectory, "Fixtures", "liblinear", "sparse_small.json"))).RootElement;

    private static readonly SparseLogisticData Data = SparseLogisticData.Generate(
        Reference.GetProperty("rows").GetInt32(), Reference.GetProperty("features").GetInt32(),
        Reference.GetProperty("density").GetInt32(), Reference.GetProperty("seed").GetUInt64());

    private static readonly double C = Reference.GetProperty("C").GetDouble();
    private static readonly double OptimalValue = Reference.GetProperty("f_star").GetDouble();
    private static int Dimension => Data.Features + 1;

    private static SparseLiblinearLogistic.LossObjective Objective(SparseLogisticData data) =>
        new(data.Rows, data.RowStart, data.Columns, data.Values, data.Signs, C);

    private static SparseLiblinearLogistic.RowLossTerms Terms(SparseLogisticData data) =>
        new(data.Rows, data.RowStart, data.Columns, data.Values, data.Signs, data.Rows * C);

    /// <summary>
    /// Newton stops at ‖∇f‖ ≤ √(2·10⁻¹¹·f*) (0.005 here): ∇²f ⪰ I (the ½‖w‖² term) bounds f − f* by ‖∇f‖²/2 ≤ 10⁻¹¹·f*,
    /// a tenth of the accuracy asked. Much tighter and ρ drowns in the rounding of f ≈ 1200 (trust region too small).
    /// </summary>
    private static NewtonCgOptions Options(NewtonCgMethod method) => new()
    {
        Method = method,
        AbsoluteGradientTolerance = Math.Sqrt(2e-11 * OptimalValue),
        RelativeGradientTolerance = 0,
    };

    [Fact]
    public void TheRegeneratedDataAreTheHarnesss()
    {
        Assert.Equal(Reference.GetProperty("nonzeros").GetInt32(), Data.Nonzeros);
        Assert.Equal(Reference.GetProperty("positives").GetInt32(), Data.Signs.Count(s => s > 0));
        Assert.Equal(Reference.GetProperty("checksum").GetDouble(), Data.Checksum());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void SparseGradientAndHessianProductMatchCentralDifferences(int seed)
    {
        // A tiny set (40 rows, 9 features) so every coordinate gets a finite difference; the points are far from the optimum.
        var data = SparseLogisticData.Generate(40, 9, 3, (ulong)seed);
        var random = new Random(seed);
        double[] w = Enumerable.Range(0, 10).Select(_ => 2 * random.NextDouble() - 1).ToArray();
        double[] v = Enumerable.Range(0, 10).Select(_ => 2 * random.NextDouble() - 1).ToArray();
        var f = Objective(data);
        var g = new double[10];
        f.ValueAndGradient(w, g);
        double[] reference = FiniteDifference.Gradient(x => f.Value(x), w, FiniteDifference.DefaultRelativeStep, out double scale);
        Assert.Empty(GradientChecker.Compare(g, reference, w, FiniteDifference.DefaultRelativeStep, scale, isSinglePrecision: false));
        Assert.Empty(HessianVectorChecker.Compare((x, gradient) => f.ValueAndGradient(x, gradient), (x, d, r) => f.HessianVectorProduct(x, d, r), w, v));
    }

    [Fact]
    public void TheMeanOfTheRowTermsIsTheWholeObjective()
    {
        var whole = Objective(Data);
        var mean = new FullSumObjective<double, SparseLiblinearLogistic.RowLossTerms>(Terms(Data), Dimension, 1);
        var random = new Random(4);
        double[] w = Enumerable.Range(0, Dimension).Select(_ => 0.1 * (2 * random.NextDouble() - 1)).ToArray();
        double[] v = Enumerable.Range(0, Dimension).Select(_ => 2 * random.NextDouble() - 1).ToArray();
        double[] g1 = new double[Dimension], g2 = new double[Dimension], h1 = new double[Dimension], h2 = new double[Dimension];
        double f1 = whole.ValueAndGradient(w, g1), f2 = mean.ValueAndGradient(w, g2);
        whole.HessianVectorProduct(w, v, h1);
        mean.HessianVectorProduct(w, v, h2);
        Assert.Equal(f1, f2, 1e-12 * f1);
        for (int j = 0; j < Dimension; j++)
        {
            Assert.Equal(g1[j], g2[j], 1e-10 * Math.Max(1, Math.Abs(g1[j])));
            Assert.Equal(h1[j], h2[j], 1e-10 * Math.Max(1, Math.Abs(h1[j])));
        }
    }

    [Theory]
    [InlineData(NewtonCgMethod.TrustRegion)]
    [InlineData(NewtonCgMethod.LineSearch)]
    public void NewtonCgReachesLiblinearsOptimumTo1e10Relative(NewtonCgMethod method)
    {
        var x = new double[Dimension];
        var result = NewtonCg.Minimize(Objective(Data), x.AsSpan(), Options(method));
        Assert.True(result.Converged, result.ToString());
        Assert.True(Math.Abs(result.Value - OptimalValue) <= 1e-10 * OptimalValue, $"f − f* = {result.Value - OptimalValue:E2}; {result}");
    }

    [Fact]
    public void SubsampledHessianReachesLiblinearsOptimumTo1e10Relative()
    {
        var x = new double[Dimension];
        var f = new SubsampledHessianObjective<double, SparseLiblinearLogistic.RowLossTerms>(Terms(Data), Dimension, hessianSampleSize: Data.Rows / 10, seed: 1, maxDegreeOfParallelism: 2, parallelThreshold: 100);
        var result = NewtonCg.Minimize<double, SubsampledHessianObjective<double, SparseLiblinearLogistic.RowLossTerms>>(f, x, Options(NewtonCgMethod.TrustRegion));
        Assert.True(result.Converged, result.ToString());
        // The terms' mean is f to a few ulp per term summed, so the value at the optimum is compared to 1e-10 relative as well.
        Assert.True(Math.Abs(result.Value - OptimalValue) <= 1e-10 * OptimalValue, $"f − f* = {result.Value - OptimalValue:E2}; {result}");
    }
}
