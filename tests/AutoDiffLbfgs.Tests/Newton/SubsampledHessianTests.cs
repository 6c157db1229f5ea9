using AutoDiffLbfgs.Newton;
using AutoDiffLbfgs.Stochastic;
using AutoDiffLbfgs.Tests.Infrastructure;
using AutoDiffLbfgs.Tests.Stochastic;
using static AutoDiffLbfgs.Tests.Stochastic.SqnTestSupport;

namespace AutoDiffLbfgs.Tests.Newton;

/// <summary>
/// Sub-sampled Hessian Newton–CG (Byrd, Chin, Neveitt &amp; Nocedal 2011) through <see cref="SubsampledHessianObjective{T, TTerms}"/>:
/// it reaches the full-Newton optimum (the gradient is exact, so only the path differs), a sample of all N terms
/// reproduces the full solve bit for bit, and the solve is a function of the seed alone — not of the thread count.
/// </summary>
public class SubsampledHessianTests
{
    private const int Terms = 6000;
    private const int Dimension = 13;
    private const int Sample = 600;
    private static readonly LogisticRegressionTerms<double> Data = DeterminismAndAllocationTests.SyntheticLogistic(Terms, Dimension - 1, seed: 29);

    private static SubsampledHessianObjective<double, LogisticRegressionTerms<double>> Sampled(int sample, ulong seed, int threads = 1) =>
        new(Data, Dimension, sample, seed, threads, parallelThreshold: 100);

    private static readonly NewtonCgOptions Tight = new() { RelativeGradientTolerance = 1e-10 };

    private static (double[] X, NewtonCgResult Result) Solve(SubsampledHessianObjective<double, LogisticRegressionTerms<double>> objective, NewtonCgOptions? options = null)
    {
        var x = new double[Dimension];
        var result = NewtonCg.Minimize<double, SubsampledHessianObjective<double, LogisticRegressionTerms<double>>>(objective, x, options ?? Tight);
        return (x, result);
    }

    [Theory]
    [InlineData(NewtonCgMethod.TrustRegion)]
    [InlineData(NewtonCgMethod.LineSearch)]
    public void ReachesTheFullNewtonOptimum(NewtonCgMethod method)
    {
        var options = new NewtonCgOptions { Method = method, RelativeGradientTolerance = 1e-10 };
        var fullX = new double[Dimension];
        var full = NewtonCg.Minimize<double, FullSumObjective<double, LogisticRegressionTerms<double>>>(new(Data, Dimension, 1), fullX, options);
        Assert.True(full.Converged, full.ToString());

        var sampled = Sampled(Sample, seed: 5);
        var (x, result) = Solve(sampled, options);
        Assert.True(result.Converged, result.ToString());
        // Both stop at ‖∇F‖ ≤ 1e-10·max(1, ‖x‖) with F strongly convex (λ = 0.01), so the points agree to about
        // ‖∇F‖/λ ≈ 1e-8·‖x‖ and the values to second order.
        for (int j = 0; j < Dimension; j++) Assert.Equal(fullX[j], x[j], 1e-7);
        Assert.Equal(full.Value, result.Value, 1e-13);
        Assert.Equal(result.Iterations, sampled.SamplesDrawn);
    }

    [Fact]
    public void ASampleOfEveryTermIsTheFullSolveBitForBit()
    {
        var fullX = new double[Dimension];
        var full = NewtonCg.Minimize<double, FullSumObjective<double, LogisticRegressionTerms<double>>>(new(Data, Dimension, 1, parallelThreshold: 100), fullX, Tight);
        var (x, result) = Solve(Sampled(Terms, seed: 99));
        AssertBitwiseEqual(fullX, x);
        Assert.Equal(full.HessianVectorProducts, result.HessianVectorProducts);
        Assert.Equal(full.Iterations, result.Iterations);
    }

    [Fact]
    public void SolvesAreBitIdenticalForOneTwoThreeAndSevenThreads()
    {
        var (one, oneResult) = Solve(Sampled(Sample, seed: 7, threads: 1));
        Assert.True(oneResult.Converged, oneResult.ToString());
        foreach (int threads in new[] { 2, 3, 7 })
        {
            var (many, manyResult) = Solve(Sampled(Sample, seed: 7, threads));
            AssertBitwiseEqual(one, many);
            Assert.Equal(oneResult, manyResult);
        }
    }

    [Fact]
    public void TheSeedFixesTheSolve()
    {
        var (first, firstResult) = Solve(Sampled(Sample, seed: 11));
        var (again, againResult) = Solve(Sampled(Sample, seed: 11));
        AssertBitwiseEqual(first, again);
        Assert.Equal(firstResult, againResult);

        // Another seed draws other samples, so the path (and the last bits of x) differ.
        var (other, _) = Solve(Sampled(Sample, seed: 12));
        Assert.False(first.Zip(other).All(p => BitConverter.DoubleToInt64Bits(p.First) == BitConverter.DoubleToInt64Bits(p.Second)));
    }

    [Fact]
    public void OneSamplePerIterationAndOneForTheWholeCg()
    {
        // The CG of one iteration must see one symmetric operator: products at the same point between two
        // evaluations of f are with the same sample; an evaluation of f moves on to the next.
        var objective = Sampled(50, seed: 3);
        double[] w = FullSumParallelTests.RandomPoint(1), v = FullSumParallelTests.RandomPoint(2), first = new double[Dimension], second = new double[Dimension], g = new double[Dimension];
        objective.HessianVectorProduct(w, v, first);
        objective.HessianVectorProduct(w, v, second);
        AssertBitwiseEqual(first, second);
        Assert.Equal(1, objective.SamplesDrawn);
        objective.ValueAndGradient(w, g);
        objective.HessianVectorProduct(w, v, second);
        Assert.Equal(2, objective.SamplesDrawn);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void IterationsAllocateNothingAfterWarmUp()
    {
        var objective = Sampled(Sample, seed: 13, threads: 2);
        long allocated = Allocations.AfterIteration(2, callback =>
        {
            var (_, result) = Solve(objective, new NewtonCgOptions { RelativeGradientTolerance = 1e-10, Callback = callback });
            Assert.True(result.Converged, result.ToString());
            Assert.True(result.Iterations >= 4, $"only {result.Iterations} iterations");
        });
        Assert.Equal(0, allocated);
    }

    [Theory]
    [InlineData(NewtonCgTermination.MaxIterations)]
    [InlineData(NewtonCgTermination.MaxEvaluations)]
    [InlineData(NewtonCgTermination.TrustRegionTooSmall)]
    [InlineData(NewtonCgTermination.Cancelled)]
    [InlineData(NewtonCgTermination.StoppedByCallback)]
    [InlineData(NewtonCgTermination.LineSearchFailed)]
    public void TheSolversTerminationsApplyUnchanged(NewtonCgTermination expected)
    {
        // The wrapper adds no termination of its own: each of the solver's is reached through it as on any objective.
        var options = expected switch
        {
            NewtonCgTermination.MaxIterations => new NewtonCgOptions { RelativeGradientTolerance = 1e-12, MaxIterations = 2 },
            NewtonCgTermination.MaxEvaluations => new NewtonCgOptions { RelativeGradientTolerance = 1e-12, MaxEvaluations = 2 },
            // Δ̂ = Δ₀ = 1e-3 and a floor just above it: after the first step the radius is ¼Δ₀ or stays at most Δ̂, below the floor.
            NewtonCgTermination.TrustRegionTooSmall => new NewtonCgOptions { RelativeGradientTolerance = 1e-12, InitialTrustRadius = 1e-3, MaxTrustRadius = 1e-3, MinTrustRadius = 1e-3 * 1.0000001 },
            NewtonCgTermination.StoppedByCallback => new NewtonCgOptions { RelativeGradientTolerance = 1e-12, Callback = p => p.Iteration < 2 },
            NewtonCgTermination.LineSearchFailed => new NewtonCgOptions
            {
                Method = NewtonCgMethod.LineSearch,
                RelativeGradientTolerance = 1e-12,
                LineSearch = new AutoDiffLbfgs.LineSearch.MoreThuenteLineSearch { Curvature = 1e-3, MaxEvaluations = 1 },
            },
            _ => Tight,
        };
        var x = new double[Dimension];
        var result = NewtonCg.Minimize<double, SubsampledHessianObjective<double, LogisticRegressionTerms<double>>>(
            Sampled(Sample, seed: 21), x, options, new CancellationToken(expected == NewtonCgTermination.Cancelled));
        Assert.Equal(expected, result.Termination);
        switch (expected)
        {
            case NewtonCgTermination.MaxIterations or NewtonCgTermination.StoppedByCallback:
                Assert.Equal(2, result.Iterations);
                break;
            case NewtonCgTermination.MaxEvaluations:
                Assert.True(result.Evaluations <= 2, result.ToString());
                break;
            case NewtonCgTermination.Cancelled:
                Assert.Equal(0, result.Iterations);
                break;
        }
    }

    [Fact]
    public void ANonFiniteStartIsATerminationAndLeavesXUntouched()
    {
        var x = new double[Dimension];
        x[3] = double.NaN;
        var result = NewtonCg.Minimize<double, SubsampledHessianObjective<double, LogisticRegressionTerms<double>>>(Sampled(Sample, seed: 1), x, Tight);
        Assert.Equal(NewtonCgTermination.NonFiniteValue, result.Termination);
        Assert.Equal(0, result.HessianVectorProducts);
        Assert.True(double.IsNaN(x[3]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(Terms + 1)]
    public void ASampleSizeOutsideOneToNIsRejectedByName(int sample)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Sampled(sample, seed: 1));
        Assert.Equal("hessianSampleSize", error.ParamName);
        Assert.Contains("TermCount = 6000", error.Message);
    }
}
