namespace AutoDiffLbfgs.Sharding;

/// <summary>What a partial sum over terms adds up.</summary>
public enum ShardOperation
{
    /// <summary>Σ fᵢ(w) only; no vector is written.</summary>
    Value,

    /// <summary>Σ fᵢ(w) and the vector Σ ∇fᵢ(w).</summary>
    ValueAndGradient,

    /// <summary>The vector Σ ∇²fᵢ(w)·v (the value returned is 0).</summary>
    HessianVectorProduct,
}
