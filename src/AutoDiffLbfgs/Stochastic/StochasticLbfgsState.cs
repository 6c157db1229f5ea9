using System.Numerics;

namespace AutoDiffLbfgs.Stochastic;

/// <summary>
/// Everything a stochastic quasi-Newton run needs besides w to continue exactly where it stopped: oneDAL's warm-restart
/// outputs <c>correctionPairs</c>, <c>correctionIndices</c> and <c>averageArgumentLIterations</c>. Every solve returns
/// one in <see cref="StochasticLbfgsResult{T}.State"/>; passing it back as the <c>restart</c> argument of the next solve
/// (with the returned w, the same m and L, and the same objective) gives the same iterates as one longer solve.
/// </summary>
/// <remarks>
/// The arrays are plain data so a run can be saved and restored; the solver checks their shape and index ranges
/// before use. The pair buffer is cyclic as in oneDAL: pairs are written to slots 0, 1, …, m − 1, 0, … so the newest
/// pair is in <see cref="NewestPairSlot"/> and the one of age a in slot (NewestPairSlot − a) mod m.
/// </remarks>
/// <typeparam name="T"><see cref="double"/> or <see cref="float"/>.</typeparam>
public sealed class StochasticLbfgsState<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the state of a run that has not started (no pairs, no iterations, zero averages).</summary>
    /// <param name="dimension">The number of variables n; at least 1.</param>
    /// <param name="m">The number of correction pairs kept (oneDAL <c>m</c>); at least 1.</param>
    public StochasticLbfgsState(int dimension, int m)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(m, 1);
        Dimension = dimension;
        M = m;
        CorrectionPairs = new T[2 * m * dimension];
        AverageArgumentLIterations = new T[2 * dimension];
        NewestPairSlot = -1;
    }

    /// <summary>The number of variables n.</summary>
    public int Dimension { get; }

    /// <summary>The capacity m of the pair buffer.</summary>
    public int M { get; }

    /// <summary>
    /// oneDAL <c>correctionPairs</c>: a row-major 2m × n table. Row j (0 ≤ j &lt; m) is the step sⱼ = w̄ₜ − w̄ₜ₋₁ stored in
    /// slot j, and row m + j is its yⱼ = ∇²F_{S_H}(w̄ₜ)·sⱼ. Only the <see cref="StoredPairCount"/> slots ending at
    /// <see cref="NewestPairSlot"/> are meaningful.
    /// </summary>
    public T[] CorrectionPairs { get; }

    /// <summary>
    /// First of oneDAL's <c>correctionIndices</c>: the slot of the newest stored pair, in [0, m); −1 while no pair has
    /// been stored.
    /// </summary>
    public int NewestPairSlot { get; set; }

    /// <summary>
    /// The number of stored pairs, in [0, m] (0 exactly when <see cref="NewestPairSlot"/> is −1). oneDAL derives it from
    /// its pair counter; it is kept here so that a buffer that has not wrapped yet is not mistaken for a full one.
    /// </summary>
    public int StoredPairCount { get; set; }

    /// <summary>
    /// Second of oneDAL's <c>correctionIndices</c>: the number of iterations made so far by all calls of the run, so the
    /// global index of the next iteration. It places the next call within the SGD phase (the first 2L iterations) and
    /// within the current averaging block.
    /// </summary>
    public int LastIteration { get; set; }

    /// <summary>
    /// oneDAL <c>averageArgumentLIterations</c>: a row-major 2 × n table. Row 0 is w̄ₜ₋₁, the mean of the iterates of the
    /// last completed block of L iterations (zero before the first block ends); row 1 is the running sum of the iterates
    /// of the current, incomplete block (zero on a block boundary).
    /// </summary>
    public T[] AverageArgumentLIterations { get; }

    /// <summary>The step s of the pair in <paramref name="slot"/> (row <paramref name="slot"/> of <see cref="CorrectionPairs"/>).</summary>
    public Span<T> S(int slot) => CorrectionPairs.AsSpan(CheckSlot(slot) * Dimension, Dimension);

    /// <summary>The curvature vector y of the pair in <paramref name="slot"/> (row m + <paramref name="slot"/>).</summary>
    public Span<T> Y(int slot) => CorrectionPairs.AsSpan((M + CheckSlot(slot)) * Dimension, Dimension);

    /// <summary>w̄ₜ₋₁, row 0 of <see cref="AverageArgumentLIterations"/>.</summary>
    public Span<T> PreviousAverage => AverageArgumentLIterations.AsSpan(0, Dimension);

    /// <summary>The running sum of the current block's iterates, row 1 of <see cref="AverageArgumentLIterations"/>.</summary>
    public Span<T> CurrentBlockSum => AverageArgumentLIterations.AsSpan(Dimension, Dimension);

    /// <summary>Checks that the indices are consistent (used by the solver before a warm restart).</summary>
    /// <exception cref="ArgumentException">An index is out of range; the message names it.</exception>
    internal void Validate(string parameterName)
    {
        if (StoredPairCount < 0 || StoredPairCount > M)
            throw new ArgumentException($"StoredPairCount ({StoredPairCount}) must be in [0, M = {M}].", parameterName);
        if (StoredPairCount == 0 ? NewestPairSlot != -1 : (uint)NewestPairSlot >= (uint)M)
            throw new ArgumentException($"NewestPairSlot ({NewestPairSlot}) must be −1 with no stored pair, else in [0, M = {M}).", parameterName);
        if (LastIteration < 0)
            throw new ArgumentException($"LastIteration ({LastIteration}) must be non-negative.", parameterName);
    }

    private int CheckSlot(int slot)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(slot);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(slot, M);
        return slot;
    }
}
