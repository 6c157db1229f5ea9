namespace AutoDiffLbfgs.Orleans;

/// <summary>Progress of a solve on the cluster: the iterations made so far, the objective (the full mean for the classic solver, the last batch's mean for SQN) and the gradient norm.</summary>
/// <param name="Iteration">Iterations made so far.</param>
/// <param name="Value">F(w) for the classic solver; the last batch's mean for SQN.</param>
/// <param name="GradientNorm">‖∇F(w)‖₂, or the last batch gradient's norm for SQN.</param>
public readonly record struct ShardedSolveProgress(int Iteration, double Value, double GradientNorm);
