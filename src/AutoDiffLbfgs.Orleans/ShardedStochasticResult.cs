using AutoDiffLbfgs.Stochastic;

namespace AutoDiffLbfgs.Orleans;

/// <summary>An SQN run on the cluster: the solver's result and the batches it used, recorded so the run can be replayed.</summary>
/// <param name="Result">The combined result of the run (its <see cref="StochasticLbfgsResult{T}.State"/> continues it).</param>
/// <param name="BatchIndices">The gradient batches, NIterations × b global term indices (pass as <see cref="StochasticLbfgsOptions.BatchIndices"/> to replay).</param>
/// <param name="CorrectionPairIndices">The curvature batches, one row of b_H per block end (pass as <see cref="StochasticLbfgsOptions.CorrectionPairIndices"/>).</param>
public sealed record ShardedStochasticResult(StochasticLbfgsResult<double> Result, int[] BatchIndices, int[] CorrectionPairIndices);
