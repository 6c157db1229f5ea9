using AutoDiffLbfgs.Stochastic;
using static AutoDiffLbfgs.Tests.Stochastic.SqnTestSupport;

namespace AutoDiffLbfgs.Tests.Stochastic;

/// <summary>The generated <c>…Terms</c> struct agrees with the hand-written reference and drives the solver.</summary>
public class GeneratedTermsTests
{
    private static readonly LogisticRegressionTerms<double> Reference = BreastCancerData.Objective();
    private static readonly GeneratedLogisticRegression.LossTerms Generated =
        new(BreastCancerData.Labels.Length, BreastCancerData.Features, BreastCancerData.Labels, BreastCancerData.Lambda);

    [Theory]
    [InlineData(0)]
    [InlineData(211)]
    [InlineData(568)]
    public void GeneratedTermValueGradientAndHessianProductMatchTheHandWrittenOnes(int term)
    {
        var random = new Random(term);
        double[] w = Enumerable.Range(0, 31).Select(_ => random.NextDouble() - 0.5).ToArray();
        double[] v = Enumerable.Range(0, 31).Select(_ => random.NextDouble() - 0.5).ToArray();
        double[] g1 = new double[31], g2 = new double[31], h1 = new double[31], h2 = new double[31];

        Assert.Equal(Reference.TermValueAndGradient(term, w, g1), Generated.TermValueAndGradient(term, w, g2), 1e-14);
        Assert.Equal(Reference.TermValue(term, w), Generated.TermValue(term, w), 1e-14);
        Reference.TermHessianVectorProduct(term, w, v, h1);
        Generated.TermHessianVectorProduct(term, w, v, h2);
        AssertClose(g1, g2, 1e-14);
        AssertClose(h1, h2, 1e-14);
        Assert.Equal(Reference.TermCount, Generated.TermCount);
    }

    [Fact]
    public void SqnOnGeneratedTermsFollowsTheHandWrittenRun()
    {
        var options = Options(200, 20, 200, 10, 0.02);
        double[] w1 = new double[31], w2 = new double[31];
        StochasticLbfgs.Minimize(Reference, w1.AsSpan(), options);
        var result = StochasticLbfgs.Minimize(Generated, w2.AsSpan(), options);

        Assert.True(result.StoredPairs > 10);
        AssertClose(w1, w2, 1e-10);
    }

    [Fact]
    public void GeneratedLeastSquaresTermsMatchTheHandWrittenOnes()
    {
        var random = new Random(4);
        double[] a = Enumerable.Range(0, 30 * 4).Select(_ => random.NextDouble() - 0.5).ToArray();
        double[] b = Enumerable.Range(0, 30).Select(_ => random.NextDouble() - 0.5).ToArray();
        var reference = new LeastSquaresTerms(a, b);
        var generated = new GeneratedLeastSquares.ResidualTerms(30, a, b);
        double[] w = [0.3, -0.2, 0.1, 0.7], v = [1, 2, -1, 0.5];
        double[] g1 = new double[4], g2 = new double[4], h1 = new double[4], h2 = new double[4];
        Assert.Equal(reference.TermValueAndGradient(17, w, g1), generated.TermValueAndGradient(17, w, g2), 1e-15);
        reference.TermHessianVectorProduct(17, w, v, h1);
        generated.TermHessianVectorProduct(17, w, v, h2);
        AssertClose(g1, g2, 1e-15);
        AssertClose(h1, h2, 1e-15);
    }
}
