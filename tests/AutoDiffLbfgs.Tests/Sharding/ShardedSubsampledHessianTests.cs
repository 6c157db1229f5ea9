using AutoDiffLbfgs.Newton;
using AutoDiffLbfgs.Sharding;
using AutoDiffLbfgs.Stochastic;
using AutoDiffLbfgs.Tests.Infrastructure;
using AutoDiffLbfgs.Tests.Stochastic;
using static AutoDiffLbfgs.Tests.Sharding.InProcessShardedSumTests;
using static AutoDiffLbfgs.Tests.Stochastic.SqnTestSupport;

namespace AutoDiffLbfgs.Tests.Sharding;

/// <summary>
/// The sub-sampled Hessian over shards (<see cref="ShardedSubsampledHessianObjective{T}"/>): it draws the samples of
/// <see cref="SubsampledHessianObjective{T, TTerms}"/>, a sample of every term is the full sharded Newton–CG solve bit
/// for bit, it reaches the full optimum, draws one sample per iteration and allocates nothing per iteration.
/// </summary>
public class ShardedSubsampledHessianTests
{
    private const int Sample = 500;
    private static readonly ShardedLogisticData Data = new(termCount: 5000, features: 9, seed: 31);
    private static readonly int[] Layout = [1200, 700, 1500, 1600];
    private static readonly NewtonCgOptions Tight = new() { RelativeGradientTolerance = 1e-8 };

    private static (double[] X, NewtonCgResult Result) Solve<TObjective>(TObjective objective, NewtonCgOptions? options = null)
        where TObjective : ITwiceDifferentiableObjective<double>
    {
        var x = new double[Data.Dimension];
        return (x, NewtonCg.Minimize<double, TObjective>(objective, x, options ?? Tight));
    }

    [Fact]
    public void ProductsAreOverTheSamplesOfTheUnshardedObjective()
    {
        var sharded = new ShardedSubsampledHessianObjective<double>(Data.Sum(Layout), Sample, seed: 21);
        var unsharded = new SubsampledHessianObjective<double, GeneratedLogisticRegression.LossTerms>(Data.Terms(), Data.Dimension, Sample, seed: 21);
        double[] g = new double[Data.Dimension], expected = new double[Data.Dimension], actual = new double[Data.Dimension];
        for (int draw = 0; draw < 3; draw++)
        {
            double[] w = Point(10 + draw, 0.3), v = Point(20 + draw, 1);
            Assert.Equal(unsharded.ValueAndGradient(w, g), sharded.ValueAndGradient(w, g), 1e-14);
            unsharded.HessianVectorProduct(w, v, expected);
            sharded.HessianVectorProduct(w, v, actual);
            // The same 500 terms summed in another order (by shard, then the tree): equal to rounding. A sample that
            // differed by one term of 500 would move the mean by ~1e-3 relative.
            AssertClose(expected, actual, 1e-13);
        }
        Assert.Equal(3, sharded.SamplesDrawn);
    }

    [Fact]
    public void ASampleOfEveryTermIsTheFullShardedSolveBitForBit()
    {
        var (fullX, full) = Solve(new ShardedObjective<double>(Data.Sum(Layout)));
        var (x, result) = Solve(new ShardedSubsampledHessianObjective<double>(Data.Sum(Layout), Data.TermCount, seed: 99));
        Assert.True(full.Converged, full.ToString());
        AssertBitwiseEqual(fullX, x);
        Assert.Equal(full, result);
    }

    [Theory]
    [InlineData(NewtonCgMethod.TrustRegion)]
    [InlineData(NewtonCgMethod.LineSearch)]
    public void ReachesTheFullNewtonOptimumWithOneSamplePerIteration(NewtonCgMethod method)
    {
        var options = new NewtonCgOptions { Method = method, RelativeGradientTolerance = 1e-8 };
        var (fullX, full) = Solve(new ShardedObjective<double>(Data.Sum(Layout)), options);
        var sampled = new ShardedSubsampledHessianObjective<double>(Data.Sum(Layout), Sample, seed: 5);
        var (x, result) = Solve(sampled, options);
        Assert.True(result.Converged, result.ToString());
        // Both stop at ‖∇F‖ ≤ 1e-8·max(1, ‖x‖) with F strongly convex (λ = 0.01): the points agree to
        // ‖∇F‖/λ ≈ 1e-6·max(1, ‖x‖), the values to second order (λ/2·(1e-6)² ≪ 1e-12).
        AssertClose(fullX, x, 1e-5);
        Assert.Equal(full.Value, result.Value, 1e-12);
        Assert.Equal(result.Iterations, sampled.SamplesDrawn);
    }

    [Fact]
    public void IterationsAllocateNothingAfterWarmUp()
    {
        var objective = new ShardedSubsampledHessianObjective<double>(Data.Sum(Layout), Sample, seed: 13);
        long allocated = Allocations.AfterIteration(2, callback =>
        {
            var (_, result) = Solve(objective, new NewtonCgOptions { RelativeGradientTolerance = 1e-8, Callback = callback });
            Assert.True(result.Converged, result.ToString());
            Assert.True(result.Iterations >= 4, $"only {result.Iterations} iterations");
        });
        Assert.Equal(0, allocated);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5001)]
    public void ASampleSizeOutsideOneToNIsRejectedByName(int sample)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ShardedSubsampledHessianObjective<double>(Data.Sum(Layout), sample, seed: 1));
        Assert.Equal("hessianSampleSize", error.ParamName);
        Assert.Contains("N = 5000", error.Message);
    }
}
