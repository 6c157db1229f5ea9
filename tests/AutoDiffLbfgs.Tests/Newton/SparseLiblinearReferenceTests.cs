using System.Text.Json;
using AutoDiffLbfgs.Newton;
using AutoDiffLbfgs.Stochastic;
using AutoDiffLbfgs.Tests.Gradients.Checking;

namespace AutoDiffLbfgs.Tests.Newton;

/// <summary>
/// Against LIBLINEAR 2.3's <c>-s 0</c> on the small sparse synthetic sets (2000 × 100, one entry in 8 nonzero; columns
/// as drawn, and scaled by 2^−(j mod 8) as unnormalised features are; the benchmark's 10⁵ × 10³ sets are their big
/// siblings, Fixtures/liblinear/make_sparse_reference.py): the regenerated data are the harness's, the sparse objectives' derivatives are right, and the Newton–CG variants reach LIBLINEAR's optimum
/// to 1e-10 relative in f.
/// </summary>
public class SparseLiblinearReferenceTests
{
    /// <summary>One fixture: the harness's numbers and the data regenerated from them.</summary>
    private sealed record Set(JsonElement Reference, SparseLogisticData Data)
    {
        public double C => Reference.GetProperty("C").GetDouble();

        public double OptimalValue => Reference.GetProperty("f_star").GetDouble();

        public int Dimension => Data.Features + 1;

        public SparseLiblinearLogistic.LossObjective Objective() => new(Data.Rows, Data.RowStart, Data.Columns, Data.Values, Data.Signs, C);

        public SparseLiblinearLogistic.RowLossTerms Terms() => new(Data.Rows, Data.RowStart, Data.Columns, Data.Values, Data.Signs, Data.Rows * C);

        /// <summary>
        /// Newton stops at ‖∇f‖ ≤ √(2·10⁻¹¹·f*) (about 0.005 here): ∇²f ⪰ I (the ½‖w‖² term) bounds f − f* by ‖∇f‖²/2 ≤
        /// 10⁻¹¹·f*, a tenth of the accuracy asked. Much tighter and ρ drowns in the rounding of f ≈ 1300 (trust region
        /// too small).
        /// </summary>
        public NewtonCgOptions Options(NewtonCgMethod method) => new()
        {
            Method = method,
            AbsoluteGradientTolerance = Math.Sqrt(2e-11 * OptimalValue),
            RelativeGradientTolerance = 0,
        };

        public void AssertOptimal(NewtonCgResult result)
        {
            Assert.True(result.Converged, result.ToString());
            Assert.True(Math.Abs(result.Value - OptimalValue) <= 1e-10 * OptimalValue, $"f − f* = {result.Value - OptimalValue:E2}; {result}");
        }
    }

    private static readonly Dictionary<string, Set> Sets = new[] { "small", "small_scaled" }.ToDictionary(name => name, name =>
    {
        JsonElement reference = JsonDocument.Parse(File.ReadAllText(
            Path.Combine(AppContext.BaseDirectory, "Fixtures", "liblinear", $"sparse_{name}.json"))).RootElement;
        var data = SparseLogisticData.Generate(reference.GetProperty("rows").GetInt32(), reference.GetProperty("features").GetInt32(),
            reference.GetProperty("density").GetInt32(), reference.GetProperty("levels").GetInt32(), reference.GetProperty("seed").GetUInt64());
        return new Set(reference, data);
    });

    public static TheoryData<string> Names => new() { "small", "small_scaled" };

    public static TheoryData<string, NewtonCgMethod> NamesAndMethods => new()
    {
        { "small", NewtonCgMethod.TrustRegion }, { "small", NewtonCgMethod.LineSearch },
        { "small_scaled", NewtonCgMethod.TrustRegion }, { "small_scaled", NewtonCgMethod.LineSearch },
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void TheRegeneratedDataAreTheHarnesss(string name)
    {
        var (reference, data) = Sets[name];
        Assert.Equal(reference.GetProperty("nonzeros").GetInt32(), data.Nonzeros);
        Assert.Equal(reference.GetProperty("positives").GetInt32(), data.Signs.Count(s => s > 0));
        Assert.Equal(reference.GetProperty("checksum").GetDouble(), data.Checksum());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void SparseGradientAndHessianProductMatchCentralDifferences(int seed)
    {
        // A tiny set (40 rows, 9 features) so every coordinate gets a finite difference; the points are far from the optimum.
        var data = SparseLogisticData.Generate(40, 9, 3, 4, (ulong)seed);
        var random = new Random(seed);
        double[] w = Enumerable.Range(0, 10).Select(_ => 2 * random.NextDouble() - 1).ToArray();
        double[] v = Enumerable.Range(0, 10).Select(_ => 2 * random.NextDouble() - 1).ToArray();
        var f = new SparseLiblinearLogistic.LossObjective(data.Rows, data.RowStart, data.Columns, data.Values, data.Signs, 1);
        var g = new double[10];
        f.ValueAndGradient(w, g);
        double[] reference = FiniteDifference.Gradient(x => f.Value(x), w, FiniteDifference.DefaultRelativeStep, out double scale);
        Assert.Empty(GradientChecker.Compare(g, reference, w, FiniteDifference.DefaultRelativeStep, scale, isSinglePrecision: false));
        Assert.Empty(HessianVectorChecker.Compare((x, gradient) => f.ValueAndGradient(x, gradient), (x, d, r) => f.HessianVectorProduct(x, d, r), w, v));
    }

    [Fact]
    public void TheMeanOfTheRowTermsIsTheWholeObjective()
    {
        Set set = Sets["small_scaled"];
        int dimension = set.Dimension;
        var whole = set.Objective();
        var mean = new FullSumObjective<double, SparseLiblinearLogistic.RowLossTerms>(set.Terms(), dimension, 1);
        var random = new Random(4);
        double[] w = Enumerable.Range(0, dimension).Select(_ => 0.1 * (2 * random.NextDouble() - 1)).ToArray();
        double[] v = Enumerable.Range(0, dimension).Select(_ => 2 * random.NextDouble() - 1).ToArray();
        double[] g1 = new double[dimension], g2 = new double[dimension], h1 = new double[dimension], h2 = new double[dimension];
        double f1 = whole.ValueAndGradient(w, g1), f2 = mean.ValueAndGradient(w, g2);
        whole.HessianVectorProduct(w, v, h1);
        mean.HessianVectorProduct(w, v, h2);
        Assert.Equal(f1, f2, 1e-12 * f1);
        for (int j = 0; j < dimension; j++)
        {
            Assert.Equal(g1[j], g2[j], 1e-10 * Math.Max(1, Math.Abs(g1[j])));
            Assert.Equal(h1[j], h2[j], 1e-10 * Math.Max(1, Math.Abs(h1[j])));
        }
    }

    [Theory]
    [MemberData(nameof(NamesAndMethods))]
    public void NewtonCgReachesLiblinearsOptimumTo1e10Relative(string name, NewtonCgMethod method)
    {
        Set set = Sets[name];
        var x = new double[set.Dimension];
        set.AssertOptimal(NewtonCg.Minimize(set.Objective(), x.AsSpan(), set.Options(method)));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void SubsampledHessianReachesLiblinearsOptimumTo1e10Relative(string name)
    {
        // A tenth of the rows per Hessian sample; the gradient, and so the optimum, is the full one.
        Set set = Sets[name];
        var x = new double[set.Dimension];
        var f = new SubsampledHessianObjective<double, SparseLiblinearLogistic.RowLossTerms>(set.Terms(), set.Dimension, hessianSampleSize: set.Data.Rows / 10, seed: 1, maxDegreeOfParallelism: 2, parallelThreshold: 100);
        set.AssertOptimal(NewtonCg.Minimize<double, SubsampledHessianObjective<double, SparseLiblinearLogistic.RowLossTerms>>(f, x, set.Options(NewtonCgMethod.TrustRegion)));
    }
}
