namespace AutoDiffLbfgs.Ase;

/// <summary>What the batch relaxation needs of a stepper: one ASE step from (positions, gradient) to the next positions.</summary>
internal interface IAseStepper
{
    /// <summary>Number of coordinates.</summary>
    int Dimension { get; }

    /// <summary>One step; <paramref name="nextPositions"/> may be the same memory as <paramref name="positions"/>.</summary>
    void Step(ReadOnlySpan<double> positions, ReadOnlySpan<double> gradient, Span<double> nextPositions);
}
