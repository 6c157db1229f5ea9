using AutoDiffLbfgs.LineSearch;

namespace AutoDiffLbfgs.Newton;

/// <summary>
/// Settings of the Newton–CG solvers. Each property is range-checked when set (the exception's ParamName and message
/// name the option); <see cref="Validate"/> checks combinations and runs at the start of every solve. An instance may
/// be shared by concurrent solves. Defaults of the trust-region parameters are scipy's (<c>trust-ncg</c>).
/// </summary>
public sealed class NewtonCgOptions
{
    /// <summary>Trust region (default, as scipy <c>trust-ncg</c>) or line search (as scipy <c>Newton-CG</c>).</summary>
    public NewtonCgMethod Method
    {
        get;
        set => field = Enum.IsDefined(value) ? value : throw Invalid(nameof(Method), value, "must be TrustRegion or LineSearch");
    } = NewtonCgMethod.TrustRegion;

    /// <summary>ε_abs of the gradient test ‖∇f‖₂ ≤ max(ε_abs, ε_rel·max(1, ‖x‖₂)). Default 0; range [0, ∞).</summary>
    public double AbsoluteGradientTolerance
    {
        get;
        set => field = value >= 0 && double.IsFinite(value) ? value : throw Invalid(nameof(AbsoluteGradientTolerance), value, "must be finite and non-negative");
    }

    /// <summary>ε_rel of the gradient test (relative to max(1, ‖x‖₂), as the classic solver). Default 1e-5; range [0, ∞).</summary>
    public double RelativeGradientTolerance
    {
        get;
        set => field = value >= 0 && double.IsFinite(value) ? value : throw Invalid(nameof(RelativeGradientTolerance), value, "must be finite and non-negative");
    } = 1e-5;

    /// <summary>Maximum number of outer iterations. Default 10,000; range [1, ∞).</summary>
    public int MaxIterations
    {
        get;
        set => field = value >= 1 ? value : throw Invalid(nameof(MaxIterations), value, "must be at least 1");
    } = 10_000;

    /// <summary>Maximum number of evaluations of f and ∇f, the start point included. Default <see cref="int.MaxValue"/>; range [1, ∞).</summary>
    public int MaxEvaluations
    {
        get;
        set => field = value >= 1 ? value : throw Invalid(nameof(MaxEvaluations), value, "must be at least 1");
    } = int.MaxValue;

    /// <summary>
    /// Maximum CG iterations per outer iteration; 0 means 20·n (scipy Newton-CG's <c>cg_maxiter</c>). Default 0; range [0, ∞).
    /// </summary>
    public int MaxCgIterations
    {
        get;
        set => field = value >= 0 ? value : throw Invalid(nameof(MaxCgIterations), value, "must be non-negative");
    }

    /// <summary>Δ₀, the first trust radius (Euclidean). Default 1 (scipy); range (0, MaxTrustRadius].</summary>
    public double InitialTrustRadius
    {
        get;
        set => field = value > 0 && double.IsFinite(value) ? value : throw Invalid(nameof(InitialTrustRadius), value, "must be finite and positive");
    } = 1;

    /// <summary>Δ̂, the largest trust radius (Nocedal &amp; Wright Alg. 4.1). Default 1000 (scipy); range [InitialTrustRadius, ∞).</summary>
    public double MaxTrustRadius
    {
        get;
        set => field = value > 0 && double.IsFinite(value) ? value : throw Invalid(nameof(MaxTrustRadius), value, "must be finite and positive");
    } = 1000;

    /// <summary>
    /// η of Alg. 4.1: a step is accepted when ρ = actual/predicted reduction exceeds η. Default 0.15 (scipy); range [0, 0.25).
    /// </summary>
    public double AcceptanceRatio
    {
        get;
        set => field = value >= 0 && value < 0.25 ? value : throw Invalid(nameof(AcceptanceRatio), value, "must lie in [0, 0.25)");
    } = 0.15;

    /// <summary>The solve ends with <see cref="NewtonCgTermination.TrustRegionTooSmall"/> when the radius falls below this. Default 1e-14; range (0, ∞).</summary>
    public double MinTrustRadius
    {
        get;
        set => field = value > 0 && double.IsFinite(value) ? value : throw Invalid(nameof(MinTrustRadius), value, "must be finite and positive");
    } = 1e-14;

    /// <summary>The line search of the line-search method. Default a <see cref="MoreThuenteLineSearch"/> with c₁ = 1e-4, c₂ = 0.9 (scipy Newton-CG's Wolfe search).</summary>
    public ILineSearch LineSearch
    {
        get;
        set => field = value ?? throw new ArgumentNullException(nameof(LineSearch), "NewtonCgOptions.LineSearch must not be null.");
    } = new MoreThuenteLineSearch();

    /// <summary>Called after every outer iteration with (iteration, f, ‖∇f‖, ‖step‖); returning false stops the solve. Default null. It must not allocate if the solve is to stay allocation-free.</summary>
    public LbfgsCallback? Callback { get; set; }

    /// <summary>Checks the combination of settings (each property is range-checked when set).</summary>
    /// <exception cref="ArgumentException">InitialTrustRadius exceeds MaxTrustRadius, or the line search's parameters are inconsistent.</exception>
    public void Validate()
    {
        if (InitialTrustRadius > MaxTrustRadius)
            throw new ArgumentException($"NewtonCgOptions.InitialTrustRadius ({InitialTrustRadius}) must not exceed NewtonCgOptions.MaxTrustRadius ({MaxTrustRadius}).", nameof(InitialTrustRadius));
        LineSearch.Validate();
    }

    private static ArgumentOutOfRangeException Invalid(string name, object value, string rule) =>
        new(name, value, $"NewtonCgOptions.{name} {rule}.");
}
