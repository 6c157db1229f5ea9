namespace AutoDiffLbfgs.Numerics;

/// <summary>
/// How one sweep of the two-loop recursion (Nocedal &amp; Wright Algorithm 7.4) updates z before its inner product:
/// z ← post(pre), pre = source (a copy) or z + a·y (an axpy), post = identity, h·(…) or −(…). Static flags, so the JIT
/// compiles each kind of <see cref="TwoLoopSweep{T, TUpdate}"/> without branches.
/// </summary>
internal interface ITwoLoopUpdate
{
    /// <summary>pre is the source vector (z is overwritten by a copy) instead of z + a·y.</summary>
    static abstract bool FromSource { get; }

    /// <summary>post multiplies by h (H₀ = hI, the scale between the two loops).</summary>
    static abstract bool Scale { get; }

    /// <summary>post negates (the direction d = −H∇f is formed in the last sweep).</summary>
    static abstract bool Negate { get; }
}

/// <summary>z ← source.</summary>
internal readonly struct CopyUpdate : ITwoLoopUpdate
{
    public static bool FromSource => true;
    public static bool Scale => false;
    public static bool Negate => false;
}

/// <summary>z ← −source.</summary>
internal readonly struct NegatedCopyUpdate : ITwoLoopUpdate
{
    public static bool FromSource => true;
    public static bool Scale => false;
    public static bool Negate => true;
}

/// <summary>z ← z + a·y.</summary>
internal readonly struct AxpyUpdate : ITwoLoopUpdate
{
    public static bool FromSource => false;
    public static bool Scale => false;
    public static bool Negate => false;
}

/// <summary>z ← h·(z + a·y).</summary>
internal readonly struct AxpyScaleUpdate : ITwoLoopUpdate
{
    public static bool FromSource => false;
    public static bool Scale => true;
    public static bool Negate => false;
}

/// <summary>z ← −(z + a·y).</summary>
internal readonly struct NegatedAxpyUpdate : ITwoLoopUpdate
{
    public static bool FromSource => false;
    public static bool Scale => false;
    public static bool Negate => true;
}
