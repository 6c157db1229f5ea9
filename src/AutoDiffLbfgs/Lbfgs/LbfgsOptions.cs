using AutoDiffLbfgs.LineSearch;

namespace AutoDiffLbfgs;

/// <summary>
/// Settings of the classic L-BFGS solver. Each property is range-checked when set (the exception's ParamName and
/// message name the option); <see cref="Validate"/> checks combinations and runs at the start of every solve. An
/// instance may be shared by concurrent solves.
/// </summary>
public sealed class LbfgsOptions
{
    /// <summary>Number of correction pairs m kept (Nocedal &amp; Wright §7.2). Default 10 (as scipy and Optim.jl); range [1, ∞); 3 to 20 is typical.</summary>
    public int Memory
    {
        get;
        set => field = value >= 1 ? value : throw Invalid(nameof(Memory), value, "must be at least 1");
    } = 10;

    /// <summary>ε_abs of the gradient test ‖∇f‖₂ ≤ max(ε_abs, ε_rel·max(1, ‖x‖₂)). Default 0; range [0, ∞).</summary>
    public double AbsoluteGradientTolerance
    {
        get;
        set => field = value >= 0 && double.IsFinite(value) ? value : throw Invalid(nameof(AbsoluteGradientTolerance), value, "must be finite and non-negative");
    }

    /// <summary>ε_rel of the gradient test (relative to max(1, ‖x‖₂), as liblbfgs' epsilon). Default 1e-5; range [0, ∞).</summary>
    public double RelativeGradientTolerance
    {
        get;
        set => field = value >= 0 && double.IsFinite(value) ? value : throw Invalid(nameof(RelativeGradientTolerance), value, "must be finite and non-negative");
    } = 1e-5;

    /// <summary>
    /// Distance, in iterations, of the relative-decrease test (f<sub>k−past</sub> − f<sub>k</sub>) ≤ Delta·max(1, |f<sub>k</sub>|).
    /// Default 0 (test off); range [0, ∞).
    /// </summary>
    public int Past
    {
        get;
        set => field = value >= 0 ? value : throw Invalid(nameof(Past), value, "must be non-negative");
    }

    /// <summary>δ of the relative-decrease test (used when <see cref="Past"/> &gt; 0). Default 1e-5 (as liblbfgs); range [0, ∞).</summary>
    public double Delta
    {
        get;
        set => field = value >= 0 && double.IsFinite(value) ? value : throw Invalid(nameof(Delta), value, "must be finite and non-negative");
    } = 1e-5;

    /// <summary>Maximum number of iterations (accepted steps). Default 10,000; range [1, ∞).</summary>
    public int MaxIterations
    {
        get;
        set => field = value >= 1 ? value : throw Invalid(nameof(MaxIterations), value, "must be at least 1");
    } = 10_000;

    /// <summary>Maximum number of objective evaluations, the start point included. Default <see cref="int.MaxValue"/> (no limit); range [1, ∞).</summary>
    public int MaxEvaluations
    {
        get;
        set => field = value >= 1 ? value : throw Invalid(nameof(MaxEvaluations), value, "must be at least 1");
    } = int.MaxValue;

    /// <summary>ε of the curvature guard: a pair with sᵀy ≤ ε·yᵀy is not stored (and is counted in <see cref="LbfgsResult.SkippedPairs"/>), which keeps H positive definite. Default 2.2e-16; range [0, ∞).</summary>
    public double CurvatureEpsilon
    {
        get;
        set => field = value >= 0 && double.IsFinite(value) ? value : throw Invalid(nameof(CurvatureEpsilon), value, "must be finite and non-negative");
    } = 2.220446049250313e-16;

    /// <summary>The line search and its parameters. Default a <see cref="MoreThuenteLineSearch"/> with c₁ = 1e-4, c₂ = 0.9.</summary>
    public ILineSearch LineSearch
    {
        get;
        set => field = value ?? throw new ArgumentNullException(nameof(LineSearch), "LineSearch must not be null.");
    } = new MoreThuenteLineSearch();

    /// <summary>Called after every accepted step with (iteration, f, ‖∇f‖, step); returning false stops the solve. Default null (none). It must not allocate if the solve is to stay allocation-free.</summary>
    public LbfgsCallback? Callback { get; set; }

    /// <summary>
    /// Lower bounds lᵢ of the variables, one per variable (entries may be −∞, never NaN); null (the default) for none.
    /// With either bound array set the solve is L-BFGS-B (Byrd, Lu, Nocedal &amp; Zhu 1995): see <see cref="LbfgsAlgorithm.LbfgsB"/>.
    /// The array is read, not copied, at the start of every solve; its length must equal the number of variables.
    /// </summary>
    public double[]? LowerBounds { get; set; }

    /// <summary>Upper bounds uᵢ of the variables (entries may be +∞, never NaN; uᵢ ≥ lᵢ); null (the default) for none. See <see cref="LowerBounds"/>.</summary>
    public double[]? UpperBounds { get; set; }

    /// <summary>
    /// C of the L1 term C·Σ|xᵢ| (i in [<see cref="L1Start"/>, <see cref="L1End"/>)) added to the objective by the solver,
    /// which then runs OWL-QN (Andrew &amp; Gao 2007): see <see cref="LbfgsAlgorithm.OwlQn"/>. Default 0 (no L1 term);
    /// range [0, ∞). Cannot be combined with bounds.
    /// </summary>
    public double L1Penalty
    {
        get;
        set => field = value >= 0 && double.IsFinite(value) ? value : throw Invalid(nameof(L1Penalty), value, "must be finite and non-negative");
    }

    /// <summary>First index of the L1-penalised range (liblbfgs' <c>orthantwise_start</c>). Default 0; range [0, n).</summary>
    public int L1Start
    {
        get;
        set => field = value >= 0 ? value : throw Invalid(nameof(L1Start), value, "must be non-negative");
    }

    /// <summary>One past the last index of the L1-penalised range (liblbfgs' <c>orthantwise_end</c>). Default −1, meaning n; otherwise range (<see cref="L1Start"/>, n].</summary>
    public int L1End
    {
        get;
        set => field = value >= -1 ? value : throw Invalid(nameof(L1End), value, "must be -1 (all variables) or an index");
    } = -1;

    /// <summary>
    /// The largest number of threads (the caller's included) that run the classic solver's vector work (L-BFGS-B and OWL-QN ignore it) — the two-loop
    /// recursion, trial points, correction pairs and norms — over a fixed partition of the variables. Default 1;
    /// range [1, ∞). Results are bit-identical for every value; problems with fewer than 131,072 variables always run
    /// on the calling thread (the hand-off costs more than it saves there; docs/benchmarks.md). The objective itself is
    /// always evaluated on the calling thread.
    /// </summary>
    public int MaxDegreeOfParallelism
    {
        get;
        set => field = value >= 1 ? value : throw Invalid(nameof(MaxDegreeOfParallelism), value, "must be at least 1");
    } = 1;

    /// <summary>
    /// Internal, for tests and benchmarks: true forms the classic solver's direction blocked over n
    /// (<see cref="LbfgsHistory{T}.ApplyNegatedInverseHessianBlocked"/>) instead of by the fused two-loop, the default
    /// (null or false), which measured faster on the test machine (docs/benchmarks.md).
    /// </summary>
    internal bool? BlockedDirection { get; set; }

    /// <summary>Checks the combination of settings (each property is range-checked when set).</summary>
    /// <exception cref="ArgumentException">The line search's parameters are inconsistent, the bounds are NaN, of different lengths or
    /// crossed (lᵢ &gt; uᵢ, the message names i), or bounds and an L1 penalty are both set; the message names the options.</exception>
    public void Validate()
    {
        LineSearch.Validate();
        if (LowerBounds is { } lower && UpperBounds is { } upper && lower.Length != upper.Length)
            throw new ArgumentException($"LbfgsOptions.LowerBounds (length {lower.Length}) and LbfgsOptions.UpperBounds (length {upper.Length}) must have the same length.", nameof(UpperBounds));
        for (int i = 0; i < (LowerBounds?.Length ?? 0); i++)
        {
            if (double.IsNaN(LowerBounds![i]) || LowerBounds[i] == double.PositiveInfinity)
                throw new ArgumentException($"LbfgsOptions.LowerBounds[{i}] is {LowerBounds[i]}; a lower bound must be a number below +∞.", nameof(LowerBounds));
        }
        for (int i = 0; i < (UpperBounds?.Length ?? 0); i++)
        {
            if (double.IsNaN(UpperBounds![i]) || UpperBounds[i] == double.NegativeInfinity)
                throw new ArgumentException($"LbfgsOptions.UpperBounds[{i}] is {UpperBounds[i]}; an upper bound must be a number above −∞.", nameof(UpperBounds));
            if (LowerBounds is not null && LowerBounds[i] > UpperBounds[i])
                throw new ArgumentException($"LbfgsOptions.LowerBounds[{i}] ({LowerBounds[i]}) exceeds LbfgsOptions.UpperBounds[{i}] ({UpperBounds[i]}).", nameof(LowerBounds));
        }
        if (L1Penalty > 0 && (LowerBounds is not null || UpperBounds is not null))
            throw new ArgumentException("LbfgsOptions.L1Penalty cannot be combined with LbfgsOptions.LowerBounds or UpperBounds (OWL-QN with bounds is not implemented).", nameof(L1Penalty));
        if (L1End != -1 && L1End <= L1Start)
            throw new ArgumentException($"LbfgsOptions.L1End ({L1End}) must exceed LbfgsOptions.L1Start ({L1Start}), or be -1 for all variables.", nameof(L1End));
    }

    /// <summary>Checks the settings that depend on the number of variables n; run at the start of every solve after <see cref="Validate"/>.</summary>
    internal void ValidateDimension(int n)
    {
        if (LowerBounds is { } lower && lower.Length != n)
            throw new ArgumentException($"LbfgsOptions.LowerBounds has length {lower.Length}; it must equal the number of variables ({n}).", nameof(LowerBounds));
        if (UpperBounds is { } upper && upper.Length != n)
            throw new ArgumentException($"LbfgsOptions.UpperBounds has length {upper.Length}; it must equal the number of variables ({n}).", nameof(UpperBounds));
        if (L1Penalty > 0 && L1Start >= n)
            throw new ArgumentException($"LbfgsOptions.L1Start ({L1Start}) must be below the number of variables ({n}).", nameof(L1Start));
        if (L1Penalty > 0 && L1End > n)
            throw new ArgumentException($"LbfgsOptions.L1End ({L1End}) must not exceed the number of variables ({n}).", nameof(L1End));
    }

    /// <summary>The algorithm these settings select.</summary>
    internal LbfgsAlgorithm Algorithm =>
        LowerBounds is not null || UpperBounds is not null ? LbfgsAlgorithm.LbfgsB
        : L1Penalty > 0 ? LbfgsAlgorithm.OwlQn
        : LbfgsAlgorithm.Lbfgs;

    private static ArgumentOutOfRangeException Invalid(string name, object value, string rule) =>
        new(name, value, $"LbfgsOptions.{name} {rule}.");
}
