namespace AutoDiffLbfgs.Ase;

/// <summary>
/// ASE 3.22's variable-cell filters, <c>UnitCellFilter</c> and <c>ExpCellFilter</c> (<c>ase/constraints.py</c>), as an
/// objective over generalised coordinates, so <see cref="AseRelaxation"/> relaxes atoms and cell together with
/// either stepper exactly as ASE's optimizers do on a filter.
/// </summary>
/// <remarks>
/// <para>
/// The energy is written once as a function of the Cartesian positions and the cell: its variables are the 3N
/// positions (atom-major) followed by the 9 entries of the cell (the cell vectors a, b, c as rows). Its gradient then
/// holds both −forces and ∂E/∂cell, and the filter forms the virial from the two: with every position and cell vector
/// deformed by (I + ε), ∂E/∂ε_ij = Σ_a (∂E/∂r_a)_i r_aj + Σ_k (∂E/∂cell_k)_i cell_kj, the stress is its symmetric
/// part over the volume V (what ASE's calculators return), and the virial is −V(σ + p·I).
/// </para>
/// <para>
/// Coordinates (N + 3 "atoms", 3N + 9 numbers, group size 3 as ASE's N + 3 rows): the deformation gradient from the
/// original cell C₀ is F = (C₀⁻¹C)ᵀ, so C = C₀Fᵀ and r = zFᵀ with z the positions in the undeformed cell. The first
/// 3N coordinates are z. The last 9 are cell_factor·F for <see cref="AseCellFilterKind.UnitCell"/> and U = log F for
/// <see cref="AseCellFilterKind.ExpCell"/>. The gradient (minus ASE's filter forces) is (∂E/∂r)·F for z and, for the
/// cell: UnitCell, −virial·F⁻ᵀ (then hydrostatic, mask, constant volume, in ASE's order) / cell_factor; ExpCell,
/// −virial (hydrostatic, mask), unless the exact derivative through the exponential, −L(U, −virial·exp(−U)) by
/// the 6×6 block exponential, symmetrised, is neither element-wise close (numpy's isclose) nor within a cosine of
/// 0.8 of it — ASE's own rule — and then trace-projected for constant volume. The energy returned is E + p·V.
/// </para>
/// <para>Not thread-safe (it holds the last evaluation); one filter per structure. No allocation after construction.</para>
/// </remarks>
/// <typeparam name="TObjective">The energy of positions and cell (3N + 9 variables).</typeparam>
public sealed class AseCellFilter<TObjective> : IDifferentiableObjective<double>
    where TObjective : IDifferentiableObjective<double>
{
    private TObjective _energy;
    private readonly AseCellFilterOptions _options;
    private readonly double[] _originalCell = new double[9];
    private readonly double[] _mask = new double[9];
    private readonly bool _masked;
    private readonly double _cellFactor;
    private readonly double[] _variables;
    private readonly double[] _energyGradient;
    private readonly double[] _stress = new double[6];

    /// <summary>Creates the filter for <paramref name="atomCount"/> atoms in the original cell <paramref name="originalCell"/>.</summary>
    /// <param name="energy">Energy of (positions, cell), 3·<paramref name="atomCount"/> + 9 variables.</param>
    /// <param name="atomCount">Number of atoms N; positive.</param>
    /// <param name="originalCell">The reference cell C₀ (rows a, b, c; 9 numbers), ASE's cell when the filter is made; invertible.</param>
    /// <param name="options">Settings; null means ASE's defaults for <see cref="AseCellFilterKind.ExpCell"/>. Validated here.</param>
    public AseCellFilter(TObjective energy, int atomCount, ReadOnlySpan<double> originalCell, AseCellFilterOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(atomCount);
        if (originalCell.Length != 9)
            throw new ArgumentException("originalCell must hold 9 numbers (three cell vectors as rows).", nameof(originalCell));
        Span<double> inverse = stackalloc double[9];
        if (!CellMatrices.Invert3(originalCell, inverse))
            throw new ArgumentException("originalCell must be invertible.", nameof(originalCell));
        _options = options ?? new AseCellFilterOptions();
        _options.Validate();
        _energy = energy;
        AtomCount = atomCount;
        originalCell.CopyTo(_originalCell);
        _cellFactor = _options.Kind == AseCellFilterKind.UnitCell ? _options.CellFactor ?? atomCount : 1.0;
        if (_options.Mask is { } mask)
        {
            if (mask.Length == 6)
            {
                // ASE's voigt_6_to_full_3x3_stress: (xx, yy, zz, yz, xz, xy) to the symmetric matrix.
                ReadOnlySpan<int> voigt = [0, 5, 4, 5, 1, 3, 4, 3, 2];
                for (int k = 0; k < 9; k++) _mask[k] = mask[voigt[k]];
            }
            else
            {
                mask.CopyTo(_mask.AsSpan());
            }
            _masked = _mask.Any(m => m != 1.0);
        }
        _variables = new double[3 * atomCount + 9];
        _energyGradient = new double[3 * atomCount + 9];
    }

    /// <summary>Number of atoms N.</summary>
    public int AtomCount { get; }

    /// <summary>Number of generalised coordinates, 3N + 9.</summary>
    public int Dimension => 3 * AtomCount + 9;

    /// <summary>The validated settings.</summary>
    public AseCellFilterOptions Options => _options;

    /// <summary>The factor on F in the UnitCell coordinates (N by default); 1 for ExpCell.</summary>
    public double CellFactor => _cellFactor;

    /// <summary>The original cell C₀.</summary>
    public ReadOnlySpan<double> OriginalCell => _originalCell;

    /// <summary>Cartesian positions of the last evaluation (3N).</summary>
    public ReadOnlySpan<double> Positions => _variables.AsSpan(0, 3 * AtomCount);

    /// <summary>Cell of the last evaluation (9, rows a, b, c).</summary>
    public ReadOnlySpan<double> Cell => _variables.AsSpan(3 * AtomCount, 9);

    /// <summary>Volume |det C| of the last evaluation.</summary>
    public double Volume { get; private set; }

    /// <summary>The energy E without the p·V term at the last evaluation.</summary>
    public double PotentialEnergy { get; private set; }

    /// <summary>
    /// ASE's <c>filter.stress</c> after the last gradient evaluation (Voigt xx, yy, zz, yz, xz, xy): −virial′/V for
    /// UnitCell (virial′ the masked cell virial), −virial/V for ExpCell (trace-free with constant volume).
    /// </summary>
    public ReadOnlySpan<double> Stress => _stress;

    /// <summary>
    /// ASE's <c>filter.get_positions()</c>: the coordinates of Cartesian <paramref name="positions"/> in
    /// <paramref name="cell"/> (z = r·F⁻ᵀ, then cell_factor·F or log F).
    /// </summary>
    /// <exception cref="ArgumentException">A length is wrong, or the cell is singular or (ExpCell) has no real logarithm.</exception>
    public void GetCoordinates(ReadOnlySpan<double> positions, ReadOnlySpan<double> cell, Span<double> coordinates)
    {
        int n = 3 * AtomCount;
        if (positions.Length != n) throw new ArgumentException($"Expected {n} coordinates.", nameof(positions));
        if (cell.Length != 9) throw new ArgumentException("cell must hold 9 numbers.", nameof(cell));
        if (coordinates.Length != Dimension) throw new ArgumentException($"Expected {Dimension} coordinates.", nameof(coordinates));
        Span<double> inverse = stackalloc double[9];
        Span<double> product = stackalloc double[9];
        Span<double> f = stackalloc double[9];
        Span<double> fInverse = stackalloc double[9];
        CellMatrices.Invert3(_originalCell, inverse);
        CellMatrices.Multiply(inverse, cell, product, 3);
        Transpose(product, f);
        if (!CellMatrices.Invert3(f, fInverse))
            throw new ArgumentException("cell must be invertible.", nameof(cell));
        for (int a = 0; a < AtomCount; a++)
            for (int i = 0; i < 3; i++)
                coordinates[3 * a + i] = positions[3 * a] * fInverse[3 * i] + positions[3 * a + 1] * fInverse[3 * i + 1]
                    + positions[3 * a + 2] * fInverse[3 * i + 2];
        Span<double> tail = coordinates.Slice(n, 9);
        if (_options.Kind == AseCellFilterKind.UnitCell)
        {
            for (int k = 0; k < 9; k++) tail[k] = _cellFactor * f[k];
        }
        else if (!CellMatrices.Log3(f, tail))
        {
            throw new ArgumentException("The deformation from the original cell has no real logarithm.", nameof(cell));
        }
    }

    /// <summary>ASE's <c>filter.set_positions(coordinates)</c>: the Cartesian positions and cell the coordinates stand for.</summary>
    public void GetPositionsAndCell(ReadOnlySpan<double> coordinates, Span<double> positions, Span<double> cell)
    {
        if (coordinates.Length != Dimension) throw new ArgumentException($"Expected {Dimension} coordinates.", nameof(coordinates));
        if (positions.Length != 3 * AtomCount) throw new ArgumentException($"Expected {3 * AtomCount} coordinates.", nameof(positions));
        if (cell.Length != 9) throw new ArgumentException("cell must hold 9 numbers.", nameof(cell));
        Span<double> f = stackalloc double[9];
        DeformationGradient(coordinates, f);
        Deform(coordinates, f, positions, cell);
    }

    /// <inheritdoc />
    public double Value(ReadOnlySpan<double> x)
    {
        CheckLength(x);
        Span<double> f = stackalloc double[9];
        DeformationGradient(x, f);
        int n = 3 * AtomCount;
        Deform(x, f, _variables.AsSpan(0, n), _variables.AsSpan(n, 9));
        PotentialEnergy = _energy.Value(_variables);
        Volume = Math.Abs(CellMatrices.Determinant3(_variables.AsSpan(n, 9)));
        return PotentialEnergy + _options.ScalarPressure * Volume;
    }

    /// <inheritdoc />
    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        CheckLength(x);
        if (gradient.Length != Dimension) throw new ArgumentException($"Expected {Dimension} coordinates.", nameof(gradient));
        int n = 3 * AtomCount;
        Span<double> f = stackalloc double[9];
        DeformationGradient(x, f);
        Span<double> r = _variables.AsSpan(0, n), cell = _variables.AsSpan(n, 9);
        Deform(x, f, r, cell);
        PotentialEnergy = _energy.ValueAndGradient(_variables, _energyGradient);
        ReadOnlySpan<double> gr = _energyGradient.AsSpan(0, n), gc = _energyGradient.AsSpan(n, 9);
        double volume = Math.Abs(CellMatrices.Determinant3(cell));
        Volume = volume;
        double p = _options.ScalarPressure;

        // ∂E/∂ε and ASE's virial −V(σ + pI), σ the symmetric part of ∂E/∂ε over V (the calculator's stress).
        Span<double> w = stackalloc double[9];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
            {
                double s = 0.0;
                for (int a = 0; a < AtomCount; a++) s += gr[3 * a + i] * r[3 * a + j];
                for (int k = 0; k < 3; k++) s += gc[3 * k + i] * cell[3 * k + j];
                w[3 * i + j] = s;
            }
        Span<double> virial = stackalloc double[9];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
            {
                double sigma = 0.5 * (w[3 * i + j] + w[3 * j + i]) / volume;
                virial[3 * i + j] = -volume * (sigma + (i == j ? p : 0.0));
            }

        // Atom coordinates: ASE's forces·F, so the gradient is (∂E/∂r)·F.
        for (int a = 0; a < AtomCount; a++)
            for (int j = 0; j < 3; j++)
                gradient[3 * a + j] = gr[3 * a] * f[j] + gr[3 * a + 1] * f[3 + j] + gr[3 * a + 2] * f[6 + j];

        Span<double> cellForce = stackalloc double[9];
        if (_options.Kind == AseCellFilterKind.UnitCell)
            UnitCellForce(virial, f, volume, cellForce);
        else
            ExpCellForce(virial, x.Slice(n, 9), volume, cellForce);
        for (int k = 0; k < 9; k++) gradient[n + k] = -cellForce[k];
        return PotentialEnergy + p * volume;
    }

    private void UnitCellForce(ReadOnlySpan<double> virial, ReadOnlySpan<double> f, double volume, Span<double> force)
    {
        // virial·F⁻ᵀ (ASE: np.linalg.solve(F, virial.T).T), then hydrostatic, mask, constant volume, / cell_factor.
        Span<double> fInverse = stackalloc double[9];
        CellMatrices.Invert3(f, fInverse);
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                force[3 * i + j] = virial[3 * i] * fInverse[3 * j] + virial[3 * i + 1] * fInverse[3 * j + 1]
                    + virial[3 * i + 2] * fInverse[3 * j + 2];
        HydrostaticAndMask(force);
        if (_options.ConstantVolume) RemoveTrace(force);
        WriteVoigt(force, -1.0 / volume, _stress);
        for (int k = 0; k < 9; k++) force[k] /= _cellFactor;
    }

    private void ExpCellForce(ReadOnlySpan<double> virialIn, ReadOnlySpan<double> u, double volume, Span<double> force)
    {
        Span<double> virial = stackalloc double[9];
        virialIn.CopyTo(virial);
        HydrostaticAndMask(virial);

        // The exact derivative through exp: the top-right block of exp([[U, −virial·exp(−U)], [0, U]]), negated.
        Span<double> minusU = stackalloc double[9];
        Span<double> expMinusU = stackalloc double[9];
        for (int k = 0; k < 9; k++) minusU[k] = -u[k];
        CellMatrices.Exp(minusU, expMinusU, 3);
        Span<double> y = stackalloc double[36];
        Span<double> expY = stackalloc double[36];
        y.Clear();
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
            {
                y[6 * i + j] = u[3 * i + j];
                y[6 * (i + 3) + j + 3] = u[3 * i + j];
                double s = 0.0;
                for (int k = 0; k < 3; k++) s += virial[3 * i + k] * expMinusU[3 * k + j];
                y[6 * i + j + 3] = -s;
            }
        CellMatrices.Exp(y, expY, 6);
        Span<double> exact = stackalloc double[9];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                exact[3 * i + j] = -expY[6 * i + j + 3];
        foreach (var (i1, i2) in (ReadOnlySpan<(int, int)>)[(0, 1), (0, 2), (1, 2)])
        {
            double ff = 0.5 * (exact[3 * i1 + i2] + exact[3 * i2 + i1]);
            exact[3 * i1 + i2] = ff;
            exact[3 * i2 + i1] = ff;
        }

        // ASE keeps the plain virial when the two agree element-wise (np.isclose: |a − b| ≤ 1e-8 + 1e-5·|b|) or their
        // cosine exceeds 0.8; a NaN cosine (a zero virial) is not above 0.8.
        bool allClose = true;
        double dot = 0.0, exactSquared = 0.0, naiveSquared = 0.0;
        for (int k = 0; k < 9; k++)
        {
            allClose &= Math.Abs(exact[k] - virial[k]) <= 1e-8 + 1e-5 * Math.Abs(virial[k]);
            dot += exact[k] * virial[k];
            exactSquared += exact[k] * exact[k];
            naiveSquared += virial[k] * virial[k];
        }
        bool useVirial = allClose || dot / Math.Sqrt(exactSquared * naiveSquared) > 0.8;
        (useVirial ? virial : exact).CopyTo(force);

        Span<double> criterion = stackalloc double[9];
        for (int k = 0; k < 9; k++) criterion[k] = -(virial[k] / volume);
        if (_options.ConstantVolume)
        {
            RemoveTrace(force);
            RemoveTrace(criterion);
        }
        WriteVoigt(criterion, 1.0, _stress);
    }

    private void HydrostaticAndMask(Span<double> m)
    {
        if (_options.HydrostaticStrain)
        {
            double third = (m[0] + m[4] + m[8]) / 3.0;
            m.Clear();
            m[0] = m[4] = m[8] = third;
        }
        if (_masked)
            for (int k = 0; k < 9; k++) m[k] *= _mask[k];
    }

    private static void RemoveTrace(Span<double> m)
    {
        double trace = m[0] + m[4] + m[8];
        m[0] -= trace / 3.0;
        m[4] -= trace / 3.0;
        m[8] -= trace / 3.0;
    }

    // ASE's full_3x3_to_voigt_6_stress (symmetric average of the off-diagonal pairs) times a factor.
    private static void WriteVoigt(ReadOnlySpan<double> m, double factor, Span<double> voigt)
    {
        voigt[0] = m[0] * factor;
        voigt[1] = m[4] * factor;
        voigt[2] = m[8] * factor;
        voigt[3] = 0.5 * (m[5] + m[7]) * factor;
        voigt[4] = 0.5 * (m[2] + m[6]) * factor;
        voigt[5] = 0.5 * (m[1] + m[3]) * factor;
    }

    private void DeformationGradient(ReadOnlySpan<double> x, Span<double> f)
    {
        ReadOnlySpan<double> tail = x.Slice(3 * AtomCount, 9);
        if (_options.Kind == AseCellFilterKind.UnitCell)
            for (int k = 0; k < 9; k++) f[k] = tail[k] / _cellFactor;
        else
            CellMatrices.Exp(tail, f, 3);
    }

    // C = C₀·Fᵀ and r = z·Fᵀ (ASE: set_cell(orig_cell @ F.T), set_positions(z @ F.T)).
    private void Deform(ReadOnlySpan<double> x, ReadOnlySpan<double> f, Span<double> positions, Span<double> cell)
    {
        for (int k = 0; k < 3; k++)
            for (int i = 0; i < 3; i++)
                cell[3 * k + i] = _originalCell[3 * k] * f[3 * i] + _originalCell[3 * k + 1] * f[3 * i + 1]
                    + _originalCell[3 * k + 2] * f[3 * i + 2];
        for (int a = 0; a < AtomCount; a++)
        {
            double z0 = x[3 * a], z1 = x[3 * a + 1], z2 = x[3 * a + 2];
            for (int i = 0; i < 3; i++)
                positions[3 * a + i] = z0 * f[3 * i] + z1 * f[3 * i + 1] + z2 * f[3 * i + 2];
        }
    }

    private static void Transpose(ReadOnlySpan<double> m, Span<double> t)
    {
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                t[3 * i + j] = m[3 * j + i];
    }

    private void CheckLength(ReadOnlySpan<double> x)
    {
        if (x.Length != Dimension) throw new ArgumentException($"Expected {Dimension} coordinates.", nameof(x));
    }
}
