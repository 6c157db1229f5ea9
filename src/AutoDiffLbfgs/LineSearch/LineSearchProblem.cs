using System.Numerics;
using AutoDiffLbfgs.Numerics;

namespace AutoDiffLbfgs.LineSearch;

/// <summary>
/// The one-dimensional function φ(α) = f(x + α·d) that a line search minimises, with the buffers for trial points and
/// the evaluation budget. Made by the solver for each search; a line search only calls
/// <see cref="Evaluate{TObjective}"/> and reads the properties.
/// </summary>
/// <typeparam name="T"><see cref="double"/> or <see cref="float"/>.</typeparam>
public ref struct LineSearchProblem<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ReadOnlySpan<T> _origin;
    private readonly ReadOnlySpan<T> _direction;
    private readonly Span<T> _point;
    private readonly Span<T> _gradient;
    private readonly LbfgsSweeps<T>? _sweeps;

    /// <summary>Describes a search from <paramref name="origin"/> along <paramref name="direction"/>.</summary>
    /// <param name="origin">x, the current iterate.</param>
    /// <param name="direction">d, a descent direction at x.</param>
    /// <param name="point">Receives each trial point x + α·d; must not overlap the other spans.</param>
    /// <param name="gradient">Receives ∇f at each trial point; must not overlap the other spans.</param>
    /// <param name="value0">φ(0) = f(x).</param>
    /// <param name="slope0">φ′(0) = ∇f(x)ᵀd; negative for a descent direction.</param>
    /// <param name="evaluationBudget">Evaluations the search may make before <see cref="Evaluate{TObjective}"/> refuses; ≥ 0.</param>
    /// <exception cref="ArgumentException">The spans do not all have the same length.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="evaluationBudget"/> is negative.</exception>
    public LineSearchProblem(ReadOnlySpan<T> origin, ReadOnlySpan<T> direction, Span<T> point, Span<T> gradient, double value0, double slope0, int evaluationBudget)
    {
        if (direction.Length != origin.Length) throw new ArgumentException("The length must equal origin's.", nameof(direction));
        if (point.Length != origin.Length) throw new ArgumentException("The length must equal origin's.", nameof(point));
        if (gradient.Length != origin.Length) throw new ArgumentException("The length must equal origin's.", nameof(gradient));
        ArgumentOutOfRangeException.ThrowIfNegative(evaluationBudget);
        _origin = origin;
        _direction = direction;
        _point = point;
        _gradient = gradient;
        Value0 = value0;
        Slope0 = slope0;
        EvaluationBudget = evaluationBudget;
    }

    /// <summary>
    /// The classic solver's search: trial points and slopes come from <paramref name="sweeps"/>, whose vectors
    /// (bound with <see cref="LbfgsSweeps{T}.BindSearch"/>) are the same arrays as the spans here. Each trial then also
    /// forms the candidate correction pair and the norms the solver needs, in the two sweeps it makes anyway.
    /// </summary>
    internal LineSearchProblem(T[] origin, T[] direction, T[] point, T[] gradient, double value0, double slope0, int evaluationBudget, LbfgsSweeps<T> sweeps)
        : this(origin, direction, point, gradient, value0, slope0, evaluationBudget)
    {
        _sweeps = sweeps;
    }

    /// <summary>φ(0) = f(x).</summary>
    public readonly double Value0 { get; }

    /// <summary>φ′(0) = ∇f(x)ᵀd.</summary>
    public readonly double Slope0 { get; }

    /// <summary>
    /// The largest step the solver allows, in addition to the search's own maximum: with bounds (L-BFGS-B) the step at
    /// which x + α·d leaves the box. Default +∞. A line search must never try a step above it.
    /// </summary>
    public double MaxStep { readonly get; init; } = double.PositiveInfinity;

    /// <summary>Evaluations allowed in this search (the solver's remaining budget).</summary>
    public readonly int EvaluationBudget { get; }

    /// <summary>Evaluations made so far in this search.</summary>
    public int Evaluations { get; private set; }

    /// <summary>The last trial point x + α·d.</summary>
    public readonly ReadOnlySpan<T> Point => _point;

    /// <summary>∇f at the last trial point.</summary>
    public readonly ReadOnlySpan<T> Gradient => _gradient;

    /// <summary>
    /// Evaluates φ(α) and φ′(α) at x + α·d, writing the point and its gradient to the trial buffers. The value and
    /// the slope are returned in double; a non-finite f or ∇f shows as a non-finite value or slope (any non-finite
    /// gradient entry makes the slope NaN or infinite), which line searches treat as a failed trial.
    /// </summary>
    /// <returns><see langword="false"/> without evaluating when <see cref="EvaluationBudget"/> is used up.</returns>
    public bool Evaluate<TObjective>(ref TObjective objective, double step, out double value, out double slope)
        where TObjective : IDifferentiableObjective<T>, allows ref struct
    {
        if (Evaluations >= EvaluationBudget)
        {
            value = double.NaN;
            slope = double.NaN;
            return false;
        }
        Evaluations++;
        if (_sweeps is null)
        {
            VectorMath.AddScaled(_origin, T.CreateTruncating(step), _direction, _point);
            value = double.CreateTruncating(objective.ValueAndGradient(_point, _gradient));
            slope = VectorMath.DotDouble<T>(_gradient, _direction);
            return true;
        }
        _sweeps.TrialPoint(T.CreateTruncating(step));
        value = double.CreateTruncating(objective.ValueAndGradient(_point, _gradient));
        slope = _sweeps.SlopeAndPair();
        return true;
    }
}
