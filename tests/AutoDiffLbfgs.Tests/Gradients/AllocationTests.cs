using AutoDiffLbfgs.Tests.Infrastructure;
using AutoDiffLbfgs.Tests.Gradients.Objectives;

namespace AutoDiffLbfgs.Tests.Gradients;

/// <summary>
/// DESIGN.md §2: the generated code allocates nothing on the heap in steady state. Measured with
/// <see cref="GC.GetAllocatedBytesForCurrentThread"/> over many calls after a warm-up (which lets pools and static
/// state initialise), for a reduction loop (Rosenbrock), a nested pair loop (Lennard-Jones), a taped loop
/// (Horner: its tape comes from a pool), a span-data ref struct objective, and helpers transformed once (calls of
/// their generated methods).
/// </summary>
public sealed class AllocationTests
{
    private const int WarmUpCalls = 50;
    private const int MeasuredCalls = 200;

    [Fact]
    public void RosenbrockGradientAllocatesNothing()
    {
        var x = GradientCases.Uniform(1000, -2, 2)(new Random(1));
        var gradient = new double[x.Length];
        AssertNoAllocation(() => ClassicObjectives.ExtendedRosenbrockGradient(x, gradient));
        AssertNoAllocation(() => new ClassicObjectives.ExtendedRosenbrockObjective().ValueAndGradient(x, gradient));
    }

    [Fact]
    public void LennardJonesGradientAllocatesNothing()
    {
        var x = GradientCases.Cluster(new Random(2), 100);
        var gradient = new double[x.Length];
        AssertNoAllocation(() => ClassicObjectives.LennardJonesGradient(x, gradient));
    }

    [Fact]
    public void TapedHornerGradientAllocatesNothing()
    {
        var x = GradientCases.Uniform(200, -1.5, 1.5)(new Random(3));
        var gradient = new double[x.Length];
        AssertNoAllocation(() => ClassicObjectives.HornerGradient(x, gradient, GradientCases.HornerCoefficients));
        AssertNoAllocation(() => ClassicObjectives.ProductGradient(x, gradient));
        AssertNoAllocation(() => ClassicObjectives.LogSumExpGradient(x, gradient));
    }

    [Fact]
    public void RefStructObjectiveAllocatesNothing()
    {
        var x = GradientCases.Uniform(300, -1.5, 1.5)(new Random(4));
        var gradient = new double[x.Length];
        AssertNoAllocation(() => new SignatureObjectives.WeightedPowersObjective(GradientCases.PowerWeights, GradientCases.PowerExponent).ValueAndGradient(x, gradient));
    }

    [Fact]
    public void OnceTransformedHelpersAllocateNothing()
    {
        // Calls of the helpers' generated methods (a taped loop inside Series' gradient, out parameters, no scratch).
        var x = GradientCases.Uniform(50, -1.5, 1.5)(new Random(6));
        var v = GradientCases.Uniform(50, -0.5, 0.5)(new Random(7));
        var gradient = new double[x.Length];
        var hv = new double[x.Length];
        AssertNoAllocation(() => OnceTransformedHelperObjectives.ThreeSitesGradient(x, gradient));
        AssertNoAllocation(() => OnceTransformedHelperObjectives.NestedGradient(x, gradient));
        AssertNoAllocation(() =>
        {
            OnceTransformedHelperObjectives.ThreeSitesHessianVectorProduct(x, v, hv);
            OnceTransformedHelperObjectives.NestedHessianVectorProduct(x, v, hv);
            return hv[0];
        });
    }

    [Fact]
    public void SpanHelpersTransformedOnceAllocateNothing()
    {
        // Calls of span helpers' generated gradient and Hessian-vector product methods: scratch gradients (and their
        // tangents) from the pool, the undo log of Relax's overwritten stackalloc array, the tape of SpreadSites' while.
        var x = GradientCases.Uniform(50, -1.5, 1.5)(new Random(8));
        var v = GradientCases.Uniform(50, -0.5, 0.5)(new Random(9));
        var gradient = new double[x.Length];
        var hv = new double[x.Length];
        AssertNoAllocation(() => SpanHelperObjectives.SpreadSitesGradient(x, gradient));
        AssertNoAllocation(() => SpanHelperObjectives.NestedBumpsGradient(x, gradient));
        AssertNoAllocation(() => SpanHelperObjectives.RelaxedGradient(x, gradient));
        AssertNoAllocation(() =>
        {
            SpanHelperObjectives.SpreadSitesHessianVectorProduct(x, v, hv);
            SpanHelperObjectives.NestedBumpsHessianVectorProduct(x, v, hv);
            SpanHelperObjectives.RelaxedHessianVectorProduct(x, v, hv);
            return hv[0];
        });
    }

    private static void AssertNoAllocation(Func<double> call)
    {
        double sink = 0.0;
        for (int i = 0; i < WarmUpCalls; i++) sink += call();

        long allocated = Allocations.Minimum(() =>
        {
            for (int i = 0; i < MeasuredCalls; i++) sink += call();
        });

        Assert.True(allocated == 0, $"{allocated} bytes allocated over {MeasuredCalls} calls ({(double)allocated / MeasuredCalls:F1} per call).");
        Assert.False(double.IsNaN(sink));
    }
}
