namespace AutoDiffLbfgs;

/// <summary>Called after every accepted step; return <see langword="false"/> to stop the solve (<see cref="LbfgsTermination.StoppedByCallback"/>).</summary>
/// <param name="progress">Iteration, value, gradient norm and step of the new iterate.</param>
/// <returns><see langword="true"/> to continue.</returns>
public delegate bool LbfgsCallback(LbfgsProgress progress);
