namespace AutoDiffLbfgs.Ase;

/// <summary>
/// Settings of ASE 3.22's <c>ase.optimize.FIRE</c> (Bitzek et al., PRL 97, 170201 (2006), as ASE implements it) and of
/// the run loop. The defaults are ASE's. Call <see cref="Validate"/> (the stepper does) to reject bad values.
/// </summary>
public sealed record AseFireOptions
{
    /// <summary>Initial time step Δt. Default 0.1; range (0, ∞).</summary>
    public double Dt { get; init; } = 0.1;

    /// <summary>
    /// Longest step: when ‖Δx‖ of the whole step (all atoms together, not per atom, as in ASE's FIRE) exceeds it, the
    /// step is scaled to this length. Default 0.2; range (0, ∞).
    /// </summary>
    public double MaxStep { get; init; } = 0.2;

    /// <summary>Largest time step Δt_max. Default 1.0; range [Dt, ∞).</summary>
    public double DtMax { get; init; } = 1.0;

    /// <summary>Downhill steps (P = F·v &gt; 0) in a row after which Δt grows and α shrinks: N_min. Default 5; range ≥ 0.</summary>
    public int NMin { get; init; } = 5;

    /// <summary>Time-step growth factor f_inc. Default 1.1; range (1, ∞).</summary>
    public double FInc { get; init; } = 1.1;

    /// <summary>Time-step cut on an uphill step f_dec. Default 0.5; range (0, 1).</summary>
    public double FDec { get; init; } = 0.5;

    /// <summary>Mixing parameter α restored on an uphill step, α_start. Default 0.1; range [0, 1].</summary>
    public double AStart { get; init; } = 0.1;

    /// <summary>Mixing decay f_α. Default 0.99; range (0, 1].</summary>
    public double Fa { get; init; } = 0.99;

    /// <summary>Mixing parameter α at the start (ASE's <c>a</c>). Default 0.1; range [0, 1].</summary>
    public double A { get; init; } = 0.1;

    /// <summary>Convergence threshold on the largest atom force norm, as for LBFGS (strict, squared). Default 0.05; range [0, ∞); 0 runs exactly <see cref="MaxSteps"/> steps.</summary>
    public double Fmax { get; init; } = 0.05;

    /// <summary>Step budget (ASE's <c>steps</c>). Default 100,000,000 (ASE's); range ≥ 0.</summary>
    public int MaxSteps { get; init; } = 100_000_000;

    /// <summary>Coordinates per atom for the force norm: 3 (ASE's layout) or 1. Default 3.</summary>
    public int GroupSize { get; init; } = 3;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first property out of range.</summary>
    public void Validate()
    {
        if (!(Dt > 0.0 && double.IsFinite(Dt)))
            throw new ArgumentOutOfRangeException(nameof(Dt), Dt, "Dt must be positive and finite.");
        if (!(MaxStep > 0.0 && double.IsFinite(MaxStep)))
            throw new ArgumentOutOfRangeException(nameof(MaxStep), MaxStep, "MaxStep must be positive and finite.");
        if (!(DtMax >= Dt && double.IsFinite(DtMax)))
            throw new ArgumentOutOfRangeException(nameof(DtMax), DtMax, "DtMax must be finite and at least Dt.");
        if (NMin < 0)
            throw new ArgumentOutOfRangeException(nameof(NMin), NMin, "NMin must not be negative.");
        if (!(FInc > 1.0 && double.IsFinite(FInc)))
            throw new ArgumentOutOfRangeException(nameof(FInc), FInc, "FInc must be finite and greater than 1.");
        if (!(FDec > 0.0 && FDec < 1.0))
            throw new ArgumentOutOfRangeException(nameof(FDec), FDec, "FDec must be in (0, 1).");
        if (!(AStart >= 0.0 && AStart <= 1.0))
            throw new ArgumentOutOfRangeException(nameof(AStart), AStart, "AStart must be in [0, 1].");
        if (!(Fa > 0.0 && Fa <= 1.0))
            throw new ArgumentOutOfRangeException(nameof(Fa), Fa, "Fa must be in (0, 1].");
        if (!(A >= 0.0 && A <= 1.0))
            throw new ArgumentOutOfRangeException(nameof(A), A, "A must be in [0, 1].");
        if (!(Fmax >= 0.0 && double.IsFinite(Fmax)))
            throw new ArgumentOutOfRangeException(nameof(Fmax), Fmax, "Fmax must be non-negative and finite (0 runs MaxSteps steps).");
        if (MaxSteps < 0)
            throw new ArgumentOutOfRangeException(nameof(MaxSteps), MaxSteps, "MaxSteps must not be negative.");
        if (GroupSize != 1 && GroupSize != 3)
            throw new ArgumentOutOfRangeException(nameof(GroupSize), GroupSize, "GroupSize must be 3 (x, y, z per atom) or 1.");
    }
}
