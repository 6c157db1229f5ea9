namespace AutoDiffLbfgs.Ase;

/// <summary>The outcome of <see cref="AseRelaxation"/>.<c>Relax</c>. The relaxed positions are in the span passed in.</summary>
/// <param name="Termination">Why the run stopped.</param>
/// <param name="Steps">Steps taken (ASE's <c>nsteps</c>): position updates after the initial point.</param>
/// <param name="Evaluations">Energy-and-gradient evaluations, the initial one included: <paramref name="Steps"/> + 1
/// without a safeguard (one per step, as in ASE); <see cref="AseSafeguard.Backtracking"/> adds its rejected trial points.</param>
/// <param name="Energy">The energy at the final positions.</param>
/// <param name="Fmax">The largest atom force norm at the final positions.</param>
public readonly record struct AseRelaxationResult(
    AseTermination Termination,
    int Steps,
    int Evaluations,
    double Energy,
    double Fmax)
{
    /// <summary>True when the force criterion was met (ASE's return value of <c>run</c>).</summary>
    public bool Converged => Termination == AseTermination.Converged;
}
