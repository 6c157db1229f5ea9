namespace AutoDiffLbfgs.Stochastic;

/// <summary>What a term sum adds up.</summary>
internal enum TermSumKind
{
    /// <summary>Σ fᵢ(w) only.</summary>
    Value,

    /// <summary>Σ fᵢ(w) and Σ ∇fᵢ(w).</summary>
    ValueAndGradient,

    /// <summary>Σ ∇²fᵢ(w)·v.</summary>
    HessianVectorProduct,
}
