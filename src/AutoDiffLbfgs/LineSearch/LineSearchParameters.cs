namespace AutoDiffLbfgs.LineSearch;

/// <summary>
/// The parameters every line search here shares: the Wolfe constants c₁ and c₂ (Nocedal &amp; Wright eqs. 3.4, 3.6,
/// 3.7), the step bounds and the evaluation budget, each validated where it is set, with the message naming it.
/// </summary>
public abstract class LineSearchParameters
{
    /// <summary>c₁ of the sufficient-decrease condition φ(α) ≤ φ(0) + c₁αφ′(0) (Moré–Thuente's μ, ftol). Default 1e-4; range (0, 1), below <see cref="Curvature"/>.</summary>
    public double SufficientDecrease
    {
        get;
        init => field = value > 0 && value < 1 ? value : throw new ArgumentOutOfRangeException(nameof(SufficientDecrease), value, "SufficientDecrease (c1) must be in (0, 1).");
    } = 1e-4;

    /// <summary>c₂ of the curvature condition, |φ′(α)| ≤ c₂|φ′(0)| in its strong form (Moré–Thuente's η, gtol). Default 0.9 (right for quasi-Newton directions); range (c₁, 1).</summary>
    public double Curvature
    {
        get;
        init => field = value > 0 && value < 1 ? value : throw new ArgumentOutOfRangeException(nameof(Curvature), value, "Curvature (c2) must be in (0, 1).");
    } = 0.9;

    /// <summary>Smallest step tried. Default 1e-20; range (0, <see cref="MaxStep"/>).</summary>
    public double MinStep
    {
        get;
        init => field = value > 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(MinStep), value, "MinStep must be positive and finite.");
    } = 1e-20;

    /// <summary>Largest step tried (the step bound): a trial step is never above it. Default 1e20; range (<see cref="MinStep"/>, ∞).</summary>
    public double MaxStep
    {
        get;
        init => field = value > 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(MaxStep), value, "MaxStep must be positive and finite.");
    } = 1e20;

    /// <summary>Evaluations allowed in one search. Default 20; range [1, ∞).</summary>
    public int MaxEvaluations
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MaxEvaluations), value, "MaxEvaluations must be at least 1.");
    } = 20;

    /// <summary>Checks the relations between parameters: MinStep &lt; MaxStep and, when the curvature condition is used, c₁ &lt; c₂.</summary>
    /// <param name="usesCurvature">Whether the search tests the curvature condition.</param>
    protected void ValidateShared(bool usesCurvature)
    {
        if (MinStep >= MaxStep) throw new ArgumentException($"MinStep ({MinStep}) must be less than MaxStep ({MaxStep}).", nameof(MinStep));
        if (usesCurvature && Curvature <= SufficientDecrease)
            throw new ArgumentException($"Curvature (c2 = {Curvature}) must exceed SufficientDecrease (c1 = {SufficientDecrease}).", nameof(Curvature));
    }
}
