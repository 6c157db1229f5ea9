using AutoDiffLbfgs.Tests.Mgh;
using MathNet.Numerics.Optimization;

using MathNetVector = MathNet.Numerics.LinearAlgebra.Vector<double>;

namespace AutoDiffLbfgs.Benchmarks;

/// <summary>One solve by each library on the same problem; the outcome records evaluations and final f for the report.</summary>
public static class SolverComparison
{
    /// <summary>Settings for our solver: memory 10, Moré–Thuente, ‖∇f‖ ≤ 1e-10·max(1, ‖x‖) — tight enough that our final f is never above Math.NET's (most solves end at the rounding limit of f).</summary>
    public static LbfgsOptions Options { get; } = new() { Memory = 10, RelativeGradientTolerance = 1e-10, MaxIterations = 20_000 };

    /// <summary>Solves with our solver; returns (final f, evaluations, iterations).</summary>
    public static (double Value, int Evaluations, int Iterations) Ours<TProblem>(TProblem problem)
        where TProblem : struct, IMghProblem
    {
        double[] x = problem.StartingPoint();
        var result = Lbfgs.Minimize(problem, x.AsSpan(), Options);
        return (result.Value, result.Evaluations, result.Iterations);
    }

    /// <summary>
    /// Solves with Math.NET's <see cref="LimitedMemoryBfgsMinimizer"/> (memory 10, gradient tolerance 1e-6 on its own
    /// relative ∞-norm test, other tests off); returns (final f, evaluations, iterations), NaN when it throws.
    /// </summary>
    public static (double Value, int Evaluations, int Iterations) MathNet<TProblem>(TProblem problem)
        where TProblem : struct, IMghProblem
    {
        int evaluations = 0, n = problem.Dimension;
        var objective = ObjectiveFunction.Gradient(v =>
        {
            evaluations++;
            double[] g = new double[n];
            double f = problem.ValueAndGradient(v.AsArray() ?? v.ToArray(), g);
            return (f, MathNetVector.Build.Dense(g));
        });
        var minimizer = new LimitedMemoryBfgsMinimizer(1e-6, 0, 0, 10, 20_000);
        try
        {
            var result = minimizer.FindMinimum(objective, MathNetVector.Build.Dense(problem.StartingPoint()));
            return (result.FunctionInfoAtMinimum.Value, evaluations, result.Iterations);
        }
        catch (Exception)
        {
            return (double.NaN, evaluations, -1);
        }
    }
}
