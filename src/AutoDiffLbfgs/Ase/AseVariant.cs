namespace AutoDiffLbfgs.Ase;

/// <summary>Which reference implementation an ASE-mode step reproduces, down to its rounding.</summary>
public enum AseVariant
{
    /// <summary>
    /// ASE 3.22's <c>ase.optimize.LBFGS</c>: every pair is stored with ρ = 1/(yᵀs), whatever its sign (a pair with
    /// yᵀs = 0 gives ρ = ±∞, as in numpy); a step whose longest atom displacement L reaches maxstep is scaled by
    /// maxstep/L; the step is then multiplied by damping.
    /// </summary>
    Ase = 0,

    /// <summary>
    /// kups' <c>scale_by_ase_lbfgs</c> chained with <c>max_step_size</c> and <c>scale(-1)</c>: a pair with yᵀs == 0
    /// exactly gets ρ = 0 (it has no effect); every step is multiplied by min(1, maxstep/(L + 1e-12)); damping is
    /// ignored.
    /// </summary>
    Kups = 1,
}
