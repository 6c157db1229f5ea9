namespace AutoDiffLbfgs;

/// <summary>State after an accepted step, passed to <see cref="LbfgsOptions.Callback"/>.</summary>
/// <param name="Iteration">Number of accepted steps so far (1 for the first callback).</param>
/// <param name="Value">f at the new iterate.</param>
/// <param name="GradientNorm">‖∇f‖₂ at the new iterate.</param>
/// <param name="Step">The accepted line-search step α (x<sub>k+1</sub> = x<sub>k</sub> + α·d<sub>k</sub>).</param>
public readonly record struct LbfgsProgress(int Iteration, double Value, double GradientNorm, double Step);
