using AutoDiffLbfgs.Tests.Infrastructure;
using AutoDiffLbfgs.LineSearch;
using AutoDiffLbfgs.Tests.Mgh.Problems;

namespace AutoDiffLbfgs.Tests.Classic;

public class LbfgsAllocationTests
{
    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void IterationsAllocateNothingAfterWarmUp(bool backtracking, bool blockedDirection)
    {
        // Allocation is read inside the callback at iteration 20 and again at the last iteration of a solve of
        // several hundred iterations, so the workspace made before iteration 1 is excluded.
        var problem = new ChainedRosenbrock(100);
        long atWarm = -1, atEnd = -1;
        int warmIteration = 20, lastIteration = 0;
        var options = new LbfgsOptions
        {
            BlockedDirection = blockedDirection,
            RelativeGradientTolerance = 1e-9,
            LineSearch = backtracking ? new BacktrackingLineSearch { Condition = BacktrackingCondition.StrongWolfe } : new MoreThuenteLineSearch(),
            Callback = p =>
            {
                if (p.Iteration == warmIteration) atWarm = GC.GetAllocatedBytesForCurrentThread();
                atEnd = GC.GetAllocatedBytesForCurrentThread();
                lastIteration = p.Iteration;
                return true;
            },
        };
        double[] warmUp = problem.StartingPoint();
        Lbfgs.Minimize(problem, warmUp.AsSpan(), options);

        long allocated = Allocations.Minimum(() =>
        {
            double[] x = problem.StartingPoint();
            var result = Lbfgs.Minimize(problem, x.AsSpan(), options);
            Assert.True(result.Converged, result.ToString());
            Assert.True(lastIteration >= 300, $"only {lastIteration} iterations");
            return atEnd - atWarm;
        });
        Assert.Equal(0, allocated);
    }
}
