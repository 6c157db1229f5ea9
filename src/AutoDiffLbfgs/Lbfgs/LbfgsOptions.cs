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

    /// <summary>Checks the combination of settings (each property is range-checked when set).</summary>
    /// <exception cref="ArgumentException">The line search's parameters are inconsistent; the message names them.</exception>
    public void Validate() => LineSearch.Validate();

    private static ArgumentOutOfRangeException Invalid(string name, object value, string rule) =>
        new(name, value, $"LbfgsOptions.{name} {rule}.");
}
