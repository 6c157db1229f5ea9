using System.Globalization;
using System.Text.Json;
using AutoDiffLbfgs.Newton;
using AutoDiffLbfgs.Stochastic;
using AutoDiffLbfgs.Tests.Stochastic;

namespace AutoDiffLbfgs.Tests.Newton;

/// <summary>
/// Against LIBLINEAR 2.x's primal trust-region Newton (<c>liblinear-train -s 0 -c 1 -e 1e-12 -B 1</c>) on the
/// breast-cancer fixture (Fixtures/liblinear/make_fixture.py): our objective at LIBLINEAR's weights is LIBLINEAR's
/// value, and both Newton–CG variants, full and with a sub-sampled Hessian, reach its optimum to 1e-10 in f.
/// </summary>
public class LiblinearReferenceTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "liblinear");
    private static readonly JsonElement Reference = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "breast_cancer_c1.json"))).RootElement;
    private static readonly double LiblinearValue = Reference.GetProperty("f_liblinear").GetDouble();
    private static readonly double OptimalValue = Reference.GetProperty("f_star").GetDouble();
    private static readonly int Dimension = BreastCancerData.Features.Length / BreastCancerData.Labels.Length + 1;

    private static LiblinearLogistic.LossTerms Terms()
    {
        double[] labels = BreastCancerData.Labels;
        double[] signs = Array.ConvertAll(labels, l => l == 1 ? 1.0 : -1.0);
        double c = Reference.GetProperty("C").GetDouble();
        return new LiblinearLogistic.LossTerms(labels.Length, BreastCancerData.Features, signs, labels.Length * c);
    }

    private static double[] LiblinearWeights()
    {
        string[] lines = File.ReadAllLines(Path.Combine(Folder, "breast_cancer_c1.model"));
        return lines.SkipWhile(l => l != "w").Skip(1).Where(l => l.Trim().Length > 0)
            .Select(l => double.Parse(l, CultureInfo.InvariantCulture)).ToArray();
    }

    [Fact]
    public void OurObjectiveIsLiblinearsAtItsWeights()
    {
        double[] w = LiblinearWeights();
        Assert.Equal(Dimension, w.Length);
        var f = new FullSumObjective<double, LiblinearLogistic.LossTerms>(Terms(), Dimension, 1);
        // f ≈ 37.8 summed in another order than numpy's: a few ulp of it, far inside 1e-10.
        Assert.Equal(LiblinearValue, f.Value(w), 1e-10);
    }

    [Theory]
    [InlineData(NewtonCgMethod.TrustRegion)]
    [InlineData(NewtonCgMethod.LineSearch)]
    public void NewtonCgReachesLiblinearsOptimumTo1e10(NewtonCgMethod method)
    {
        // ‖∇f‖ ≤ 1e-6 with ∇²f ⪰ I (the ½‖w‖² term) bounds f − f* by ‖∇f‖²/2 = 5e-13; much tighter and ρ drowns in
        // the rounding of f ≈ 37.8 (LIBLINEAR stops there too: "actred and prered too small").
        var options = new NewtonCgOptions { Method = method, AbsoluteGradientTolerance = 1e-6, RelativeGradientTolerance = 0 };
        var x = new double[Dimension];
        var result = NewtonCg.Minimize<double, FullSumObjective<double, LiblinearLogistic.LossTerms>>(new(Terms(), Dimension, 1), x, options);
        Assert.True(result.Converged, result.ToString());
        Assert.Equal(OptimalValue, result.Value, 1e-10);
        Assert.True(result.Value <= LiblinearValue + 1e-10, result.ToString());
        // LIBLINEAR spends 65 CG iterations (one Hessian-vector product each) in 11 Newton steps; we spend 58 / 60.
        Assert.True(result.HessianVectorProducts <= Reference.GetProperty("liblinear_cg_iterations").GetInt32(), result.ToString());
    }

    [Fact]
    public void SubsampledHessianReachesLiblinearsOptimumTo1e10()
    {
        var options = new NewtonCgOptions { AbsoluteGradientTolerance = 1e-6, RelativeGradientTolerance = 0 };
        var x = new double[Dimension];
        var f = new SubsampledHessianObjective<double, LiblinearLogistic.LossTerms>(Terms(), Dimension, hessianSampleSize: 120, seed: 1, maxDegreeOfParallelism: 1);
        var result = NewtonCg.Minimize<double, SubsampledHessianObjective<double, LiblinearLogistic.LossTerms>>(f, x, options);
        Assert.True(result.Converged, result.ToString());
        Assert.Equal(OptimalValue, result.Value, 1e-10);
    }
}
