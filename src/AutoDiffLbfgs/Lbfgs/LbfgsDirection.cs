namespace AutoDiffLbfgs.Lbfgs;

/// <summary>How the classic solver computes d = −H∇f. Both give the same H; they differ in rounding and speed.</summary>
public enum LbfgsDirection
{
    /// <summary>The two-loop recursion (Nocedal &amp; Wright Algorithm 7.4; <see cref="LbfgsHistory{T}.ApplyInverseHessian"/>): the reference tools' arithmetic, so iteration counts match liblbfgs. Fastest while the history fits in cache.</summary>
    TwoLoop,

    /// <summary>The compact representation (Byrd, Nocedal &amp; Schnabel 1994; <see cref="LbfgsHistory{T}.ApplyInverseHessianCompact"/>): two blocked sweeps over the history instead of 2m + 1 sweeps over ∇f, which pays off only when the history is far larger than the last-level cache (measured: about 20 % faster at n = 10⁷, m = 10; slower up to n = 10⁶; see docs/benchmarks.md).</summary>
    CompactForm,
}
