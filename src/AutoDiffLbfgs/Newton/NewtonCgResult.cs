namespace AutoDiffLbfgs.Newton;

/// <summary>The outcome of a Newton–CG solve. The solution itself is written to the caller's x.</summary>
/// <param name="Method">Which globalisation ran.</param>
/// <param name="Termination">Why the solve stopped.</param>
/// <param name="Value">f at the returned x, in double even for float objectives.</param>
/// <param name="GradientNorm">‖∇f‖₂ at the returned x, computed in double.</param>
/// <param name="Iterations">Outer iterations (accepted and rejected trust-region steps alike; line searches for the line-search method).</param>
/// <param name="Evaluations">Calls of the objective's ValueAndGradient, the start point included.</param>
/// <param name="HessianVectorProducts">Calls of the objective's HessianVectorProduct.</param>
/// <param name="CgIterations">Conjugate-gradient iterations over all outer iterations.</param>
/// <param name="NegativeCurvatureSteps">Outer iterations whose CG met a direction with dᵀ∇²f d ≤ 0.</param>
public sealed record NewtonCgResult(
    NewtonCgMethod Method,
    NewtonCgTermination Termination,
    double Value,
    double GradientNorm,
    int Iterations,
    int Evaluations,
    int HessianVectorProducts,
    int CgIterations,
    int NegativeCurvatureSteps)
{
    /// <summary><see langword="true"/> for <see cref="NewtonCgTermination.ConvergedOnGradient"/>.</summary>
    public bool Converged => Termination == NewtonCgTermination.ConvergedOnGradient;
}
