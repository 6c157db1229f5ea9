using AutoDiffLbfgs.Tests.Gradients.Checking;
using AutoDiffLbfgs.Tests.Gradients.Objectives;
using AutoDiffLbfgs.Tests.Infrastructure;

namespace AutoDiffLbfgs.Tests.Gradients;

/// <summary>
/// Issue 8: a derivative call allocates no more than the user's own method. <c>HiddenLayer</c> allocates its hidden
/// layer with <c>new double[3]</c> (and its inlined helper another local array) on every call; the generated gradient
/// and Hessian-vector product allocate those arrays as the user's code does and take their adjoint and tangent copies
/// from the pool.
/// </summary>
public sealed class LocalArrayAllocationTests
{
    private const int Calls = 200;

    [Fact]
    public void DerivativesAllocateNoMoreThanTheUsersOwnLocalArrays()
    {
        double[] input = [0.4, -0.2, 0.9, 0.1];
        // Measured: 67,200 B for each of the three over 200 calls; before the adjoint arrays were pooled the gradient
        // took twice the user's bytes.
        Check(
            3 + 3 * input.Length,
            x => ControlFlowAndHelperObjectives.HiddenLayer(x, input),
            (x, g) => ControlFlowAndHelperObjectives.HiddenLayerGradient(x, g, input),
            (x, v, hv) => ControlFlowAndHelperObjectives.HiddenLayerHessianVectorProduct(x, v, hv, input));
    }

    /// <summary>
    /// An overwritten array (accumulated, then activated in place) adds an undo log per call to the gradient and two to
    /// the HVP; their storage comes from the pool too.
    /// </summary>
    [Fact]
    public void UndoLogsOfOverwrittenArraysAllocateNothing()
    {
        double[] input = ControlFlowAndHelperCases.LayerInputs;
        Check(
            15,
            x => OverwrittenArrayObjectives.AccumulatedLayer(x, input),
            (x, g) => OverwrittenArrayObjectives.AccumulatedLayerGradient(x, g, input),
            (x, v, hv) => OverwrittenArrayObjectives.AccumulatedLayerHessianVectorProduct(x, v, hv, input));
        Check(
            6,
            OverwrittenArrayObjectives.NormalizedPasses,
            OverwrittenArrayObjectives.NormalizedPassesGradient,
            OverwrittenArrayObjectives.NormalizedPassesHessianVectorProduct);
    }

    private static void Check(int dimension, ValueFunction<double> value, GradientFunction<double> gradientOf, HessianVectorFunction hvpOf)
    {
        var random = new Random(5);
        var x = Enumerable.Range(0, dimension).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        var v = Enumerable.Range(0, x.Length).Select(_ => random.NextDouble() - 0.5).ToArray();
        var g = new double[x.Length];
        var hv = new double[x.Length];
        double sink = 0;
        for (int i = 0; i < 20; i++)
        {
            sink += value(x) + gradientOf(x, g);
            hvpOf(x, v, hv);
        }

        long user = Allocations.Minimum(() => { for (int i = 0; i < Calls; i++) sink += value(x); });
        long gradient = Allocations.Minimum(() => { for (int i = 0; i < Calls; i++) sink += gradientOf(x, g); });
        long hvp = Allocations.Minimum(() => { for (int i = 0; i < Calls; i++) hvpOf(x, v, hv); });

        Assert.True(user > 0, "the objective is expected to allocate its own local arrays");
        Assert.True(gradient <= user, $"gradient: {gradient} B over {Calls} calls, the user's method {user} B");
        Assert.True(hvp <= user, $"HVP: {hvp} B over {Calls} calls, the user's method {user} B");
        Assert.False(double.IsNaN(sink));
    }
}
