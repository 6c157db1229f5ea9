using AutoDiffLbfgs.Generator.Model;

namespace AutoDiffLbfgs.Generator.Differentiation;

/// <summary>
/// The passes that turn a lowered body into gradient code, in order: call hoisting, structurizing, the reverse
/// transform, then the clean-ups on its output (constant adjoint seeds, merged accumulations, zero adjoints folded
/// into their first accumulation, gradient stores, loop-invariant
/// gradient entries summed in locals). One
/// list for the objective and for the helpers transformed once, so they always get the same code.
/// </summary>
internal static class GradientPipeline
{
    /// <summary>
    /// The structured body (the input of both transforms), the gradient code, whether it uses the tape, and the index
    /// below which the gradient code stores every entry itself (null: it must be cleared whole first).
    /// </summary>
    /// <param name="body">The lowered body.</param>
    /// <param name="names">Hands out generated names.</param>
    /// <param name="element">The type of the body's result.</param>
    /// <param name="gradient">The name of the gradient span.</param>
    /// <param name="rules">The user-supplied derivative rules the body refers to.</param>
    /// <param name="sumInvariantEntries">
    /// Whether to sum loop-invariant gradient entries in locals (<see cref="InvariantAccumulations"/>); off for a scalar
    /// helper, whose "gradient" entries become <c>out</c> parameters, locals already.
    /// </param>
    public static (BlockStmt Structured, BlockStmt Gradient, bool UsesTape, Expr? StoredBelow) Run(BlockStmt body, NameAllocator names, ScalarType element, string gradient, UserRules rules, bool sumInvariantEntries = true)
    {
        var structured = Structurizer.Run(CallHoisting.Run(body, names), names, element);
        var (reverse, usesTape, _) = ReverseTransform.Run(structured, names, element, gradient, rules);
        var merged = FirstAccumulations.Run(AccumulationMerging.Run(ConstantAdjoints.Run(reverse)));
        var code = GradientStores.Run(merged, gradient, out var storedBelow);
        if (sumInvariantEntries) code = InvariantAccumulations.Run(code, gradient, names);
        return (structured, code, usesTape, storedBelow);
    }
}
