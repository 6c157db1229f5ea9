using AutoDiffLbfgs.Tests.Gradients.Checking;
using AutoDiffLbfgs.Tests.Gradients.Objectives;

namespace AutoDiffLbfgs.Tests.Gradients;

/// <summary>
/// Every objective of <c>Gradients/Objectives</c> (except the kink cases of <see cref="ConventionTests"/>, checked exactly) with its domain and its data, keyed by name. Domains keep each
/// point inside the function's domain (Log, Sqrt, Asin…) and, through <c>IsSmoothAt</c>, at least a margin away from
/// kinks and jumps, so that the finite-difference stencil (at most 1e-3·max(1, |x_i|) wide) never crosses one.
/// </summary>
public static class GradientCases
{
    /// <summary>Margin kept between a point and a kink, in the units of the kinked quantity.</summary>
    private const double Margin = 0.02;

    /// <summary>Huber targets and threshold.</summary>
    internal static readonly double[] HuberTargets = [0.3, -0.8, 1.1, 0.0, -1.5, 0.6, 2.0, -0.2];
    internal const double HuberDelta = 0.7;

    /// <summary>Logistic regression data: 12 rows of 4 features, labels ±1.</summary>
    internal const int LogisticFeatureCount = 4;
    internal static readonly double[] LogisticFeatures = RandomArray(12 * LogisticFeatureCount, -1.0, 1.0, seed: 7);
    internal static readonly double[] LogisticLabels = [.. RandomArray(12, -1.0, 1.0, seed: 11).Select(v => v >= 0 ? 1.0 : -1.0)];

    /// <summary>Horner coefficients, highest degree first.</summary>
    internal static readonly double[] HornerCoefficients = [0.5, -1.0, 0.3, 2.0, -0.7];

    /// <summary>The weights of the data overload of <c>OverloadObjectives.Spread</c>.</summary>
    internal static readonly double[] SpreadWeights = [0.5, 1.5, -0.25, 2.0, 1.0];

    internal static readonly double[] PowerWeights = [1.0, -0.5, 2.0];
    internal const int PowerExponent = 3;
    internal const double CoshScale = 0.8;
    internal const double AnchorWeight = 0.3;
    internal static readonly SpringChain Chain = new([1.0, 2.0, 0.5, 3.0, 1.5], restLength: 0.4);
    internal static readonly Containers.Bump Bump = new(centre: 0.3, width: 0.7);

    /// <summary>The double-precision cases.</summary>
    public static IReadOnlyDictionary<string, GradientCase<double>> Double { get; } = CreateDoubleCases().ToDictionary(c => c.Name);

    /// <summary>The single-precision cases.</summary>
    public static IReadOnlyDictionary<string, GradientCase<float>> Single { get; } = CreateFloatCases().ToDictionary(c => c.Name);

    /// <summary>Theory data: the names of the double cases.</summary>
    public static TheoryData<string> DoubleNames => new(Double.Keys.Order(StringComparer.Ordinal));

    /// <summary>Theory data: the names of the float cases.</summary>
    public static TheoryData<string> SingleNames => new(Single.Keys.Order(StringComparer.Ordinal));

    private static IEnumerable<GradientCase<double>> CreateDoubleCases()
    {
        // Classic problems.
        yield return Case(nameof(ClassicObjectives.ExtendedRosenbrock), Uniform(8, -2, 2),
            ClassicObjectives.ExtendedRosenbrock, ClassicObjectives.ExtendedRosenbrockGradient,
            x => new ClassicObjectives.ExtendedRosenbrockObjective().Value(x),
            (x, g) => new ClassicObjectives.ExtendedRosenbrockObjective().ValueAndGradient(x, g),
            hvp: (x, v, r) => new ClassicObjectives.ExtendedRosenbrockObjective().HessianVectorProduct(x, v, r));
        yield return Case(nameof(ClassicObjectives.ChainedRosenbrock), Uniform(7, -2, 2),
            ClassicObjectives.ChainedRosenbrock, ClassicObjectives.ChainedRosenbrockGradient,
            x => new ClassicObjectives.ChainedRosenbrockObjective().Value(x),
            (x, g) => new ClassicObjectives.ChainedRosenbrockObjective().ValueAndGradient(x, g),
            hvp: (x, v, r) => new ClassicObjectives.ChainedRosenbrockObjective().HessianVectorProduct(x, v, r));
        yield return Case(nameof(ClassicObjectives.PowellSingular), Uniform(8, -2, 2),
            ClassicObjectives.PowellSingular, ClassicObjectives.PowellSingularGradient,
            x => new ClassicObjectives.PowellSingularObjective().Value(x),
            (x, g) => new ClassicObjectives.PowellSingularObjective().ValueAndGradient(x, g),
            hvp: (x, v, r) => new ClassicObjectives.PowellSingularObjective().HessianVectorProduct(x, v, r));
        yield return Case(nameof(ClassicObjectives.Trigonometric), Uniform(6, -1.5, 1.5),
            ClassicObjectives.Trigonometric, ClassicObjectives.TrigonometricGradient,
            x => new ClassicObjectives.TrigonometricObjective().Value(x),
            (x, g) => new ClassicObjectives.TrigonometricObjective().ValueAndGradient(x, g),
            hvp: (x, v, r) => new ClassicObjectives.TrigonometricObjective().HessianVectorProduct(x, v, r));
        yield return Case(nameof(ClassicObjectives.LennardJones), random => Cluster(random, 8),
            ClassicObjectives.LennardJones, ClassicObjectives.LennardJonesGradient,
            x => new ClassicObjectives.LennardJonesObjective().Value(x),
            (x, g) => new ClassicObjectives.LennardJonesObjective().ValueAndGradient(x, g),
            hvp: (x, v, r) => new ClassicObjectives.LennardJonesObjective().HessianVectorProduct(x, v, r));
        yield return Case(nameof(ClassicObjectives.LogSumExp), Uniform(7, -3, 3),
            ClassicObjectives.LogSumExp, ClassicObjectives.LogSumExpGradient,
            x => new ClassicObjectives.LogSumExpObjective().Value(x),
            (x, g) => new ClassicObjectives.LogSumExpObjective().ValueAndGradient(x, g),
            hvp: (x, v, r) => new ClassicObjectives.LogSumExpObjective().HessianVectorProduct(x, v, r));
        yield return Case(nameof(ClassicObjectives.Huber), Uniform(8, -2.5, 2.5),
            x => ClassicObjectives.Huber(x, HuberTargets, HuberDelta),
            (x, g) => ClassicObjectives.HuberGradient(x, g, HuberTargets, HuberDelta),
            x => new ClassicObjectives.HuberObjective(HuberTargets, HuberDelta).Value(x),
            (x, g) => new ClassicObjectives.HuberObjective(HuberTargets, HuberDelta).ValueAndGradient(x, g),
            hvp: (x, v, r) => new ClassicObjectives.HuberObjective(HuberTargets, HuberDelta).HessianVectorProduct(x, v, r),
            smooth: x => x.Select((v, i) => Math.Abs(Math.Abs(v - HuberTargets[i]) - HuberDelta)).All(d => d > Margin));
        yield return Case(nameof(ClassicObjectives.LogisticLoss), Uniform(LogisticFeatureCount, -1.5, 1.5),
            x => ClassicObjectives.LogisticLoss(x, LogisticFeatures, LogisticLabels),
            (x, g) => ClassicObjectives.LogisticLossGradient(x, g, LogisticFeatures, LogisticLabels),
            x => new ClassicObjectives.LogisticLossObjective(LogisticFeatures, LogisticLabels).Value(x),
            (x, g) => new ClassicObjectives.LogisticLossObjective(LogisticFeatures, LogisticLabels).ValueAndGradient(x, g),
            hvp: (x, v, r) => new ClassicObjectives.LogisticLossObjective(LogisticFeatures, LogisticLabels).HessianVectorProduct(x, v, r));
        yield return Case(nameof(ClassicObjectives.Horner), Uniform(5, -1.5, 1.5),
            x => ClassicObjectives.Horner(x, HornerCoefficients),
            (x, g) => ClassicObjectives.HornerGradient(x, g, HornerCoefficients),
            x => new ClassicObjectives.HornerObjective(HornerCoefficients).Value(x),
            (x, g) => new ClassicObjectives.HornerObjective(HornerCoefficients).ValueAndGradient(x, g),
            hvp: (x, v, r) => new ClassicObjectives.HornerObjective(HornerCoefficients).HessianVectorProduct(x, v, r));
        yield return Case(nameof(ClassicObjectives.Product), Uniform(6, -2, 2),
            ClassicObjectives.Product, ClassicObjectives.ProductGradient,
            x => new ClassicObjectives.ProductObjective().Value(x),
            (x, g) => new ClassicObjectives.ProductObjective().ValueAndGradient(x, g),
            hvp: (x, v, r) => new ClassicObjectives.ProductObjective().HessianVectorProduct(x, v, r));

        // Control flow.
        yield return Case(nameof(ControlFlowObjectives.WhileWithBreak), Uniform(6, -1.5, 1.5),
            ControlFlowObjectives.WhileWithBreak, ControlFlowObjectives.WhileWithBreakGradient,
            x => new ControlFlowObjectives.WhileWithBreakObjective().Value(x),
            (x, g) => new ControlFlowObjectives.WhileWithBreakObjective().ValueAndGradient(x, g),
            hvp: (x, v, r) => new ControlFlowObjectives.WhileWithBreakObjective().HessianVectorProduct(x, v, r),
            smooth: x => PartialSums(x, v => v * v + 0.1 * v).All(s => Math.Abs(s - ControlFlowObjectives.BreakLimit) > 0.05));
        yield return Case(nameof(ControlFlowObjectives.ContinueOnIndex), Uniform(7, -1.5, 1.5),
            ControlFlowObjectives.ContinueOnIndex, ControlFlowObjectives.ContinueOnIndexGradient,
            x => new ControlFlowObjectives.ContinueOnIndexObjective().Value(x),
            (x, g) => new ControlFlowObjectives.ContinueOnIndexObjective().ValueAndGradient(x, g),
            hvp: (x, v, r) => new ControlFlowObjectives.ContinueOnIndexObjective().HessianVectorProduct(x, v, r));
        yield return Case(nameof(ControlFlowObjectives.ContinueOnValue), Uniform(6, -1.5, 1.5),
            ControlFlowObjectives.ContinueOnValue, ControlFlowObjectives.ContinueOnValueGradient,
            x => new ControlFlowObjectives.ContinueOnValueObjective().Value(x),
            (x, g) => new ControlFlowObjectives.ContinueOnValueObjective().ValueAndGradient(x, g),
            hvp: (x, v, r) => new ControlFlowObjectives.ContinueOnValueObjective().HessianVectorProduct(x, v, r),
            smooth: x => x.All(v => Math.Abs(v) > Margin));
        yield return Case(nameof(ControlFlowObjectives.EarlyReturn), Uniform(5, -1, 1),
            ControlFlowObjectives.EarlyReturn, ControlFlowObjectives.EarlyReturnGradient,
            x => new ControlFlowObjectives.EarlyReturnObjective().Value(x),
            (x, g) => new ControlFlowObjectives.EarlyReturnObjective().ValueAndGradient(x, g),
            hvp: (x, v, r) => new ControlFlowObjectives.EarlyReturnObjective().HessianVectorProduct(x, v, r),
            smooth: x => PartialSums(x, Math.Exp).All(s => Math.Abs(s - ControlFlowObjectives.ReturnThreshold) > 0.05)
                && Math.Abs(x[0] - 0.5) > Margin);
        yield return Case(nameof(ControlFlowObjectives.DoWhile), Uniform(5, -2, 2),
            ControlFlowObjectives.DoWhile, ControlFlowObjectives.DoWhileGradient,
            x => new ControlFlowObjectives.DoWhileObjective().Value(x),
            (x, g) => new ControlFlowObjectives.DoWhileObjective().ValueAndGradient(x, g),
            hvp: (x, v, r) => new ControlFlowObjectives.DoWhileObjective().HessianVectorProduct(x, v, r));
        yield return Case(nameof(ControlFlowObjectives.Ternary), Uniform(6, -2, 2),
            ControlFlowObjectives.Ternary, ControlFlowObjectives.TernaryGradient,
            x => new ControlFlowObjectives.TernaryObjective().Value(x),
            (x, g) => new ControlFlowObjectives.TernaryObjective().ValueAndGradient(x, g),
            hvp: (x, v, r) => new ControlFlowObjectives.TernaryObjective().HessianVectorProduct(x, v, r),
            smooth: x => x.All(v => Math.Abs(v + 1.0) > Margin) && Math.Abs(x[0] - x[^1]) > Margin);
        yield return Case(nameof(ControlFlowObjectives.LogicalOperators), Uniform(6, -2, 2),
            ControlFlowObjectives.LogicalOperators, ControlFlowObjectives.LogicalOperatorsGradient,
            x => new ControlFlowObjectives.LogicalOperatorsObjective().Value(x),
            (x, g) => new ControlFlowObjectives.LogicalOperatorsObjective().ValueAndGradient(x, g),
            hvp: (x, v, r) => new ControlFlowObjectives.LogicalOperatorsObjective().HessianVectorProduct(x, v, r),
            smooth: x => x.All(v => Math.Abs(Math.Abs(v) - 1.0) > Margin));
        yield return Case(nameof(ControlFlowObjectives.NestedLoopsWithBreak), Uniform(5, -1.5, 1.5),
            ControlFlowObjectives.NestedLoopsWithBreak, ControlFlowObjectives.NestedLoopsWithBreakGradient,
            x => new ControlFlowObjectives.NestedLoopsWithBreakObjective().Value(x),
            (x, g) => new ControlFlowObjectives.NestedLoopsWithBreakObjective().ValueAndGradient(x, g),
            hvp: (x, v, r) => new ControlFlowObjectives.NestedLoopsWithBreakObjective().HessianVectorProduct(x, v, r));
        yield return Case(nameof(ControlFlowObjectives.CompoundAssignments), Uniform(6, -1.5, 1.5),
            ControlFlowObjectives.CompoundAssignments, ControlFlowObjectives.CompoundAssignmentsGradient,
            x => new ControlFlowObjectives.CompoundAssignmentsObjective().Value(x),
            (x, g) => new ControlFlowObjectives.CompoundAssignmentsObjective().ValueAndGradient(x, g),
            hvp: (x, v, r) => new ControlFlowObjectives.CompoundAssignmentsObjective().HessianVectorProduct(x, v, r));
        yield return Case(nameof(ControlFlowObjectives.IntegerArithmeticAndCasts), Uniform(5, -1.5, 1.5),
            ControlFlowObjectives.IntegerArithmeticAndCasts, ControlFlowObjectives.IntegerArithmeticAndCastsGradient,
            x => new ControlFlowObjectives.IntegerArithmeticAndCastsObjective().Value(x),
            (x, g) => new ControlFlowObjectives.IntegerArithmeticAndCastsObjective().ValueAndGradient(x, g),
            hvp: (x, v, r) => new ControlFlowObjectives.IntegerArithmeticAndCastsObjective().HessianVectorProduct(x, v, r),
            smooth: x => AwayFromInteger(2.0 * x[0], 2 * Margin));
        yield return Case(nameof(ControlFlowObjectives.ConstantsAndLiterals), Uniform(5, -1.5, 1.5),
            ControlFlowObjectives.ConstantsAndLiterals, ControlFlowObjectives.ConstantsAndLiteralsGradient,
            x => new ControlFlowObjectives.ConstantsAndLiteralsObjective().Value(x),
            (x, g) => new ControlFlowObjectives.ConstantsAndLiteralsObjective().ValueAndGradient(x, g),
            hvp: (x, v, r) => new ControlFlowObjectives.ConstantsAndLiteralsObjective().HessianVectorProduct(x, v, r));

        // Combinations that stress the reverse transform.
        yield return Case(nameof(HardControlFlowObjectives.TapedStateWithBreak), Uniform(7, -1.5, 1.5),
            HardControlFlowObjectives.TapedStateWithBreak, HardControlFlowObjectives.TapedStateWithBreakGradient,
            x => new HardControlFlowObjectives.TapedStateWithBreakObjective().Value(x),
            (x, g) => new HardControlFlowObjectives.TapedStateWithBreakObjective().ValueAndGradient(x, g),
            hvp: (x, v, r) => new HardControlFlowObjectives.TapedStateWithBreakObjective().HessianVectorProduct(x, v, r),
            smooth: x => RunningProducts(x, v => 1.1 + 0.5 * Math.Sin(v)).All(p => Math.Abs(p - HardControlFlowObjectives.ProductLimit) > 0.05));
        yield return Case(nameof(HardControlFlowObjectives.NestedTapedLoops), Uniform(5, -1.2, 1.2),
            x => HardControlFlowObjectives.NestedTapedLoops(x, HornerCoefficients),
            (x, g) => HardControlFlowObjectives.NestedTapedLoopsGradient(x, g, HornerCoefficients),
            x => new HardControlFlowObjectives.NestedTapedLoopsObjective(HornerCoefficients).Value(x),
            (x, g) => new HardControlFlowObjectives.NestedTapedLoopsObjective(HornerCoefficients).ValueAndGradient(x, g),
            hvp: (x, v, r) => new HardControlFlowObjectives.NestedTapedLoopsObjective(HornerCoefficients).HessianVectorProduct(x, v, r));
        yield return Case(nameof(HardControlFlowObjectives.ContinueAndReturnInTapedLoops), Uniform(5, -2, 2),
            HardControlFlowObjectives.ContinueAndReturnInTapedLoops, HardControlFlowObjectives.ContinueAndReturnInTapedLoopsGradient,
            x => new HardControlFlowObjectives.ContinueAndReturnInTapedLoopsObjective().Value(x),
            (x, g) => new HardControlFlowObjectives.ContinueAndReturnInTapedLoopsObjective().ValueAndGradient(x, g),
            hvp: (x, v, r) => new HardControlFlowObjectives.ContinueAndReturnInTapedLoopsObjective().HessianVectorProduct(x, v, r),
            smooth: x => x.All(v => Math.Abs(v + 0.5) > Margin) && DecayingSums(x).All(q => Math.Abs(q - 4.0) > 0.05));
        yield return Case(nameof(HardControlFlowObjectives.GeneratedLookingNames), Uniform(5, -1.5, 1.5),
            HardControlFlowObjectives.GeneratedLookingNames, HardControlFlowObjectives.GeneratedLookingNamesGradient,
            x => new HardControlFlowObjectives.GeneratedLookingNamesObjective().Value(x),
            (x, g) => new HardControlFlowObjectives.GeneratedLookingNamesObjective().ValueAndGradient(x, g),
            hvp: (x, v, r) => new HardControlFlowObjectives.GeneratedLookingNamesObjective().HessianVectorProduct(x, v, r));

        // Math functions.
        yield return Case(nameof(MathObjectives.RootsAndLogarithms), Uniform(6, 0.5, 2),
            MathObjectives.RootsAndLogarithms, MathObjectives.RootsAndLogarithmsGradient,
            x => new MathObjectives.RootsAndLogarithmsObjective().Value(x),
            (x, g) => new MathObjectives.RootsAndLogarithmsObjective().ValueAndGradient(x, g),
            hvp: (x, v, r) => new MathObjectives.RootsAndLogarithmsObjective().HessianVectorProduct(x, v, r));
        yield return Case(nameof(MathObjectives.InverseHyperbolicHypotAndLogBase), Uniform(4, -0.9, 0.9),
            MathObjectives.InverseHyperbolicHypotAndLogBase, MathObjectives.InverseHyperbolicHypotAndLogBaseGradient,
            x => new MathObjectives.InverseHyperbolicHypotAndLogBaseObjective().Value(x),
            (x, g) => new MathObjectives.InverseHyperbolicHypotAndLogBaseObjective().ValueAndGradient(x, g),
            hvp: (x, v, r) => new MathObjectives.InverseHyperbolicHypotAndLogBaseObjective().HessianVectorProduct(x, v, r));
        yield return Case(nameof(MathObjectives.GenericMathSpellings), Uniform(4, 0.5, 2),
            MathObjectives.GenericMathSpellings, MathObjectives.GenericMathSpellingsGradient,
            x => new MathObjectives.GenericMathSpellingsObjective().Value(x),
            (x, g) => new MathObjectives.GenericMathSpellingsObjective().ValueAndGradient(x, g),
            hvp: (x, v, r) => new MathObjectives.GenericMathSpellingsObjective().HessianVectorProduct(x, v, r),
            smooth: x => Math.Abs(x[1] - 1.0) > Margin && Math.Abs(x[2] - 1.5) > Margin && Math.Abs(x[3] - 0.75) > Margin && Math.Abs(x[3] - 1.75) > Margin);
        yield return Case(nameof(MathObjectives.FloatingPointGuards), Uniform(3, -1, 1),
            MathObjectives.FloatingPointGuards, MathObjectives.FloatingPointGuardsGradient,
            x => new MathObjectives.FloatingPointGuardsObjective().Value(x),
            (x, g) => new MathObjectives.FloatingPointGuardsObjective().ValueAndGradient(x, g),
            hvp: (x, v, r) => new MathObjectives.FloatingPointGuardsObjective().HessianVectorProduct(x, v, r));
        yield return Case(nameof(MathObjectives.PackedTriangle), Uniform(6, -1, 1),
            MathObjectives.PackedTriangle, MathObjectives.PackedTriangleGradient,
            x => new MathObjectives.PackedTriangleObjective().Value(x),
            (x, g) => new MathObjectives.PackedTriangleObjective().ValueAndGradient(x, g),
            hvp: (x, v, r) => new MathObjectives.PackedTriangleObjective().HessianVectorProduct(x, v, r));
        yield return Case(nameof(MathObjectives.Powers), Uniform(4, 0.5, 2),
            MathObjectives.Powers, MathObjectives.PowersGradient,
            x => new MathObjectives.PowersObjective().Value(x),
            (x, g) => new MathObjectives.PowersObjective().ValueAndGradient(x, g),
            hvp: (x, v, r) => new MathObjectives.PowersObjective().HessianVectorProduct(x, v, r));
        yield return Case(nameof(MathObjectives.Trigonometry), Uniform(6, -1, 1),
            MathObjectives.Trigonometry, MathObjectives.TrigonometryGradient,
            x => new MathObjectives.TrigonometryObjective().Value(x),
            (x, g) => new MathObjectives.TrigonometryObjective().ValueAndGradient(x, g),
            hvp: (x, v, r) => new MathObjectives.TrigonometryObjective().HessianVectorProduct(x, v, r));
        yield return Case(nameof(MathObjectives.Hyperbolic), Uniform(3, -1.5, 1.5),
            MathObjectives.Hyperbolic, MathObjectives.HyperbolicGradient,
            x => new MathObjectives.HyperbolicObjective().Value(x),
            (x, g) => new MathObjectives.HyperbolicObjective().ValueAndGradient(x, g),
            hvp: (x, v, r) => new MathObjectives.HyperbolicObjective().HessianVectorProduct(x, v, r));
        yield return Case(nameof(MathObjectives.AbsMaxMinFma), Uniform(4, -1.5, 1.5),
            MathObjectives.AbsMaxMinFma, MathObjectives.AbsMaxMinFmaGradient,
            x => new MathObjectives.AbsMaxMinFmaObjective().Value(x),
            (x, g) => new MathObjectives.AbsMaxMinFmaObjective().ValueAndGradient(x, g),
            hvp: (x, v, r) => new MathObjectives.AbsMaxMinFmaObjective().HessianVectorProduct(x, v, r),
            smooth: x => Math.Abs(x[0]) > Margin && Math.Abs(x[1] - x[2]) > Margin && Math.Abs(x[2] * x[3] - x[1]) > Margin
                && Math.Abs(x[3] - 0.25) > Margin && Math.Abs(x[0] + 0.25) > Margin);
        yield return Case(nameof(MathObjectives.ZeroDerivativeFunctions), Uniform(5, -2.5, 2.5),
            MathObjectives.ZeroDerivativeFunctions, MathObjectives.ZeroDerivativeFunctionsGradient,
            x => new MathObjectives.ZeroDerivativeFunctionsObjective().Value(x),
            (x, g) => new MathObjectives.ZeroDerivativeFunctionsObjective().ValueAndGradient(x, g),
            hvp: (x, v, r) => new MathObjectives.ZeroDerivativeFunctionsObjective().HessianVectorProduct(x, v, r),
            smooth: x => Math.Abs(x[0]) > Margin && AwayFromInteger(x[1], Margin) && AwayFromInteger(x[2], Margin)
                && AwayFromInteger(x[3] + 0.5, Margin) && AwayFromInteger(x[4], Margin) && AwayFromInteger(x[0] * x[1], 4 * Margin));

        // Declarations.
        yield return Case(nameof(SignatureObjectives.SpanVariables), Uniform(5, -2, 2),
            x => SignatureObjectives.SpanVariables(x.ToArray()), SignatureObjectives.SpanVariablesGradient,
            x => new SignatureObjectives.SpanVariablesObjective().Value(x),
            (x, g) => new SignatureObjectives.SpanVariablesObjective().ValueAndGradient(x, g),
            hvp: (x, v, r) => new SignatureObjectives.SpanVariablesObjective().HessianVectorProduct(x, v, r));
        yield return Case(nameof(SignatureObjectives.ArrayVariables), Uniform(6, -2, 2),
            x => SignatureObjectives.ArrayVariables(x.ToArray()), SignatureObjectives.ArrayVariablesGradient,
            x => new SignatureObjectives.ArrayVariablesObjective().Value(x),
            (x, g) => new SignatureObjectives.ArrayVariablesObjective().ValueAndGradient(x, g),
            hvp: (x, v, r) => new SignatureObjectives.ArrayVariablesObjective().HessianVectorProduct(x, v, r));
        yield return Case(nameof(SignatureObjectives.ExpressionBodied), Uniform(2, -2, 2),
            SignatureObjectives.ExpressionBodied, SignatureObjectives.ExpressionBodiedGradient,
            x => new SignatureObjectives.ExpressionBodiedObjective().Value(x),
            (x, g) => new SignatureObjectives.ExpressionBodiedObjective().ValueAndGradient(x, g),
            hvp: (x, v, r) => new SignatureObjectives.ExpressionBodiedObjective().HessianVectorProduct(x, v, r));
        yield return Case(nameof(SignatureObjectives.WeightedPowers), Uniform(6, -1.5, 1.5),
            x => SignatureObjectives.WeightedPowers(x, PowerWeights, PowerExponent),
            (x, g) => SignatureObjectives.WeightedPowersGradient(x, g, PowerWeights, PowerExponent),
            x => new SignatureObjectives.WeightedPowersObjective(PowerWeights, PowerExponent).Value(x),
            (x, g) => new SignatureObjectives.WeightedPowersObjective(PowerWeights, PowerExponent).ValueAndGradient(x, g),
            hvp: (x, v, r) => new SignatureObjectives.WeightedPowersObjective(PowerWeights, PowerExponent).HessianVectorProduct(x, v, r));
        yield return Case("PrivateQuartic", Uniform(2, -1.5, 1.5),
            SignatureObjectives.CallPrivateQuartic, SignatureObjectives.CallPrivateQuarticGradient,
            SignatureObjectives.CallPrivateQuarticObjectiveValue, SignatureObjectives.CallPrivateQuarticObjectiveGradient,
            hvp: SignatureObjectives.CallPrivateQuarticObjectiveHessianVectorProduct);
        yield return Case(nameof(SignatureObjectives.Outer.Inner.NestedCosh), Uniform(4, -1.5, 1.5),
            x => SignatureObjectives.Outer.Inner.NestedCosh(x, CoshScale),
            (x, g) => SignatureObjectives.Outer.Inner.NestedCoshGradient(x, g, CoshScale),
            x => new SignatureObjectives.Outer.Inner.NestedCoshObjective(CoshScale).Value(x),
            (x, g) => new SignatureObjectives.Outer.Inner.NestedCoshObjective(CoshScale).ValueAndGradient(x, g),
            hvp: (x, v, r) => new SignatureObjectives.Outer.Inner.NestedCoshObjective(CoshScale).HessianVectorProduct(x, v, r));
        yield return Case("SpringChainEnergy", Uniform(6, -1, 2),
            x => Chain.Energy(x, AnchorWeight),
            (x, g) => Chain.EnergyGradient(x, g, AnchorWeight),
            x => new SpringChain.EnergyObjective(Chain, AnchorWeight).Value(x),
            (x, g) => new SpringChain.EnergyObjective(Chain, AnchorWeight).ValueAndGradient(x, g),
            hvp: (x, v, r) => new SpringChain.EnergyObjective(Chain, AnchorWeight).HessianVectorProduct(x, v, r));
        yield return Case("BumpDepth", Uniform(4, -1.5, 1.5),
            x => Bump.Depth(x),
            (x, g) => Bump.DepthGradient(x, g),
            x => new Containers.Bump.DepthObjective(Bump).Value(x),
            (x, g) => new Containers.Bump.DepthObjective(Bump).ValueAndGradient(x, g),
            hvp: (x, v, r) => new Containers.Bump.DepthObjective(Bump).HessianVectorProduct(x, v, r));

        // Overloads: each one's gradient and HVP are overloads of one name; the structs carry the overload's parameter types.
        yield return Case("Bowl(double)", Uniform(5, -1.5, 1.5),
            OverloadObjectives.Bowl, OverloadObjectives.BowlGradient,
            x => new OverloadObjectives.BowlDoubleObjective().Value(x),
            (x, g) => new OverloadObjectives.BowlDoubleObjective().ValueAndGradient(x, g),
            hvp: (x, v, r) => new OverloadObjectives.BowlDoubleObjective().HessianVectorProduct(x, v, r));
        yield return Case("Spread()", Uniform(5, -2, 2),
            OverloadObjectives.Spread, OverloadObjectives.SpreadGradient,
            x => new OverloadObjectives.SpreadDoubleObjective().Value(x),
            (x, g) => new OverloadObjectives.SpreadDoubleObjective().ValueAndGradient(x, g),
            hvp: (x, v, r) => new OverloadObjectives.SpreadDoubleObjective().HessianVectorProduct(x, v, r));
        yield return Case("Spread(double[])", Uniform(5, -2, 2),
            x => OverloadObjectives.Spread(x, SpreadWeights), (x, g) => OverloadObjectives.SpreadGradient(x, g, SpreadWeights),
            x => new OverloadObjectives.SpreadDoubleDoubleArrayObjective(SpreadWeights).Value(x),
            (x, g) => new OverloadObjectives.SpreadDoubleDoubleArrayObjective(SpreadWeights).ValueAndGradient(x, g),
            hvp: (x, v, r) => new OverloadObjectives.SpreadDoubleDoubleArrayObjective(SpreadWeights).HessianVectorProduct(x, v, r));
        yield return Case("Spread(double)", Uniform(5, -2, 2),
            x => OverloadObjectives.Spread(x, 1.7), (x, g) => OverloadObjectives.SpreadGradient(x, g, 1.7),
            x => new OverloadObjectives.SpreadDoubleDoubleObjective(1.7).Value(x),
            (x, g) => new OverloadObjectives.SpreadDoubleDoubleObjective(1.7).ValueAndGradient(x, g),
            hvp: (x, v, r) => new OverloadObjectives.SpreadDoubleDoubleObjective(1.7).HessianVectorProduct(x, v, r));
        yield return Case("Nested.Bowl", Uniform(2, -1, 1),
            OverloadObjectives.Nested.Bowl, OverloadObjectives.Nested.BowlGradient,
            x => new OverloadObjectives.Nested.BowlObjective().Value(x),
            (x, g) => new OverloadObjectives.Nested.BowlObjective().ValueAndGradient(x, g),
            hvp: (x, v, r) => new OverloadObjectives.Nested.BowlObjective().HessianVectorProduct(x, v, r));
    }

    private static IEnumerable<GradientCase<float>> CreateFloatCases()
    {
        yield return new GradientCase<float>
        {
            Name = "Bowl(float)",
            Sample = Uniform(5, -1.5, 1.5),
            Value = OverloadObjectives.Bowl,
            Gradient = OverloadObjectives.BowlGradient,
            ObjectiveValue = x => new OverloadObjectives.BowlSingleObjective().Value(x),
            ObjectiveValueAndGradient = (x, g) => new OverloadObjectives.BowlSingleObjective().ValueAndGradient(x, g),
            Reference = x => OverloadObjectives.Bowl(x),
        };
        yield return new GradientCase<float>
        {
            Name = nameof(MathObjectives.SingleSpellings),
            Sample = Uniform(3, 0.5, 2),
            Value = MathObjectives.SingleSpellings,
            Gradient = MathObjectives.SingleSpellingsGradient,
            ObjectiveValue = x => new MathObjectives.SingleSpellingsObjective().Value(x),
            ObjectiveValueAndGradient = (x, g) => new MathObjectives.SingleSpellingsObjective().ValueAndGradient(x, g),
            Reference = x => Math.Sqrt(x[0]) * double.Hypot(x[1], x[2]) + Math.Atanh(0.25 * x[0]) + Math.Log(x[1] + 1.0, 3.0) + Math.Exp(-x[2]),
        };
        yield return new GradientCase<float>
        {
            Name = nameof(SignatureObjectives.FloatMathF),
            Sample = Uniform(4, -1, 1),
            IsSmoothAt = x => Math.Abs(x[2] - 0.5) > Margin && Math.Abs(x[0] - x[1]) > Margin && Math.Abs(x[1] - x[2]) > Margin,
            Value = SignatureObjectives.FloatMathF,
            Gradient = SignatureObjectives.FloatMathFGradient,
            ObjectiveValue = x => new SignatureObjectives.FloatMathFObjective().Value(x),
            ObjectiveValueAndGradient = (x, g) => new SignatureObjectives.FloatMathFObjective().ValueAndGradient(x, g),
            Reference = DoubleTwins.FloatMathF,
        };
        yield return new GradientCase<float>
        {
            Name = nameof(SignatureObjectives.FloatWithDoubleMath),
            Sample = Uniform(4, -1.5, 1.5),
            Value = SignatureObjectives.FloatWithDoubleMath,
            Gradient = SignatureObjectives.FloatWithDoubleMathGradient,
            ObjectiveValue = x => new SignatureObjectives.FloatWithDoubleMathObjective().Value(x),
            ObjectiveValueAndGradient = (x, g) => new SignatureObjectives.FloatWithDoubleMathObjective().ValueAndGradient(x, g),
            Reference = DoubleTwins.FloatWithDoubleMath,
        };
        yield return new GradientCase<float>
        {
            Name = nameof(SignatureObjectives.FloatRosenbrock),
            Sample = Uniform(5, -1.5, 1.5),
            Value = x => SignatureObjectives.FloatRosenbrock(x.ToArray()),
            Gradient = SignatureObjectives.FloatRosenbrockGradient,
            ObjectiveValue = x => new SignatureObjectives.FloatRosenbrockObjective().Value(x),
            ObjectiveValueAndGradient = (x, g) => new SignatureObjectives.FloatRosenbrockObjective().ValueAndGradient(x, g),
            Reference = DoubleTwins.FloatRosenbrock,
        };
        yield return new GradientCase<float>
        {
            Name = nameof(OverwrittenArrayObjectives.FloatAccumulation),
            Sample = Uniform(5, -1.5, 1.5),
            Value = OverwrittenArrayObjectives.FloatAccumulation,
            Gradient = OverwrittenArrayObjectives.FloatAccumulationGradient,
            ObjectiveValue = x => new OverwrittenArrayObjectives.FloatAccumulationObjective().Value(x),
            ObjectiveValueAndGradient = (x, g) => new OverwrittenArrayObjectives.FloatAccumulationObjective().ValueAndGradient(x, g),
            Reference = FloatAccumulationTwin,
        };
        yield return new GradientCase<float>
        {
            Name = nameof(OnceTransformedHelperObjectives.FloatSoftClip),
            Sample = Uniform(4, -2, 2),
            IsSmoothAt = ControlFlowAndHelperCases.SoftClipIsSmoothAt,
            Value = OnceTransformedHelperObjectives.FloatSoftClip,
            Gradient = OnceTransformedHelperObjectives.FloatSoftClipGradient,
            ObjectiveValue = x => new OnceTransformedHelperObjectives.FloatSoftClipObjective().Value(x),
            ObjectiveValueAndGradient = (x, g) => new OnceTransformedHelperObjectives.FloatSoftClipObjective().ValueAndGradient(x, g),
            Reference = x => OnceTransformedHelperObjectives.DoubleSoftClip(x),
        };
        yield return new GradientCase<float>
        {
            Name = nameof(SpanHelperObjectives.FloatSpreadSites),
            Sample = Uniform(5, -1.5, 1.5),
            Value = SpanHelperObjectives.FloatSpreadSites,
            Gradient = SpanHelperObjectives.FloatSpreadSitesGradient,
            ObjectiveValue = x => new SpanHelperObjectives.FloatSpreadSitesObjective().Value(x),
            ObjectiveValueAndGradient = (x, g) => new SpanHelperObjectives.FloatSpreadSitesObjective().ValueAndGradient(x, g),
            Reference = x => SpanHelperObjectives.DoubleSpreadSites(x),
        };
    }

    /// <summary>The double twin of <see cref="OverwrittenArrayObjectives.FloatAccumulation"/>, for finite differences.</summary>
    private static double FloatAccumulationTwin(double[] x)
    {
        var s = new double[2];
        for (int i = 0; i < x.Length; i++)
        {
            s[i % 2] += x[i] * x[i];
            s[(i + 1) % 2] *= 0.5 + 0.1 * x[i];
        }

        return s[0] * s[1] + s[0];
    }

    private static GradientCase<double> Case(
        string name,
        Func<Random, double[]> sample,
        ValueFunction<double> value,
        GradientFunction<double> gradient,
        ValueFunction<double> objectiveValue,
        GradientFunction<double> objectiveValueAndGradient,
        HessianVectorProductFunction<double>? hvp = null,
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
            HessianVectorProduct = hvp,
        };

    /// <summary>Uniform points in [lo, hi]^n.</summary>
    internal static Func<Random, double[]> Uniform(int n, double lo, double hi) =>
        random => [.. Enumerable.Range(0, n).Select(_ => lo + (hi - lo) * random.NextDouble())];

    /// <summary>
    /// A cluster of <paramref name="atoms"/> atoms on a simple cubic lattice of spacing 1.12 (near the LJ pair
    /// minimum 2^(1/6)), each displaced by up to ±0.08 per axis: every distance stays ≥ 0.96, so energies and
    /// forces stay moderate.
    /// </summary>
    internal static double[] Cluster(Random random, int atoms)
    {
        int side = (int)Math.Ceiling(Math.Cbrt(atoms));
        var x = new double[3 * atoms];
        for (int a = 0; a < atoms; a++)
        {
            int[] cell = [a % side, a / side % side, a / (side * side)];
            for (int axis = 0; axis < 3; axis++)
            {
                x[3 * a + axis] = 1.12 * cell[axis] + 0.16 * (random.NextDouble() - 0.5);
            }
        }

        return x;
    }

    internal static double[] RandomArray(int length, double lo, double hi, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, length).Select(_ => lo + (hi - lo) * random.NextDouble())];
    }

    /// <summary>Running sums of term(x_i) in order (the values loop conditions on a running sum compare).</summary>
    private static IEnumerable<double> PartialSums(double[] x, Func<double, double> term)
    {
        double sum = 0.0;
        yield return sum;
        foreach (var v in x)
        {
            sum += term(v);
            yield return sum;
        }
    }

    /// <summary>Running products of factor(x_i) in order (the state <c>TapedStateWithBreak</c> compares with its limit).</summary>
    internal static IEnumerable<double> RunningProducts(double[] x, Func<double, double> factor)
    {
        double p = 1.0;
        foreach (var v in x)
        {
            p *= factor(v);
            yield return p;
        }
    }

    /// <summary>The values of q = q/2 + x_i x_j over the pair loop of <c>ContinueAndReturnInTapedLoops</c>.</summary>
    internal static IEnumerable<double> DecayingSums(double[] x)
    {
        double q = 0.0;
        foreach (var xi in x)
        {
            foreach (var xj in x)
            {
                q = q * 0.5 + xi * xj;
                yield return q;
            }
        }
    }

    private static bool AwayFromInteger(double v, double margin) => Math.Abs(v - Math.Round(v)) > margin;
}
