namespace AutoDiffLbfgs.Ase;

/// <summary>The state of an <see cref="AseBatchRelaxation"/> after a round (one step of every structure still in the batch).</summary>
/// <param name="Round">Rounds done; 0 after the initial evaluation.</param>
/// <param name="Active">Structures still relaxing (they take a step in the next round).</param>
/// <param name="Converged">Structures that met the force criterion so far.</param>
/// <param name="Finished">Structures that left the batch for any reason (converged, out of steps, non-finite, cancelled).</param>
/// <param name="Total">Structures in the batch.</param>
public readonly record struct AseBatchProgress(int Round, int Active, int Converged, int Finished, int Total);
