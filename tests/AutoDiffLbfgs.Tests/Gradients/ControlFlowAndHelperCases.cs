using AutoDiffLbfgs.Tests.Gradients.Checking;
using AutoDiffLbfgs.Tests.Gradients.Objectives;

namespace AutoDiffLbfgs.Tests.Gradients;

/// <summary>
/// The objectives of <see cref="ControlFlowAndHelperObjectives"/> (and <see cref="PolynomialModel"/>) with their data, domains
/// and generated Hessian-vector products, keyed by name. As in <see cref="GradientCases"/>, domains keep every point
/// a margin away from kinks, so that finite differences mean something.
/// </summary>
public static class ControlFlowAndHelperCases
{
    private const double Margin = 0.02;

    internal static readonly double[] Weights = [0.7, -1.2, 0.4, 1.5, -0.3, 0.9];
    internal static readonly double[] Targets = [0.3, -0.8, 1.1, 0.0, -1.5, 0.6];
    internal const double Scale = 1.3;
    internal static readonly double[] NetworkInputs = GradientCases.RandomArray(2 * 7, -1.0, 1.0, seed: 21);
    internal static readonly double[] NetworkTargets = GradientCases.RandomArray(7, -0.5, 0.5, seed: 22);
    internal static readonly double[] Coefficients = [0.4, -0.6, 0.2, 1.1];
    internal static readonly PolynomialModel Model = new([2.0, 3.0, 1.5]);
    internal static readonly double[] Times = [0.0, 0.3, 0.7, 1.2, 2.0, 3.1, 4.5];
    internal static readonly double[] Observed = GradientCases.RandomArray(7, 0.0, 2.0, seed: 31);
    internal static readonly double[] LayerInput = [0.4, -0.9, 1.3, 0.2];
    internal static readonly SpringSet Springs = new();
    internal static readonly SpringData SpringValues = new(1.7, [0.1, -0.4, 0.8, 0.0, 1.2], 0.6);
    internal static readonly SpringData PullValues = new(0.9, [], 1.0);
    internal static readonly DampedChain Chain = new(1.8);
    internal static readonly TautString Taut = new(0.7);
    internal const double SpanScale = 0.8;

    /// <summary>One objective: its gradient case and its generated Hessian-vector product.</summary>
    public sealed record Case(GradientCase<double> Gradient, HessianVectorFunction HessianVectorProduct);

    /// <summary>The cases by name.</summary>
    public static IReadOnlyDictionary<string, Case> All { get; } = Create().ToDictionary(c => c.Gradient.Name);

    /// <summary>Theory data: the names of the cases.</summary>
    public static TheoryData<string> Names => new(All.Keys.Order(StringComparer.Ordinal));

    private static IEnumerable<Case> Create()
    {
        yield return new(Gradient(nameof(ControlFlowAndHelperObjectives.ForEachLoops), GradientCases.Uniform(6, -1.5, 1.5),
            x => ControlFlowAndHelperObjectives.ForEachLoops(x, Weights),
            (x, g) => ControlFlowAndHelperObjectives.ForEachLoopsGradient(x, g, Weights),
            x => new ControlFlowAndHelperObjectives.ForEachLoopsObjective(Weights).Value(x),
            (x, g) => new ControlFlowAndHelperObjectives.ForEachLoopsObjective(Weights).ValueAndGradient(x, g)),
            (x, v, r) => ControlFlowAndHelperObjectives.ForEachLoopsHessianVectorProduct(x, v, r, Weights));

        yield return new(Gradient(nameof(ControlFlowAndHelperObjectives.SwitchOnIndex), GradientCases.Uniform(11, -1.5, 1.5),
            ControlFlowAndHelperObjectives.SwitchOnIndex, ControlFlowAndHelperObjectives.SwitchOnIndexGradient,
            x => new ControlFlowAndHelperObjectives.SwitchOnIndexObjective().Value(x),
            (x, g) => new ControlFlowAndHelperObjectives.SwitchOnIndexObjective().ValueAndGradient(x, g)),
            ControlFlowAndHelperObjectives.SwitchOnIndexHessianVectorProduct);

        foreach (int mode in new[] { 0, 1, 2 })
        {
            yield return new(Gradient(nameof(ControlFlowAndHelperObjectives.SwitchWithReturns) + "Mode" + mode, GradientCases.Uniform(3, -1.5, 1.5),
                x => ControlFlowAndHelperObjectives.SwitchWithReturns(x, mode),
                (x, g) => ControlFlowAndHelperObjectives.SwitchWithReturnsGradient(x, g, mode),
                x => new ControlFlowAndHelperObjectives.SwitchWithReturnsObjective(mode).Value(x),
                (x, g) => new ControlFlowAndHelperObjectives.SwitchWithReturnsObjective(mode).ValueAndGradient(x, g)),
                (x, v, r) => ControlFlowAndHelperObjectives.SwitchWithReturnsHessianVectorProduct(x, v, r, mode));
        }

        yield return new(Gradient(nameof(ControlFlowAndHelperObjectives.ClampedSquares), GradientCases.Uniform(5, -1.5, 1.5),
            ControlFlowAndHelperObjectives.ClampedSquares, ControlFlowAndHelperObjectives.ClampedSquaresGradient,
            x => new ControlFlowAndHelperObjectives.ClampedSquaresObjective().Value(x),
            (x, g) => new ControlFlowAndHelperObjectives.ClampedSquaresObjective().ValueAndGradient(x, g),
            smooth: x => x.All(v => Math.Abs(v - ControlFlowAndHelperObjectives.ClampLow) > Margin && Math.Abs(v - ControlFlowAndHelperObjectives.ClampHigh) > Margin)
                && Math.Abs(x[0] - x[1]) > Margin && Math.Abs(x[0] - x[1] - 1.0) > Margin),
            ControlFlowAndHelperObjectives.ClampedSquaresHessianVectorProduct);

        yield return new(Gradient(nameof(ControlFlowAndHelperObjectives.RobustRegression), GradientCases.Uniform(6, -1.5, 1.5),
            x => ControlFlowAndHelperObjectives.RobustRegression(x, Targets, Scale),
            (x, g) => ControlFlowAndHelperObjectives.RobustRegressionGradient(x, g, Targets, Scale),
            x => new ControlFlowAndHelperObjectives.RobustRegressionObjective(Targets, Scale).Value(x),
            (x, g) => new ControlFlowAndHelperObjectives.RobustRegressionObjective(Targets, Scale).ValueAndGradient(x, g),
            smooth: x => x.Select((v, i) => Math.Abs(Math.Abs(Scale * v - Targets[i]) - ControlFlowAndHelperObjectives.HuberDelta)).All(d => d > Margin)),
            (x, v, r) => ControlFlowAndHelperObjectives.RobustRegressionHessianVectorProduct(x, v, r, Targets, Scale));

        yield return new(Gradient(nameof(ControlFlowAndHelperObjectives.TinyNetwork), GradientCases.Uniform(9, -1.5, 1.5),
            x => ControlFlowAndHelperObjectives.TinyNetwork(x, NetworkInputs, NetworkTargets),
            (x, g) => ControlFlowAndHelperObjectives.TinyNetworkGradient(x, g, NetworkInputs, NetworkTargets),
            x => new ControlFlowAndHelperObjectives.TinyNetworkObjective(NetworkInputs, NetworkTargets).Value(x),
            (x, g) => new ControlFlowAndHelperObjectives.TinyNetworkObjective(NetworkInputs, NetworkTargets).ValueAndGradient(x, g)),
            (x, v, r) => ControlFlowAndHelperObjectives.TinyNetworkHessianVectorProduct(x, v, r, NetworkInputs, NetworkTargets));

        yield return new(Gradient(nameof(ControlFlowAndHelperObjectives.HelpersWithLoops), GradientCases.Uniform(4, -1.5, 1.5),
            x => ControlFlowAndHelperObjectives.HelpersWithLoops(x, Coefficients),
            (x, g) => ControlFlowAndHelperObjectives.HelpersWithLoopsGradient(x, g, Coefficients),
            x => new ControlFlowAndHelperObjectives.HelpersWithLoopsObjective(Coefficients).Value(x),
            (x, g) => new ControlFlowAndHelperObjectives.HelpersWithLoopsObjective(Coefficients).ValueAndGradient(x, g),
            smooth: HelpersWithLoopsIsSmoothAt),
            (x, v, r) => ControlFlowAndHelperObjectives.HelpersWithLoopsHessianVectorProduct(x, v, r, Coefficients));

        yield return new(Gradient(nameof(ControlFlowAndHelperObjectives.StackResiduals), GradientCases.Uniform(3, -1.0, 1.0),
            x => ControlFlowAndHelperObjectives.StackResiduals(x, Times, Observed),
            (x, g) => ControlFlowAndHelperObjectives.StackResidualsGradient(x, g, Times, Observed),
            x => new ControlFlowAndHelperObjectives.StackResidualsObjective(Times, Observed).Value(x),
            (x, g) => new ControlFlowAndHelperObjectives.StackResidualsObjective(Times, Observed).ValueAndGradient(x, g)),
            (x, v, r) => ControlFlowAndHelperObjectives.StackResidualsHessianVectorProduct(x, v, r, Times, Observed));

        yield return new(Gradient(nameof(ControlFlowAndHelperObjectives.HiddenLayer), GradientCases.Uniform(3 + 3 * 4, -1.0, 1.0),
            x => ControlFlowAndHelperObjectives.HiddenLayer(x, LayerInput),
            (x, g) => ControlFlowAndHelperObjectives.HiddenLayerGradient(x, g, LayerInput),
            x => new ControlFlowAndHelperObjectives.HiddenLayerObjective(LayerInput).Value(x),
            (x, g) => new ControlFlowAndHelperObjectives.HiddenLayerObjective(LayerInput).ValueAndGradient(x, g)),
            (x, v, r) => ControlFlowAndHelperObjectives.HiddenLayerHessianVectorProduct(x, v, r, LayerInput));

        yield return new(Gradient(nameof(ControlFlowAndHelperObjectives.NetworkWithArrays), GradientCases.Uniform(9, -1.5, 1.5),
            x => ControlFlowAndHelperObjectives.NetworkWithArrays(x, NetworkInputs, NetworkTargets),
            (x, g) => ControlFlowAndHelperObjectives.NetworkWithArraysGradient(x, g, NetworkInputs, NetworkTargets),
            x => new ControlFlowAndHelperObjectives.NetworkWithArraysObjective(NetworkInputs, NetworkTargets).Value(x),
            (x, g) => new ControlFlowAndHelperObjectives.NetworkWithArraysObjective(NetworkInputs, NetworkTargets).ValueAndGradient(x, g)),
            (x, v, r) => ControlFlowAndHelperObjectives.NetworkWithArraysHessianVectorProduct(x, v, r, NetworkInputs, NetworkTargets));

        yield return new(Gradient(nameof(ControlFlowAndHelperObjectives.UserRules), GradientCases.Uniform(6, -1.5, 1.5),
            ControlFlowAndHelperObjectives.UserRules, ControlFlowAndHelperObjectives.UserRulesGradient,
            x => new ControlFlowAndHelperObjectives.UserRulesObjective().Value(x),
            (x, g) => new ControlFlowAndHelperObjectives.UserRulesObjective().ValueAndGradient(x, g),
            smooth: x => x.All(v => Math.Abs(v) > Margin)),
            ControlFlowAndHelperObjectives.UserRulesHessianVectorProduct);

        yield return new(Gradient("SpringSetEnergy", GradientCases.Uniform(5, -1.5, 1.5),
            x => Springs.Energy(x, SpringValues, PullValues),
            (x, g) => Springs.EnergyGradient(x, g, SpringValues, PullValues),
            x => new SpringSet.EnergyObjective(Springs, SpringValues, PullValues).Value(x),
            (x, g) => new SpringSet.EnergyObjective(Springs, SpringValues, PullValues).ValueAndGradient(x, g)),
            (x, v, r) => Springs.EnergyHessianVectorProduct(x, v, r, SpringValues, PullValues));

        yield return new(Gradient(nameof(ControlFlowAndHelperObjectives.InliningCorners), GradientCases.Uniform(5, -1.5, 1.5),
            ControlFlowAndHelperObjectives.InliningCorners, ControlFlowAndHelperObjectives.InliningCornersGradient,
            x => new ControlFlowAndHelperObjectives.InliningCornersObjective().Value(x),
            (x, g) => new ControlFlowAndHelperObjectives.InliningCornersObjective().ValueAndGradient(x, g)),
            ControlFlowAndHelperObjectives.InliningCornersHessianVectorProduct);

        foreach (var overwritten in OverwrittenArrayCases()) yield return overwritten;

        yield return new(Gradient(nameof(ModelObjectives.GaussianMixture), GradientCases.Uniform(20, -1.0, 1.0),
            x => ModelObjectives.GaussianMixture(x, MixturePoints, 3, 2, 1.0, 0),
            (x, g) => ModelObjectives.GaussianMixtureGradient(x, g, MixturePoints, 3, 2, 1.0, 0),
            x => new ModelObjectives.GaussianMixtureObjective(MixturePoints, 3, 2, 1.0, 0).Value(x),
            (x, g) => new ModelObjectives.GaussianMixtureObjective(MixturePoints, 3, 2, 1.0, 0).ValueAndGradient(x, g)),
            (x, v, r) => ModelObjectives.GaussianMixtureHessianVectorProduct(x, v, r, MixturePoints, 3, 2, 1.0, 0));

        yield return new(Gradient(nameof(ModelObjectives.ScratchRows), GradientCases.Uniform(8, -1.0, 1.0),
            x => ModelObjectives.ScratchRows(x, ScratchRowValues, 4),
            (x, g) => ModelObjectives.ScratchRowsGradient(x, g, ScratchRowValues, 4),
            x => new ModelObjectives.ScratchRowsObjective(ScratchRowValues, 4).Value(x),
            (x, g) => new ModelObjectives.ScratchRowsObjective(ScratchRowValues, 4).ValueAndGradient(x, g)),
            (x, v, r) => ModelObjectives.ScratchRowsHessianVectorProduct(x, v, r, ScratchRowValues, 4));

        yield return new(Gradient("PolynomialModelEnergy", GradientCases.Uniform(7, -1.5, 1.5),
            x => Model.Energy(x),
            (x, g) => Model.EnergyGradient(x, g),
            x => new PolynomialModel.EnergyObjective(Model).Value(x),
            (x, g) => new PolynomialModel.EnergyObjective(Model).ValueAndGradient(x, g)),
            (x, v, r) => Model.EnergyHessianVectorProduct(x, v, r));

        yield return new(Gradient(nameof(OnceTransformedHelperObjectives.ThreeSites), GradientCases.Uniform(5, -1.5, 1.5),
            OnceTransformedHelperObjectives.ThreeSites, OnceTransformedHelperObjectives.ThreeSitesGradient,
            x => new OnceTransformedHelperObjectives.ThreeSitesObjective().Value(x),
            (x, g) => new OnceTransformedHelperObjectives.ThreeSitesObjective().ValueAndGradient(x, g),
            smooth: ThreeSitesIsSmoothAt),
            OnceTransformedHelperObjectives.ThreeSitesHessianVectorProduct);

        yield return new(Gradient(nameof(OnceTransformedHelperObjectives.Nested), GradientCases.Uniform(5, -1.5, 1.5),
            OnceTransformedHelperObjectives.Nested, OnceTransformedHelperObjectives.NestedGradient,
            x => new OnceTransformedHelperObjectives.NestedObjective().Value(x),
            (x, g) => new OnceTransformedHelperObjectives.NestedObjective().ValueAndGradient(x, g)),
            OnceTransformedHelperObjectives.NestedHessianVectorProduct);

        yield return new(Gradient(nameof(OnceTransformedHelperObjectives.DoubleSoftClip), GradientCases.Uniform(4, -2.0, 2.0),
            OnceTransformedHelperObjectives.DoubleSoftClip, OnceTransformedHelperObjectives.DoubleSoftClipGradient,
            x => new OnceTransformedHelperObjectives.DoubleSoftClipObjective().Value(x),
            (x, g) => new OnceTransformedHelperObjectives.DoubleSoftClipObjective().ValueAndGradient(x, g),
            smooth: SoftClipIsSmoothAt),
            OnceTransformedHelperObjectives.DoubleSoftClipHessianVectorProduct);

        yield return new(Gradient("DampedChainEnergy", GradientCases.Uniform(5, -1.5, 1.5),
            x => Chain.Energy(x),
            (x, g) => Chain.EnergyGradient(x, g),
            x => new DampedChain.EnergyObjective(Chain).Value(x),
            (x, g) => new DampedChain.EnergyObjective(Chain).ValueAndGradient(x, g),
            smooth: x => Math.Abs(x[0] - 1.5) > Margin && Enumerable.Range(0, x.Length - 1).All(i => Math.Abs(x[i + 1] - x[i] - 0.8) > Margin)),
            (x, v, r) => Chain.EnergyHessianVectorProduct(x, v, r));

        yield return new(Gradient(nameof(SpanHelperObjectives.SpreadSites), GradientCases.Uniform(5, -1.5, 1.5),
            SpanHelperObjectives.SpreadSites, SpanHelperObjectives.SpreadSitesGradient,
            x => new SpanHelperObjectives.SpreadSitesObjective().Value(x),
            (x, g) => new SpanHelperObjectives.SpreadSitesObjective().ValueAndGradient(x, g),
            smooth: SpreadSitesIsSmoothAt),
            SpanHelperObjectives.SpreadSitesHessianVectorProduct);

        yield return new(Gradient(nameof(SpanHelperObjectives.DataWeighted), GradientCases.Uniform(6, -1.5, 1.5),
            x => SpanHelperObjectives.DataWeighted(x, Weights, SpanScale),
            (x, g) => SpanHelperObjectives.DataWeightedGradient(x, g, Weights, SpanScale),
            x => new SpanHelperObjectives.DataWeightedObjective(Weights, SpanScale).Value(x),
            (x, g) => new SpanHelperObjectives.DataWeightedObjective(Weights, SpanScale).ValueAndGradient(x, g)),
            (x, v, r) => SpanHelperObjectives.DataWeightedHessianVectorProduct(x, v, r, Weights, SpanScale));

        yield return new(Gradient(nameof(SpanHelperObjectives.NestedBumps), GradientCases.Uniform(5, -1.5, 1.5),
            SpanHelperObjectives.NestedBumps, SpanHelperObjectives.NestedBumpsGradient,
            x => new SpanHelperObjectives.NestedBumpsObjective().Value(x),
            (x, g) => new SpanHelperObjectives.NestedBumpsObjective().ValueAndGradient(x, g)),
            SpanHelperObjectives.NestedBumpsHessianVectorProduct);

        yield return new(Gradient(nameof(SpanHelperObjectives.Relaxed), GradientCases.Uniform(5, -1.5, 1.5),
            SpanHelperObjectives.Relaxed, SpanHelperObjectives.RelaxedGradient,
            x => new SpanHelperObjectives.RelaxedObjective().Value(x),
            (x, g) => new SpanHelperObjectives.RelaxedObjective().ValueAndGradient(x, g)),
            SpanHelperObjectives.RelaxedHessianVectorProduct);

        yield return new(Gradient(nameof(SpanHelperObjectives.ArrayPeaks), GradientCases.Uniform(5, -1.5, 1.5),
            x => SpanHelperObjectives.ArrayPeaks(x.ToArray(), Coefficients),
            (x, g) => SpanHelperObjectives.ArrayPeaksGradient(x, g, Coefficients),
            x => new SpanHelperObjectives.ArrayPeaksObjective(Coefficients).Value(x),
            (x, g) => new SpanHelperObjectives.ArrayPeaksObjective(Coefficients).ValueAndGradient(x, g)),
            (x, v, r) => SpanHelperObjectives.ArrayPeaksHessianVectorProduct(x, v, r, Coefficients));

        yield return new(Gradient(nameof(SpanHelperObjectives.DoubleSpreadSites), GradientCases.Uniform(5, -1.5, 1.5),
            SpanHelperObjectives.DoubleSpreadSites, SpanHelperObjectives.DoubleSpreadSitesGradient,
            x => new SpanHelperObjectives.DoubleSpreadSitesObjective().Value(x),
            (x, g) => new SpanHelperObjectives.DoubleSpreadSitesObjective().ValueAndGradient(x, g)),
            SpanHelperObjectives.DoubleSpreadSitesHessianVectorProduct);

        yield return new(Gradient(nameof(SliceObjectives.Blocks), GradientCases.Uniform(9, -1.5, 1.5),
            x => SliceObjectives.Blocks(x, 3),
            (x, g) => SliceObjectives.BlocksGradient(x, g, 3),
            x => new SliceObjectives.BlocksObjective(3).Value(x),
            (x, g) => new SliceObjectives.BlocksObjective(3).ValueAndGradient(x, g)),
            (x, v, r) => SliceObjectives.BlocksHessianVectorProduct(x, v, r, 3));

        yield return new(Gradient(nameof(SliceObjectives.Ranges), GradientCases.Uniform(7, -1.5, 1.5),
            SliceObjectives.Ranges, SliceObjectives.RangesGradient,
            x => new SliceObjectives.RangesObjective().Value(x),
            (x, g) => new SliceObjectives.RangesObjective().ValueAndGradient(x, g)),
            SliceObjectives.RangesHessianVectorProduct);

        yield return new(Gradient(nameof(SliceObjectives.DataRows), GradientCases.Uniform(5, -1.0, 1.0),
            x => SliceObjectives.DataRows(x, ScratchRowValues, 4),
            (x, g) => SliceObjectives.DataRowsGradient(x, g, ScratchRowValues, 4),
            x => new SliceObjectives.DataRowsObjective(ScratchRowValues, 4).Value(x),
            (x, g) => new SliceObjectives.DataRowsObjective(ScratchRowValues, 4).ValueAndGradient(x, g)),
            (x, v, r) => SliceObjectives.DataRowsHessianVectorProduct(x, v, r, ScratchRowValues, 4));

        yield return new(Gradient(nameof(SliceObjectives.LocalArrayHelpers), GradientCases.Uniform(8, -1.5, 1.5),
            x => SliceObjectives.LocalArrayHelpers(x, 4),
            (x, g) => SliceObjectives.LocalArrayHelpersGradient(x, g, 4),
            x => new SliceObjectives.LocalArrayHelpersObjective(4).Value(x),
            (x, g) => new SliceObjectives.LocalArrayHelpersObjective(4).ValueAndGradient(x, g)),
            (x, v, r) => SliceObjectives.LocalArrayHelpersHessianVectorProduct(x, v, r, 4));

        yield return new(Gradient(nameof(SliceObjectives.BlockSoftMax), GradientCases.Uniform(9, -1.5, 1.5),
            x => SliceObjectives.BlockSoftMax(x, 3),
            (x, g) => SliceObjectives.BlockSoftMaxGradient(x, g, 3),
            x => new SliceObjectives.BlockSoftMaxObjective(3).Value(x),
            (x, g) => new SliceObjectives.BlockSoftMaxObjective(3).ValueAndGradient(x, g)),
            (x, v, r) => SliceObjectives.BlockSoftMaxHessianVectorProduct(x, v, r, 3));

        yield return new(Gradient(nameof(SliceObjectives.MovedOffset), GradientCases.Uniform(6, -1.5, 1.5),
            SliceObjectives.MovedOffset, SliceObjectives.MovedOffsetGradient,
            x => new SliceObjectives.MovedOffsetObjective().Value(x),
            (x, g) => new SliceObjectives.MovedOffsetObjective().ValueAndGradient(x, g)),
            SliceObjectives.MovedOffsetHessianVectorProduct);

        yield return new(Gradient(nameof(ResultObjectives.Rotated), GradientCases.Uniform(3, -1.5, 1.5),
            x => ResultObjectives.Rotated(x, MixturePoints),
            (x, g) => ResultObjectives.RotatedGradient(x, g, MixturePoints),
            x => new ResultObjectives.RotatedObjective(MixturePoints).Value(x),
            (x, g) => new ResultObjectives.RotatedObjective(MixturePoints).ValueAndGradient(x, g)),
            (x, v, r) => ResultObjectives.RotatedHessianVectorProduct(x, v, r, MixturePoints));

        yield return new(Gradient(nameof(ResultObjectives.SplitAndKeep), GradientCases.Uniform(5, -1.5, 1.5),
            ResultObjectives.SplitAndKeep, ResultObjectives.SplitAndKeepGradient,
            x => new ResultObjectives.SplitAndKeepObjective().Value(x),
            (x, g) => new ResultObjectives.SplitAndKeepObjective().ValueAndGradient(x, g),
            smooth: x => x.All(v => Math.Abs(v - 0.5) > Margin)),
            ResultObjectives.SplitAndKeepHessianVectorProduct);

        yield return new(Gradient(nameof(ResultObjectives.Tuples), GradientCases.Uniform(6, -1.5, 1.5),
            ResultObjectives.Tuples, ResultObjectives.TuplesGradient,
            x => new ResultObjectives.TuplesObjective().Value(x),
            (x, g) => new ResultObjectives.TuplesObjective().ValueAndGradient(x, g)),
            ResultObjectives.TuplesHessianVectorProduct);

        yield return new(Gradient(nameof(TableObjectives.Grid), GradientCases.Uniform(3, -1.5, 1.5),
            x => TableObjectives.Grid(x, Design, Targets[..4]),
            (x, g) => TableObjectives.GridGradient(x, g, Design, Targets[..4]),
            x => new TableObjectives.GridObjective(Design, Targets[..4]).Value(x),
            (x, g) => new TableObjectives.GridObjective(Design, Targets[..4]).ValueAndGradient(x, g)),
            (x, v, r) => TableObjectives.GridHessianVectorProduct(x, v, r, Design, Targets[..4]));

        yield return new(Gradient(nameof(TableObjectives.Ragged), GradientCases.Uniform(3, -1.5, 1.5),
            x => TableObjectives.Ragged(x, RaggedRows),
            (x, g) => TableObjectives.RaggedGradient(x, g, RaggedRows),
            x => new TableObjectives.RaggedObjective(RaggedRows).Value(x),
            (x, g) => new TableObjectives.RaggedObjective(RaggedRows).ValueAndGradient(x, g)),
            (x, v, r) => TableObjectives.RaggedHessianVectorProduct(x, v, r, RaggedRows));

        yield return new(Gradient("TautStringEnergy", GradientCases.Uniform(6, -1.5, 1.5),
            x => Taut.Energy(x),
            (x, g) => Taut.EnergyGradient(x, g),
            x => new TautString.EnergyObjective(Taut).Value(x),
            (x, g) => new TautString.EnergyObjective(Taut).ValueAndGradient(x, g)),
            (x, v, r) => Taut.EnergyHessianVectorProduct(x, v, r));
    }

    /// <summary>A 4 × 3 design matrix for <see cref="TableObjectives.Grid"/>.</summary>
    internal static readonly double[,] Design = { { 0.5, -0.3, 0.8 }, { 0.1, -0.4, 0.9 }, { 0.2, -0.7, 0.6 }, { 0.6, -0.5, 0.3 } };

    /// <summary>Rows of lengths 2, 3 and 1 for <see cref="TableObjectives.Ragged"/>.</summary>
    internal static readonly double[][] RaggedRows = [[0.4, -1.1], [0.3, 0.8, -0.6], [1.2]];

    internal static readonly double[] LayerInputs = [0.5, -0.7, 1.1, 0.3];
    internal static readonly double[] EulerObserved = [0.9, 0.8, 0.72, 0.61, 0.55, 0.49, 0.40, 0.38];
    internal static readonly double[] SampleInputs = [0.3, -1.1, 0.8, 1.6];

    internal static readonly double[] SoftMaxWeights = [0.5, 1.5, 1.0, 0.8, 1.2];

    /// <summary>Four points in three dimensions for <see cref="ModelObjectives.GaussianMixture"/> (K = 2: 2 + 6 + 12 variables).</summary>
    internal static readonly double[] MixturePoints = [0.3, -0.2, 0.9, -0.7, 0.4, 0.1, 0.5, 0.5, -0.6, -0.1, -0.8, 0.2];

    /// <summary>Three rows of width four for <see cref="ModelObjectives.ScratchRows"/>.</summary>
    internal static readonly double[] ScratchRowValues = [0.5, -0.3, 0.8, 0.1, -0.4, 0.9, 0.2, -0.7, 0.6, 0.6, -0.5, 0.3];

    /// <summary>The objectives of <see cref="OverwrittenArrayObjectives"/>: local arrays that are not write-once.</summary>
    private static IEnumerable<Case> OverwrittenArrayCases()
    {
        yield return new(Gradient(nameof(OverwrittenArrayObjectives.AccumulatedLayer), GradientCases.Uniform(15, -1.0, 1.0),
            x => OverwrittenArrayObjectives.AccumulatedLayer(x, LayerInputs),
            (x, g) => OverwrittenArrayObjectives.AccumulatedLayerGradient(x, g, LayerInputs),
            x => new OverwrittenArrayObjectives.AccumulatedLayerObjective(LayerInputs).Value(x),
            (x, g) => new OverwrittenArrayObjectives.AccumulatedLayerObjective(LayerInputs).ValueAndGradient(x, g)),
            (x, v, r) => OverwrittenArrayObjectives.AccumulatedLayerHessianVectorProduct(x, v, r, LayerInputs));

        yield return new(Gradient(nameof(OverwrittenArrayObjectives.EulerCalibration), GradientCases.Uniform(3, 0.2, 1.5),
            x => OverwrittenArrayObjectives.EulerCalibration(x, EulerObserved),
            (x, g) => OverwrittenArrayObjectives.EulerCalibrationGradient(x, g, EulerObserved),
            x => new OverwrittenArrayObjectives.EulerCalibrationObjective(EulerObserved).Value(x),
            (x, g) => new OverwrittenArrayObjectives.EulerCalibrationObjective(EulerObserved).ValueAndGradient(x, g)),
            (x, v, r) => OverwrittenArrayObjectives.EulerCalibrationHessianVectorProduct(x, v, r, EulerObserved));

        yield return new(Gradient(nameof(OverwrittenArrayObjectives.NormalizedPasses), GradientCases.Uniform(5, 0.3, 1.5),
            OverwrittenArrayObjectives.NormalizedPasses, OverwrittenArrayObjectives.NormalizedPassesGradient,
            x => new OverwrittenArrayObjectives.NormalizedPassesObjective().Value(x),
            (x, g) => new OverwrittenArrayObjectives.NormalizedPassesObjective().ValueAndGradient(x, g)),
            OverwrittenArrayObjectives.NormalizedPassesHessianVectorProduct);

        yield return new(Gradient(nameof(OverwrittenArrayObjectives.GaussSeidelSweeps), GradientCases.Uniform(5, -1.5, 1.5),
            OverwrittenArrayObjectives.GaussSeidelSweeps, OverwrittenArrayObjectives.GaussSeidelSweepsGradient,
            x => new OverwrittenArrayObjectives.GaussSeidelSweepsObjective().Value(x),
            (x, g) => new OverwrittenArrayObjectives.GaussSeidelSweepsObjective().ValueAndGradient(x, g)),
            OverwrittenArrayObjectives.GaussSeidelSweepsHessianVectorProduct);

        yield return new(Gradient(nameof(OverwrittenArrayObjectives.CompoundUpdates), GradientCases.Uniform(3, -1.5, 1.5),
            OverwrittenArrayObjectives.CompoundUpdates, OverwrittenArrayObjectives.CompoundUpdatesGradient,
            x => new OverwrittenArrayObjectives.CompoundUpdatesObjective().Value(x),
            (x, g) => new OverwrittenArrayObjectives.CompoundUpdatesObjective().ValueAndGradient(x, g)),
            OverwrittenArrayObjectives.CompoundUpdatesHessianVectorProduct);

        yield return new(Gradient(nameof(OverwrittenArrayObjectives.PerSampleUpdates), GradientCases.Uniform(4, -1.5, 1.5),
            x => OverwrittenArrayObjectives.PerSampleUpdates(x, SampleInputs),
            (x, g) => OverwrittenArrayObjectives.PerSampleUpdatesGradient(x, g, SampleInputs),
            x => new OverwrittenArrayObjectives.PerSampleUpdatesObjective(SampleInputs).Value(x),
            (x, g) => new OverwrittenArrayObjectives.PerSampleUpdatesObjective(SampleInputs).ValueAndGradient(x, g)),
            (x, v, r) => OverwrittenArrayObjectives.PerSampleUpdatesHessianVectorProduct(x, v, r, SampleInputs));

        yield return new(Gradient(nameof(OverwrittenArrayObjectives.HelperWithOverwrittenArray), GradientCases.Uniform(4, -1.5, 1.5),
            OverwrittenArrayObjectives.HelperWithOverwrittenArray, OverwrittenArrayObjectives.HelperWithOverwrittenArrayGradient,
            x => new OverwrittenArrayObjectives.HelperWithOverwrittenArrayObjective().Value(x),
            (x, g) => new OverwrittenArrayObjectives.HelperWithOverwrittenArrayObjective().ValueAndGradient(x, g)),
            OverwrittenArrayObjectives.HelperWithOverwrittenArrayHessianVectorProduct);

        yield return new(Gradient(nameof(AccumulationLayoutObjectives.InvariantIndexPastTheEnd), GradientCases.Uniform(5, -1.5, 1.5),
            AccumulationLayoutObjectives.InvariantIndexPastTheEnd, AccumulationLayoutObjectives.InvariantIndexPastTheEndGradient,
            x => new AccumulationLayoutObjectives.InvariantIndexPastTheEndObjective().Value(x),
            (x, g) => new AccumulationLayoutObjectives.InvariantIndexPastTheEndObjective().ValueAndGradient(x, g)),
            AccumulationLayoutObjectives.InvariantIndexPastTheEndHessianVectorProduct);

        yield return new(Gradient(nameof(AccumulationLayoutObjectives.InvariantEntriesInWhileAndIf), GradientCases.Uniform(5, -1.5, 1.5),
            AccumulationLayoutObjectives.InvariantEntriesInWhileAndIf, AccumulationLayoutObjectives.InvariantEntriesInWhileAndIfGradient,
            x => new AccumulationLayoutObjectives.InvariantEntriesInWhileAndIfObjective().Value(x),
            (x, g) => new AccumulationLayoutObjectives.InvariantEntriesInWhileAndIfObjective().ValueAndGradient(x, g),
            smooth: x => x.All(v => Math.Abs(v) > Margin)),
            AccumulationLayoutObjectives.InvariantEntriesInWhileAndIfHessianVectorProduct);

        yield return new(Gradient(nameof(AccumulationLayoutObjectives.PairsWithAnOddTail), GradientCases.Uniform(7, -1.5, 1.5),
            AccumulationLayoutObjectives.PairsWithAnOddTail, AccumulationLayoutObjectives.PairsWithAnOddTailGradient,
            x => new AccumulationLayoutObjectives.PairsWithAnOddTailObjective().Value(x),
            (x, g) => new AccumulationLayoutObjectives.PairsWithAnOddTailObjective().ValueAndGradient(x, g)),
            AccumulationLayoutObjectives.PairsWithAnOddTailHessianVectorProduct);

        yield return new(Gradient(nameof(AccumulationLayoutObjectives.SelfReferencingAccumulation), GradientCases.Uniform(4, -1.2, 1.2),
            AccumulationLayoutObjectives.SelfReferencingAccumulation, AccumulationLayoutObjectives.SelfReferencingAccumulationGradient,
            x => new AccumulationLayoutObjectives.SelfReferencingAccumulationObjective().Value(x),
            (x, g) => new AccumulationLayoutObjectives.SelfReferencingAccumulationObjective().ValueAndGradient(x, g),
            smooth: x => Math.Abs(Math.Sin(x[1]) * x[1] * x[2] - 0.5) > Margin),
            AccumulationLayoutObjectives.SelfReferencingAccumulationHessianVectorProduct);

        yield return new(Gradient(nameof(SpanRuleObjectives.SoftMaxFit), GradientCases.Uniform(5, -1.5, 1.5),
            x => SpanRuleObjectives.SoftMaxFit(x, SoftMaxWeights),
            (x, g) => SpanRuleObjectives.SoftMaxFitGradient(x, g, SoftMaxWeights),
            x => new SpanRuleObjectives.SoftMaxFitObjective(SoftMaxWeights).Value(x),
            (x, g) => new SpanRuleObjectives.SoftMaxFitObjective(SoftMaxWeights).ValueAndGradient(x, g),
            smooth: x => Enumerable.Range(0, 2).All(k => Math.Abs(SpanRuleObjectives.SoftMax(x, SoftMaxWeights, 0.5 + k)) > Margin)),
            (x, v, r) => SpanRuleObjectives.SoftMaxFitHessianVectorProduct(x, v, r, SoftMaxWeights));
    }

    /// <summary>
    /// Replays the while loop of <see cref="OnceTransformedHelperObjectives.ThreeSites"/>: its test Series(y, 4) &gt;
    /// Threshold depends on the variables, so every test it makes must stay a margin away from the threshold.
    /// </summary>
    private static bool ThreeSitesIsSmoothAt(double[] x)
    {
        double y = x[1];
        for (int steps = 0; steps < 6; steps++)
        {
            double test = OnceTransformedHelperObjectives.Series(y, 4);
            if (Math.Abs(test - OnceTransformedHelperObjectives.Threshold) < Margin) return false;
            if (test <= OnceTransformedHelperObjectives.Threshold) break;
            y = 0.5 * y + 0.1 * x[2];
        }

        return true;
    }

    /// <summary>
    /// Replays the while loop of <see cref="SpanHelperObjectives.SpreadSites"/>: its test Spread(x, 1) + y² &gt; Threshold
    /// depends on the variables, so every test it makes must stay a margin away from the threshold.
    /// </summary>
    internal static bool SpreadSitesIsSmoothAt(double[] x)
    {
        double spread = SpanHelperObjectives.Spread(x, 1);
        double y = x[1];
        for (int steps = 0; steps < 4; steps++)
        {
            double test = spread + y * y;
            if (Math.Abs(test - SpanHelperObjectives.Threshold) < Margin) return false;
            if (test <= SpanHelperObjectives.Threshold) break;
            y = 0.5 * y;
        }

        return true;
    }

    /// <summary>Keeps every argument of SoftClip in <see cref="OnceTransformedHelperObjectives.DoubleSoftClip"/> a margin away from its kinks ±width.</summary>
    internal static bool SoftClipIsSmoothAt(double[] x) =>
        Enumerable.Range(0, x.Length).All(i => Math.Abs(Math.Abs(x[i] - 0.25 * i) - 0.75) > Margin)
        && Math.Abs(Math.Abs(x[0] * x[1]) - 0.5) > Margin;

    /// <summary>
    /// Replays the while loop of <see cref="ControlFlowAndHelperObjectives.HelpersWithLoops"/>: its test Decay(y) &gt; 0.05 depends
    /// on the variables, so every test it makes must stay a margin away from the threshold.
    /// </summary>
    private static bool HelpersWithLoopsIsSmoothAt(double[] x)
    {
        double sum = 0.0;
        foreach (double v in x)
        {
            double y0 = 0.0;
            foreach (double c in Coefficients) y0 = y0 * v + c;
            sum += y0 + Math.Tanh(v) * Math.Exp(-0.1 * v * v);
        }

        double y = sum;
        for (int steps = 0; steps < 4; steps++)
        {
            double decay = Math.Abs(y) / (1.0 + y * y);
            if (Math.Abs(decay - 0.05) < Margin || Math.Abs(y) < Margin) return false;
            if (decay <= 0.05) break;
            y = 0.5 * y + 0.1 * x[0];
        }

        return true;
    }

    private static GradientCase<double> Gradient(
        string name,
        Func<Random, double[]> sample,
        ValueFunction<double> value,
        GradientFunction<double> gradient,
        ValueFunction<double> objectiveValue,
        GradientFunction<double> objectiveValueAndGradient,
        Func<double[], bool>? smooth = null) =>
        new()
        {
            Name = name,
            Sample = sample,
            IsSmoothAt = smooth ?? (static _ => true),
            Value = value,
            Gradient = gradient,
            ObjectiveValue = objectiveValue,
            ObjectiveValueAndGradient = objectiveValueAndGradient,
        };
}
