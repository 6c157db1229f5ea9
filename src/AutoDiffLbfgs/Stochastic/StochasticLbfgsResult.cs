using System.Numerics;

namespace AutoDiffLbfgs.Stochastic;

/// <summary>The outcome of one stochastic quasi-Newton solve. The iterate itself is written to the caller's w.</summary>
/// <typeparam name="T"><see cref="double"/> or <see cref="float"/>.</typeparam>
/// <param name="Termination">Why the solve stopped.</param>
/// <param name="Iterations">Steps made by this call (the run's total is <see cref="StochasticLbfgsState{T}.LastIteration"/> of <paramref name="State"/>).</param>
/// <param name="GradientNorm">‖g‖₂ of the last batch gradient evaluated, in double.</param>
/// <param name="BatchValue">The mean term value (1/b)·Σ fᵢ(w) over the last batch: a noisy estimate of F, free to compute.</param>
/// <param name="StoredPairs">Correction pairs formed and stored by this call.</param>
/// <param name="SkippedPairs">Correction pairs formed by this call but not stored because sᵀy ≤ 0 (or not finite).</param>
/// <param name="TermGradients">Term gradients evaluated by this call (b per iteration).</param>
/// <param name="TermHessianVectorProducts">Term Hessian-vector products evaluated by this call (b_H per pair formed).</param>
/// <param name="State">The warm-restart outputs: pass them as <c>restart</c> to the next call to continue the run.</param>
public sealed record StochasticLbfgsResult<T>(
    StochasticLbfgsTermination Termination,
    int Iterations,
    double GradientNorm,
    double BatchValue,
    int StoredPairs,
    int SkippedPairs,
    long TermGradients,
    long TermHessianVectorProducts,
    StochasticLbfgsState<T> State)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Term accesses of this call divided by N: (<see cref="TermGradients"/> + <see cref="TermHessianVectorProducts"/>) / termCount, the usual "epochs" measure of work, counting a Hessian-vector product as one access as Byrd et al. (2016, §4) do.</summary>
    /// <param name="termCount">N, the number of terms.</param>
    public double DataPasses(int termCount) => (double)(TermGradients + TermHessianVectorProducts) / termCount;
}
