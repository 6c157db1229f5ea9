using CurveFit;

// Fit y(t) = a·e^(−b·t) + c with b, c ≥ 0 to 20 noisy measurements with L-BFGS-B on the generated gradient, then
// report each parameter with its standard uncertainty from the exact Hessian at the minimum. Ctrl+C stops the solve
// and reports the best point so far.
double[] trueParameters = [5.0, 0.8, 1.0];
var data = Measurements.Synthesize(trueParameters, count: 20, duration: 6.0, noise: 0.05, seed: 2026);
var start = CurveFitter.InitialGuess(data);

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true; // keep the process alive: the solver returns and the best point is reported
    cancel.Cancel();
};

Console.WriteLine($"{data.Count} measurements of y = a·exp(−b·t) + c, t in [0, {data.Times[^1]}], noise σ = 0.05");
Console.WriteLine($"start: a = {start[0]:F4}, b = {start[1]:F4}, c = {start[2]:F4}   S = {DecayModel.SumOfSquares(start, data.Times, data.Values):G6}");

var fit = CurveFitter.Fit(data, start, progress =>
{
    Console.WriteLine($"  iteration {progress.Iteration,3}   S = {progress.Value,-14:G8} |∇S| = {progress.GradientNorm:0.00e+00}");
    return true;
}, cancel.Token);

Console.WriteLine($"{fit.Solver.Termination} after {fit.Solver.Iterations} iterations ({fit.Solver.Evaluations} gradient evaluations)");
if (!fit.Solver.Converged)
{
    Console.WriteLine("Stopped before convergence: below is the best point so far, and its uncertainties are only indicative.");
}
Console.WriteLine($"S = {fit.SumOfSquares:G6}, residual σ = {Math.Sqrt(fit.ResidualVariance):G4} (m − p = {data.Count - DecayModel.ParameterCount})");
Console.WriteLine();
PrintParameters(fit, trueParameters);

// The rate b and the baseline c are bounded below by 0 (DecayModel.LowerBounds), so the solver is L-BFGS-B. Above, no
// bound is active. Measurements from an over-corrected background (true c = −0.3) would pull c below zero: the fit
// holds it at its bound and fits a and b with c = 0.
double[] offsetParameters = [5.0, 0.8, -0.3];
var offsetData = Measurements.Synthesize(offsetParameters, count: 20, duration: 6.0, noise: 0.05, seed: 2026);
var offsetFit = CurveFitter.Fit(offsetData, CurveFitter.InitialGuess(offsetData), cancellationToken: cancel.Token);
Console.WriteLine();
Console.WriteLine($"Same model on data with a baseline of −0.3 (c ≥ 0 enforced): {offsetFit.Solver.Termination} after {offsetFit.Solver.Iterations} iterations");
PrintParameters(offsetFit, offsetParameters);
return fit.Solver.Converged && offsetFit.Solver.Converged ? 0 : 1;

static void PrintParameters(FitResult fit, double[] trueParameters)
{
    Console.WriteLine("parameter      fitted   uncertainty        true   bound");
    for (int i = 0; i < DecayModel.ParameterCount; i++)
    {
        string bound = double.IsNegativeInfinity(DecayModel.LowerBounds[i]) ? "none"
            : fit.AtBound[i] ? $"≥ {DecayModel.LowerBounds[i]} (active)" : $"≥ {DecayModel.LowerBounds[i]} (inactive)";
        string uncertainty = fit.AtBound[i] ? "(at bound)" : $"± {fit.Uncertainties[i],-9:F5}";
        Console.WriteLine($"{DecayModel.ParameterNames[i],-9} {fit.Parameters[i],11:F5}   {uncertainty,-11} {trueParameters[i],10:F5}   {bound}");
    }
}
