namespace AutoDiffLbfgs.Ase;

/// <summary>
/// Settings of an <see cref="AseCellFilter{TObjective}"/>, named and defaulted as the arguments of ASE 3.22's
/// <c>UnitCellFilter(atoms, mask, cell_factor, hydrostatic_strain, constant_volume, scalar_pressure)</c> and
/// <c>ExpCellFilter</c>. Call <see cref="Validate"/> (the filter does) to reject bad values.
/// </summary>
public sealed record AseCellFilterOptions
{
    /// <summary>The filter. Default <see cref="AseCellFilterKind.ExpCell"/>.</summary>
    public AseCellFilterKind Kind { get; init; } = AseCellFilterKind.ExpCell;

    /// <summary>
    /// Which virial components relax: 6 numbers in Voigt order (xx, yy, zz, yz, xz, xy) or a row-major 3×3 matrix,
    /// 1 = relax, 0 = hold (ASE multiplies the virial by the mask element by element, so other values scale it).
    /// Null (default) relaxes all. Finite entries only.
    /// </summary>
    public double[]? Mask { get; init; }

    /// <summary>
    /// <see cref="AseCellFilterKind.UnitCell"/> only: the factor on the deformation gradient in the coordinates (the
    /// cell force is divided by it). Null (default) = the number of atoms, ASE's default. Positive and finite.
    /// ASE 3.22's ExpCellFilter ignores it (deprecated there, cell factor 1), and so does this library.
    /// </summary>
    public double? CellFactor { get; init; }

    /// <summary>Only hydrostatic deformation: the virial is replaced by diag(tr/3, tr/3, tr/3) before the mask. Default false.</summary>
    public bool HydrostaticStrain { get; init; }

    /// <summary>
    /// Subtract tr/3 from the diagonal of the cell force (after the mask), so the cell keeps its volume to first order.
    /// ASE notes this breaks energy/force consistency; use it with FIRE. Default false.
    /// </summary>
    public bool ConstantVolume { get; init; }

    /// <summary>
    /// External pressure p (energy/volume in the energy's units; eV/Å³ in ASE, 1 eV/Å³ ≈ 160.2 GPa): the filter energy
    /// is E + p·V and the virial −V(σ + p·I). Default 0. Finite.
    /// </summary>
    public double ScalarPressure { get; init; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> (or <see cref="ArgumentException"/> for the mask's length) naming the property.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Kind))
            throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "Unknown cell filter.");
        if (Mask is not null)
        {
            if (Mask.Length != 6 && Mask.Length != 9)
                throw new ArgumentException("Mask must hold 6 Voigt components (xx, yy, zz, yz, xz, xy) or 9 (3×3, row-major).", nameof(Mask));
            if (!Mask.All(double.IsFinite))
                throw new ArgumentOutOfRangeException(nameof(Mask), "Mask entries must be finite.");
        }
        if (CellFactor is { } f && !(f > 0.0 && double.IsFinite(f)))
            throw new ArgumentOutOfRangeException(nameof(CellFactor), f, "CellFactor must be positive and finite.");
        if (!double.IsFinite(ScalarPressure))
            throw new ArgumentOutOfRangeException(nameof(ScalarPressure), ScalarPressure, "ScalarPressure must be finite.");
    }
}
