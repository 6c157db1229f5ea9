using AutoDiffLbfgs.Tests.Gradients;

namespace AutoDiffLbfgs.Tests.Hessians;

/// <summary>
/// The generated Hessian-vector product of every double objective of the gradient test set, at that set's points,
/// against finite differences of the generated gradient along random directions.
/// </summary>
public class CaseHessianVectorProductTests
{
    public static TheoryData<string> Names => new(GradientCases.Double.Where(c => c.Value.HessianVectorProduct is not null).Select(c => c.Key).Order(StringComparer.Ordinal));

    [Fact]
    public void EveryDoubleCaseHasAHessianVectorProduct() =>
        Assert.All(GradientCases.Double.Values, c => Assert.NotNull(c.HessianVectorProduct));

    [Theory]
    [MemberData(nameof(Names))]
    public void HessianVectorProductMatchesFiniteDifferencesOfTheGradient(string name)
    {
        var c = GradientCases.Double[name];
        var hvp = c.HessianVectorProduct!;
        var random = new Random(name.Length * 7919 + name[0]);
        int checkedEntries = 0;
        foreach (var x in c.Points())
        {
            int n = x.Length;
            var v = Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray();
            var hv = new double[n];
            Array.Fill(hv, double.NaN); // the result must be overwritten, not accumulated into
            hvp(x, v, hv);

            // Central differences of the gradient along v at h and h/2, combined by Richardson (error O(h⁴) relative to
            // the third derivatives). Where the two disagree the stencil crossed a kink of the gradient (a branch on
            // an active value) and the entry is skipped; elsewhere the reference is good to ~1e-10, far below 1e-6.
            var d1 = Difference(c, x, v, 1e-4);
            var d2 = Difference(c, x, v, 0.5e-4);
            double scale = Math.Max(1, hv.Max(Math.Abs));
            for (int i = 0; i < n; i++)
            {
                if (Math.Abs(d1[i] - d2[i]) > 1e-5 * scale) continue;
                double reference = (4 * d2[i] - d1[i]) / 3;
                Assert.True(Math.Abs(hv[i] - reference) <= 1e-6 * scale, $"{name}: (Hv)[{i}] = {hv[i]:R}, finite differences {reference:R}");
                checkedEntries++;
            }
        }
        Assert.True(checkedEntries > 0, $"{name}: no entry could be checked");
    }

    private static double[] Difference(Gradients.Checking.GradientCase<double> c, double[] x, double[] v, double h)
    {
        int n = x.Length;
        var plus = x.Select((xi, i) => xi + h * v[i]).ToArray();
        var minus = x.Select((xi, i) => xi - h * v[i]).ToArray();
        var gp = new double[n];
        var gm = new double[n];
        c.Gradient(plus, gp);
        c.Gradient(minus, gm);
        return [.. gp.Select((g, i) => (g - gm[i]) / (2 * h))];
    }
}
