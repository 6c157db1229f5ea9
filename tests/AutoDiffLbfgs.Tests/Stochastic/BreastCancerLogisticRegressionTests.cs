using AutoDiffLbfgs.Stochastic;
using static AutoDiffLbfgs.Tests.Stochastic.SqnTestSupport;

namespace AutoDiffLbfgs.Tests.Stochastic;

/// <summary>
/// L2-regularized logistic regression on the standardized breast-cancer data against the reference optimum
/// L* = 0.0995913754847055 (issue 6's acceptance tests).
/// </summary>
public class BreastCancerLogisticRegressionTests
{
    private static readonly LogisticRegressionTerms<double> Problem = BreastCancerData.Objective();
    private static int N => Problem.TermCount;

    [Fact]
    public void SqnEndsWithinOneThousandthOfTheOptimum()
    {
        var options = Options(600, 50, 300, 10, 0.02);
        var w = new double[31];
        var result = StochasticLbfgs.Minimize(Problem, w.AsSpan(), options);

        double gap = Problem.FullValue(w) - BreastCancerData.OptimalLoss;
        Assert.Equal(StochasticLbfgsTermination.MaxIterations, result.Termination);
        Assert.InRange(gap, 0, 1e-3);
        Assert.True(result.StoredPairs > 50);
    }

    [Fact]
    public void SqnReachesTheTargetLossInFewerDataPassesThanSgdWithTheSameStepsAndBatches()
    {
        const double target = BreastCancerData.OptimalLoss + 2e-3;
        double sqn = DataPassesToReach(target, l: 10);
        // L larger than the run makes every iteration an SGD step (the first 2L are), with the same batches and steps.
        double sgd = DataPassesToReach(target, l: 1_000_000);

        Assert.True(sqn < sgd / 2, $"SQN needed {sqn:F1} data passes, SGD {sgd:F1}.");
    }

    [Fact]
    public void FullBatchSqnConvergesOnTheAccuracyThreshold()
    {
        var options = new StochasticLbfgsOptions { NIterations = 1000, BatchSize = N, CorrectionPairBatchSize = N, L = 2, AccuracyThreshold = 1e-9 };
        var w = new double[31];
        var result = StochasticLbfgs.Minimize(Problem, w.AsSpan(), options);

        Assert.Equal(StochasticLbfgsTermination.Converged, result.Termination);
        Assert.True(result.GradientNorm < 1e-9 * Math.Max(1, Norm(w)));
        Assert.Equal(BreastCancerData.OptimalLoss, Problem.FullValue(w), 1e-12);
    }

    [Fact]
    public void ClassicSolverReachesTheOptimumToTenDigits()
    {
        var objective = new FullSumObjective<double, LogisticRegressionTerms<double>>(Problem, 31);
        var w = new double[31];
        var result = Lbfgs.Minimize<double, FullSumObjective<double, LogisticRegressionTerms<double>>>(
            objective, w, new LbfgsOptions { RelativeGradientTolerance = 1e-8 });

        Assert.True(result.Converged, result.Termination.ToString());
        Assert.Equal(BreastCancerData.OptimalLoss, Problem.FullValue(w), 1e-10);
    }

    [Fact]
    public void SinglePrecisionSqnTrainsTheModel()
    {
        var f = BreastCancerData.ObjectiveSingle();
        var options = Options(600, 50, 300, 10, 0.02);
        var w = new float[31];
        var result = StochasticLbfgs.Minimize(f, w.AsSpan(), options);

        Assert.Equal(StochasticLbfgsTermination.MaxIterations, result.Termination);
        Assert.InRange(f.FullValue(w) - BreastCancerData.OptimalLoss, -1e-5, 2e-3);
    }

    private static double DataPassesToReach(double target, int l)
    {
        var w = new double[31];
        StochasticLbfgsState<double>? state = null;
        double passes = 0;
        for (int block = 0; block < 300; block++)
        {
            var result = StochasticLbfgs.Minimize(Problem, w.AsSpan(), Options(10, 20, 200, l, 0.02), state);
            state = result.State;
            passes += result.DataPasses(N);
            if (Problem.FullValue(w) <= target) return passes;
        }
        return double.PositiveInfinity;
    }

    private static double Norm(double[] w) => Math.Sqrt(w.Sum(v => v * v));
}
