namespace AutoDiffLbfgs.Ase;

/// <summary>
/// Settings of an ASE-mode relaxation. The defaults are those of ASE 3.22's <c>ase.optimize.LBFGS</c> and of its
/// <c>Optimizer.run</c> (fmax = 0.05). Call <see cref="Validate"/> (the relaxation and the stepper do) to reject bad values.
/// </summary>
public sealed record AseLbfgsOptions
{
    /// <summary>
    /// Largest displacement of any atom in one step (same length unit as the positions; Å in ASE). Default 0.2;
    /// range (0, 1]. ASE refuses values above 1.0 as "much too large"; this library also refuses values ≤ 0.
    /// </summary>
    public double MaxStep { get; init; } = 0.2;

    /// <summary>
    /// Number of (s, y) pairs kept; the oldest is dropped beyond it. Default 100; range ≥ 0. With 0 no pair is kept
    /// and every step is ASE's plain scaled gradient step −g/alpha (capped at <see cref="MaxStep"/>, then damped),
    /// as ASE's <c>LBFGS(memory=0)</c> does.
    /// </summary>
    public int Memory { get; init; } = 100;

    /// <summary>Factor applied to every step after the maxstep scaling. Default 1.0; range (0, ∞). Ignored by <see cref="AseVariant.Kups"/>.</summary>
    public double Damping { get; init; } = 1.0;

    /// <summary>
    /// Initial Hessian guess: the inverse Hessian of the two-loop starts as (1/alpha)·I and is never rescaled.
    /// ASE's value 70 (eV/Å²) mimics its BFGS optimizer. Default 70; range (0, ∞).
    /// </summary>
    public double Alpha { get; init; } = 70.0;

    /// <summary>
    /// Convergence threshold on the largest atom force norm: converged when max over atoms of ‖g_atom‖ &lt; Fmax
    /// (strict; tested as a squared norm against Fmax², like ASE), before every step. Default 0.05; range [0, ∞).
    /// Fmax = 0 never converges (no squared norm is below 0), so the run takes exactly <see cref="MaxSteps"/> steps:
    /// ASE's usual <c>opt.run(fmax=0, steps=n)</c>.
    /// </summary>
    public double Fmax { get; init; } = 0.05;

    /// <summary>Step budget (ASE's <c>steps</c> argument of <c>run</c>). Default 100,000,000 (ASE's); range ≥ 0.</summary>
    public int MaxSteps { get; init; } = 100_000_000;

    /// <summary>
    /// Coordinates per atom: 3 (x, y, z, ASE's layout) or 1 (every coordinate is its own "atom" for the force and step
    /// norms). Default 3. The dimension must be a multiple of it.
    /// </summary>
    public int GroupSize { get; init; } = 3;

    /// <summary>Which implementation's rounding and edge cases to reproduce. Default <see cref="AseVariant.Ase"/>.</summary>
    public AseVariant Variant { get; init; } = AseVariant.Ase;

    /// <summary>Protection against energy-raising steps. Default <see cref="AseSafeguard.None"/> (exactly ASE).</summary>
    public AseSafeguard Safeguard { get; init; } = AseSafeguard.None;

    /// <summary>
    /// With <see cref="AseSafeguard.Backtracking"/>: how many times a step may be halved before the memory is cleared.
    /// Default 10; range ≥ 1.
    /// </summary>
    public int MaxBacktracks { get; init; } = 10;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first property out of range.</summary>
    public void Validate()
    {
        if (!(MaxStep > 0.0 && MaxStep <= 1.0))
            throw new ArgumentOutOfRangeException(nameof(MaxStep), MaxStep, "MaxStep must be in (0, 1]; ASE rejects values above 1.0.");
        if (Memory < 0)
            throw new ArgumentOutOfRangeException(nameof(Memory), Memory, "Memory must not be negative.");
        if (!(Damping > 0.0 && double.IsFinite(Damping)))
            throw new ArgumentOutOfRangeException(nameof(Damping), Damping, "Damping must be positive and finite.");
        if (!(Alpha > 0.0 && double.IsFinite(Alpha)))
            throw new ArgumentOutOfRangeException(nameof(Alpha), Alpha, "Alpha must be positive and finite.");
        if (!(Fmax >= 0.0 && double.IsFinite(Fmax)))
            throw new ArgumentOutOfRangeException(nameof(Fmax), Fmax, "Fmax must be non-negative and finite (0 runs MaxSteps steps).");
        if (MaxSteps < 0)
            throw new ArgumentOutOfRangeException(nameof(MaxSteps), MaxSteps, "MaxSteps must not be negative.");
        if (GroupSize != 1 && GroupSize != 3)
            throw new ArgumentOutOfRangeException(nameof(GroupSize), GroupSize, "GroupSize must be 3 (x, y, z per atom) or 1.");
        if (!Enum.IsDefined(Variant))
            throw new ArgumentOutOfRangeException(nameof(Variant), Variant, "Unknown variant.");
        if (!Enum.IsDefined(Safeguard))
            throw new ArgumentOutOfRangeException(nameof(Safeguard), Safeguard, "Unknown safeguard.");
        if (MaxBacktracks < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxBacktracks), MaxBacktracks, "MaxBacktracks must be at least 1.");
    }
}
