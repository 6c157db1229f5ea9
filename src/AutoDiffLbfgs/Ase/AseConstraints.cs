namespace AutoDiffLbfgs.Ase;

/// <summary>
/// ASE 3.22's <c>FixAtoms</c> and <c>FixCartesian</c> as a per-coordinate mask. ASE applies them in
/// <c>get_forces</c> (the force components of held coordinates are set to zero, <c>adjust_forces</c>) and in
/// <c>set_positions</c> (held coordinates keep their old value, <c>adjust_positions</c>). For LBFGS and FIRE zeroed
/// force components already give zero step components (their s, y, v and force entries all stay zero), so zeroing
/// the gradient reproduces both; the fmax test then sees the constrained forces, as in ASE.
/// </summary>
public sealed class AseConstraints
{
    private readonly bool[] _held;

    /// <summary>Creates a mask for <paramref name="atoms"/> atoms with nothing held.</summary>
    /// <param name="atoms">Number of atoms; positive.</param>
    public AseConstraints(int atoms)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(atoms);
        _held = new bool[3 * atoms];
    }

    /// <summary>Number of coordinates (3 per atom).</summary>
    public int Dimension => _held.Length;

    /// <summary>Per coordinate, whether it is held fixed.</summary>
    public ReadOnlySpan<bool> Held => _held;

    /// <summary>ASE's <c>FixAtoms(indices)</c>: holds all three coordinates of each listed atom. Returns this.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside [0, atoms); the parameter is named with the index.</exception>
    public AseConstraints FixAtoms(params ReadOnlySpan<int> indices)
    {
        for (int k = 0; k < indices.Length; k++)
        {
            CheckAtom(indices[k], $"indices[{k}]");
            _held.AsSpan(3 * indices[k], 3).Fill(true);
        }
        return this;
    }

    /// <summary>
    /// ASE's <c>FixCartesian(atom, mask)</c>: holds the coordinates of <paramref name="atom"/> whose mask entry is
    /// true (ASE's convention: 1 = fixed). Returns this.
    /// </summary>
    public AseConstraints FixCartesian(int atom, bool x, bool y, bool z)
    {
        CheckAtom(atom, nameof(atom));
        _held[3 * atom] |= x;
        _held[3 * atom + 1] |= y;
        _held[3 * atom + 2] |= z;
        return this;
    }

    /// <summary>Sets the held components of <paramref name="gradient"/> to zero (ASE's <c>adjust_forces</c>).</summary>
    public void ApplyToGradient(Span<double> gradient)
    {
        if (gradient.Length != _held.Length)
            throw new ArgumentException($"Expected {_held.Length} coordinates.", nameof(gradient));
        for (int i = 0; i < _held.Length; i++)
            if (_held[i]) gradient[i] = 0.0;
    }

    private void CheckAtom(int atom, string name)
    {
        if ((uint)atom >= (uint)(_held.Length / 3))
            throw new ArgumentOutOfRangeException(name, atom, $"The atom index must be in [0, {_held.Length / 3}).");
    }
}
