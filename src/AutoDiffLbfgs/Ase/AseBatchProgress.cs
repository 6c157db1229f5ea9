namespace AutoDiffLbfgs.Ase;

/// <summary>
/// The state of an <see cref="AseBatchRelaxation"/> after a round: every structure still in the batch took up to 16
/// more steps (the first round also holds the initial evaluation).
/// </summary>
/// <param name="Round">The round just done, from 0.</param>
/// <param name="Active">Structures still relaxing (they take a step in the next round).</param>
/// <param name="Converged">Structures that met the force criterion so far.</param>
/// <param name="Finished">Structures that left the batch for any reason (converged, out of steps, non-finite, cancelled).</param>
/// <param name="Total">Structures in the batch.</param>
public readonly record struct AseBatchProgress(int Round, int Active, int Converged, int Finished, int Total);
