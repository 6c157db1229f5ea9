using AutoDiffLbfgs.Tests.Infrastructure;
using AutoDiffLbfgs.Tests.Mgh.Problems;

namespace AutoDiffLbfgs.Tests.OrthantWise;

public class OwlQnAllocationTests
{
    [Fact]
    public void OrthantWiseIterationsAllocateNothingAfterWarmUp()
    {
        // Chained Rosenbrock (n = 100) with C = 2.1 on the first half: those settle at exactly 0, the rest do not, so the orthant projection and
        // the direction constraint are exercised. Allocation is read in the callback at iteration 5 and at the last one.
        var problem = new ChainedRosenbrock(100);
        long atWarm = -1, atEnd = -1;
        int lastIteration = 0;
        var options = new LbfgsOptions
        {
            L1Penalty = 2.1,
            L1End = 50,
            RelativeGradientTolerance = 1e-10,
            Callback = p =>
            {
                if (p.Iteration == 5) atWarm = GC.GetAllocatedBytesForCurrentThread();
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
            Assert.Equal(LbfgsAlgorithm.OwlQn, result.Algorithm);
            Assert.Contains(0.0, x);
            Assert.Contains(x, v => v != 0);
            Assert.True(lastIteration >= 20, $"only {lastIteration} iterations ({result})");
            return atEnd - atWarm;
        });
        Assert.Equal(0, allocated);
    }
}
