namespace AutoDiffLbfgs.Ase;

/// <summary>
/// Called once per point of a relaxation (step 0, the start, included; with backtracking only accepted points), for
/// logging or trajectory writing.
/// </summary>
/// <param name="step">The point; its spans are valid only during the call.</param>
public delegate void AseStepCallback(AseRelaxationStep step);
