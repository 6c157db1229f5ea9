using AutoDiffLbfgs;

namespace CurveFit;

/// <summary>A least-squares fit of the decay model and the uncertainties of its parameters.</summary>
/// <param name="Parameters">The fitted (a, b, c): the best point the solver found.</param>
/// <param name="Uncertainties">Standard uncertainty of each parameter, √Cᵢᵢ; NaN when the Hessian is not positive definite.</param>
/// <param name="Covariance">C ≈ σ²·(½∇²S)⁻¹, the parameters' covariance; NaN entries when the Hessian is not positive definite.</param>
/// <param name="SumOfSquares">S at <paramref name="Parameters"/>.</param>
/// <param name="ResidualVariance">σ² = S / (m − p), the noise variance estimated from the residuals (p counts the free parameters).</param>
/// <param name="AtBound">Per parameter, whether it ended on its lower bound (<see cref="DecayModel.LowerBounds"/>): the bound is active, the parameter is not estimated (uncertainty 0).</param>
/// <param name="Solver">How the solve ended (termination, iterations, evaluations, ‖∇S‖).</param>
public sealed record FitResult(
    double[] Parameters,
    double[] Uncertainties,
    double[,] Covariance,
    double SumOfSquares,
    double ResidualVariance,
    bool[] AtBound,
    LbfgsResult Solver);
