using AutoDiffLbfgs.Tests.Infrastructure;
using AutoDiffLbfgs.Tests.Mgh.Problems;

namespace AutoDiffLbfgs.Tests.Bounds;

public class LbfgsBAllocationTests
{
    [Fact]
    public void BoundedIterationsAllocateNothingAfterWarmUp()
    {
        // Chained Rosenbrock (n = 100) with xᵢ ≤ 0.5 on every third variable and xᵢ ≥ −0.9 on the others: the Cauchy
        // search meets breakpoints, variables enter and leave the active set and the subspace step is projected.
        // Allocation is read in the callback at iteration 10 and at the last iteration, so the workspace is excluded.
        const int n = 100;
        var problem = new ChainedRosenbrock(n);
        long atWarm = -1, atEnd = -1;
        int lastIteration = 0;
        var options = new LbfgsOptions
        {
            LowerBounds = Enumerable.Range(0, n).Select(i => i % 3 == 0 ? double.NegativeInfinity : -0.9).ToArray(),
            UpperBounds = Enumerable.Range(0, n).Select(i => i % 3 == 0 ? 0.5 : double.PositiveInfinity).ToArray(),
            RelativeGradientTolerance = 1e-12,
            Callback = p =>
            {
                if (p.Iteration == 10) atWarm = GC.GetAllocatedBytesForCurrentThread();
                atEnd = GC.GetAllocatedBytesForCurrentThread();
                lastIteration = p.Iteration;
                return true;
            },
        };
        Lbfgs.Minimize(problem, problem.StartingPoint().AsSpan(), options);

        long allocated = Allocations.Minimum(() =>
        {
            double[] x = problem.StartingPoint();
            var result = Lbfgs.Minimize(problem, x.AsSpan(), options);
            Assert.Equal(LbfgsAlgorithm.LbfgsB, result.Algorithm);
            Assert.True(lastIteration >= 40, $"only {lastIteration} iterations ({result})");
            return atEnd - atWarm;
        });
        Assert.Equal(0, allocated);
    }
}
