namespace AutoDiffLbfgs.Ase;

/// <summary>Why an ASE-mode relaxation stopped.</summary>
public enum AseTermination
{
    /// <summary>The largest atom force norm fell below fmax (strictly).</summary>
    Converged = 0,

    /// <summary>The step budget <see cref="AseLbfgsOptions.MaxSteps"/> ran out; ASE returns <c>False</c> here.</summary>
    MaxStepsReached = 1,

    /// <summary>The cancellation token was signalled; the positions hold the last evaluated point.</summary>
    Cancelled = 2,

    /// <summary>The objective returned a non-finite energy or gradient; the positions hold that point.</summary>
    NonFiniteValue = 3,

    /// <summary>
    /// With <see cref="AseSafeguard.Backtracking"/> only: neither the L-BFGS step nor the scaled gradient, halved
    /// <see cref="AseLbfgsOptions.MaxBacktracks"/> times, lowered the energy beyond rounding. The positions hold the
    /// last accepted point, which is stationary to the precision of the energy.
    /// </summary>
    NoProgress = 4,
}
