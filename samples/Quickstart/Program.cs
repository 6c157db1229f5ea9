using AutoDiffLbfgs;
using Quickstart;

// Minimize the 1,000-dimensional extended Rosenbrock function from the standard start (−1.2, 1, −1.2, 1, …) with the
// classic L-BFGS solver and the gradient the AutoDiffLbfgs generator wrote for Problems.ExtendedRosenbrock at compile time.
const int n = 1000;
var x = new double[n];
for (int i = 0; i < n; i++) x[i] = i % 2 == 0 ? -1.2 : 1.0;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true; // stop the solve, keep the best point so far
    cancel.Cancel();
};

var options = new LbfgsOptions
{
    Callback = progress =>
    {
        if (progress.Iteration % 5 == 0)
        {
            Console.WriteLine($"  iteration {progress.Iteration,4}   f = {progress.Value,-22:G10} |g| = {progress.GradientNorm:E3}");
        }
        return true;
    },
};

Console.WriteLine($"Extended Rosenbrock, n = {n}, f(x0) = {Problems.ExtendedRosenbrock(x):G10}");
var result = Lbfgs.Minimize(new Problems.ExtendedRosenbrockObjective(), x.AsSpan(), options, cancel.Token);

Console.WriteLine($"{result.Termination} after {result.Iterations} iterations ({result.Evaluations} gradient evaluations)");
Console.WriteLine($"f = {result.Value:G10}   |g| = {result.GradientNorm:E3}   x[0..3] = {x[0]:F6}, {x[1]:F6}, {x[2]:F6}");
return result.Converged ? 0 : 1;
