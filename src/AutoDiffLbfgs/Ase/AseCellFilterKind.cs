namespace AutoDiffLbfgs.Ase;

/// <summary>Which of ASE 3.22's variable-cell filters <see cref="AseCellFilter{TObjective}"/> reproduces.</summary>
public enum AseCellFilterKind
{
    /// <summary>
    /// <c>UnitCellFilter</c>: the cell coordinates are cell_factor·F, F the deformation gradient from the original
    /// cell; their force is the virial times F⁻ᵀ divided by cell_factor.
    /// </summary>
    UnitCell,

    /// <summary>
    /// <c>ExpCellFilter</c>: the cell coordinates are U = log F (cell factor 1); their force is the virial itself
    /// unless the exact derivative through exp points elsewhere (see <see cref="AseCellFilter{TObjective}"/>).
    /// </summary>
    ExpCell,
}
