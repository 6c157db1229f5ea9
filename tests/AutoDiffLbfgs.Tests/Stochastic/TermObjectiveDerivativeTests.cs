using AutoDiffLbfgs.Stochastic;

namespace AutoDiffLbfgs.Tests.Stochastic;

/// <summary>The hand-written test objectives are only useful if their derivatives are right: central differences check them.</summary>
public class TermObjectiveDerivativeTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    [InlineData(568)]
    public void LogisticTermGradientAndHessianProductMatchCentralDifferences(int term)
    {
        var f = BreastCancerData.Objective();
        double[] w = RandomVector(31, seed: term + 1, scale: 0.3), v = RandomVector(31, seed: term + 2, scale: 1);
        CheckTerm(f, term, w, v);
    }

    [Fact]
    public void LeastSquaresTermGradientAndHessianProductMatchCentralDifferences()
    {
        var f = LeastSquaresTerms.Random(10, 4, seed: 3);
        CheckTerm(f, 7, RandomVector(4, 5, 1), RandomVector(4, 6, 1));
    }

    [Fact]
    public void FullSumObjectiveIsTheMeanOfTheTerms()
    {
        var terms = BreastCancerData.Objective();
        var full = new FullSumObjective<double, LogisticRegressionTerms<double>>(terms, 31);
        double[] w = RandomVector(31, 9, 0.2), v = RandomVector(31, 10, 1);
        var g = new double[31];
        var hv = new double[31];
        double value = full.ValueAndGradient(w, g);
        full.HessianVectorProduct(w, v, hv);

        Assert.Equal(terms.FullValue(w), value, 1e-14);
        Assert.Equal(value, full.Value(w), 1e-15);
        double[] mean = SqnTestSupport.BatchGradient(terms, Enumerable.Range(0, terms.TermCount).ToArray(), w);
        SqnTestSupport.AssertClose(mean, g, 1e-13);
        var fd = new double[31];
        CentralDifferenceOfGradient((x, gr) => full.ValueAndGradient(x, gr), w, v, fd);
        SqnTestSupport.AssertClose(fd, hv, 1e-6);
    }

    private static void CheckTerm<TObjective>(TObjective f, int term, double[] w, double[] v)
        where TObjective : struct, IFiniteSumObjective<double>
    {
        int n = w.Length;
        var g = new double[n];
        double value = f.TermValueAndGradient(term, w, g);
        Assert.Equal(f.TermValue(term, w), value, 1e-15);
        for (int j = 0; j < n; j++)
        {
            double h = 1e-6 * Math.Max(1, Math.Abs(w[j]));
            double[] plus = (double[])w.Clone(), minus = (double[])w.Clone();
            plus[j] += h;
            minus[j] -= h;
            double fd = (f.TermValue(term, plus) - f.TermValue(term, minus)) / (2 * h);
            Assert.True(Math.Abs(fd - g[j]) <= 1e-7 * Math.Max(1, Math.Abs(g[j])), $"∂f/∂w[{j}]: {fd} vs {g[j]}");
        }
        var hv = new double[n];
        f.TermHessianVectorProduct(term, w, v, hv);
        var expected = new double[n];
        CentralDifferenceOfGradient((x, gr) => f.TermValueAndGradient(term, x, gr), w, v, expected);
        SqnTestSupport.AssertClose(expected, hv, 1e-6);
    }

    private delegate double GradientOf(ReadOnlySpan<double> x, Span<double> gradient);

    private static void CentralDifferenceOfGradient(GradientOf gradient, double[] w, double[] v, double[] result)
    {
        const double h = 1e-5;
        int n = w.Length;
        double[] plus = w.Select((x, j) => x + h * v[j]).ToArray(), minus = w.Select((x, j) => x - h * v[j]).ToArray();
        double[] gp = new double[n], gm = new double[n];
        gradient(plus, gp);
        gradient(minus, gm);
        for (int j = 0; j < n; j++) result[j] = (gp[j] - gm[j]) / (2 * h);
    }

    private static double[] RandomVector(int n, int seed, double scale)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => scale * (2 * random.NextDouble() - 1)).ToArray();
    }
}
