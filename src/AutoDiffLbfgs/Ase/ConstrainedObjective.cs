namespace AutoDiffLbfgs.Ase;

/// <summary>
/// An energy with <see cref="AseConstraints"/> applied: the same energy, the gradient with held components zeroed,
/// so <see cref="AseRelaxation"/> with either stepper moves only the free coordinates, as ASE does.
/// </summary>
/// <typeparam name="TObjective">The unconstrained energy.</typeparam>
public readonly struct ConstrainedObjective<TObjective> : IDifferentiableObjective<double>
    where TObjective : IDifferentiableObjective<double>
{
    private readonly TObjective _objective;
    private readonly AseConstraints _constraints;

    /// <summary>Wraps <paramref name="objective"/> with <paramref name="constraints"/>.</summary>
    public ConstrainedObjective(TObjective objective, AseConstraints constraints)
    {
        ArgumentNullException.ThrowIfNull(constraints);
        _objective = objective;
        _constraints = constraints;
    }

    /// <inheritdoc />
    public double Value(ReadOnlySpan<double> x) => _objective.Value(x);

    /// <inheritdoc />
    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        double e = _objective.ValueAndGradient(x, gradient);
        _constraints.ApplyToGradient(gradient);
        return e;
    }
}
