using System.Globalization;
using AutoDiffLbfgs.Newton;
using AutoDiffLbfgs.Tests.Gradients.Objectives;
using AutoDiffLbfgs.Tests.Mgh.Problems;
using Xunit.Abstractions;

namespace AutoDiffLbfgs.Tests.Newton;

/// <summary>
/// Counts against scipy 1.10.1's <c>trust-ncg</c> and <c>Newton-CG</c> (Fixtures/newton, made by the script next to
/// the CSV) on MGH problems: ours must solve every problem scipy solves, to the same minimum, with no more
/// Hessian-vector products on most of them.
/// </summary>
public class NewtonReferenceTests(ITestOutputHelper output)
{
    private sealed record Run(string Solver, string Problem, int N, bool Success, int Iterations, int GradientEvaluations, int Products, double Value);

    private static IReadOnlyList<Run> ReadReference() =>
        [.. File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", "newton", "mgh_scipy_newton.csv")).Skip(1).Select(line =>
        {
            string[] c = line.Split(',');
            int I(int i) => int.Parse(c[i], CultureInfo.InvariantCulture);
            return new Run(c[0], c[1], I(2), c[3] == "1", I(4), I(6), I(7), double.Parse(c[8], CultureInfo.InvariantCulture));
        })];

    private static (NewtonCgResult Result, double[] X) Solve(string problem, int n, NewtonCgOptions options)
    {
        NewtonCgResult Go<TObjective>(TObjective objective, double[] x) where TObjective : ITwiceDifferentiableObjective<double> =>
            NewtonCg.Minimize(objective, x.AsSpan(), options);
        double[] x;
        NewtonCgResult result;
        switch (problem)
        {
            case "ext_rosenbrock": result = Go(new ClassicObjectives.ExtendedRosenbrockObjective(), x = new ExtendedRosenbrock(n).StartingPoint()); break;
            case "freudenstein_roth": result = Go(new NewtonProblems.FreudensteinRothObjective(), x = new FreudensteinRoth().StartingPoint()); break;
            case "brown_badly_scaled": result = Go(new NewtonProblems.BrownBadlyScaledObjective(), x = new BrownBadlyScaled().StartingPoint()); break;
            case "beale": result = Go(new NewtonProblems.BealeObjective(), x = new Beale().StartingPoint()); break;
            case "ext_powell_singular": result = Go(new ClassicObjectives.PowellSingularObjective(), x = new ExtendedPowellSingular(n).StartingPoint()); break;
            case "wood": result = Go(new NewtonProblems.WoodObjective(), x = new Wood().StartingPoint()); break;
            case "trigonometric": result = Go(new ClassicObjectives.TrigonometricObjective(), x = new Trigonometric(n).StartingPoint()); break;
            case "variably_dimensioned": result = Go(new NewtonProblems.VariablyDimensionedObjective(), x = new VariablyDimensioned(n).StartingPoint()); break;
            case "penalty_I": result = Go(new NewtonProblems.PenaltyIObjective(), x = new PenaltyI(n).StartingPoint()); break;
            default: throw new ArgumentException($"unknown problem {problem}", nameof(problem));
        }
        return (result, x);
    }

    [Theory]
    [InlineData("trust-ncg", NewtonCgMethod.TrustRegion)]
    [InlineData("Newton-CG", NewtonCgMethod.LineSearch)]
    public void MatchesScipyOnMgh(string scipyMethod, NewtonCgMethod method)
    {
        // scipy's trust-ncg stops on ‖∇f‖₂ < gtol = 1e-5; the same absolute test is used for both of ours (scipy's
        // Newton-CG stops on the step instead, xtol = 1e-5, which ends at a similar or smaller gradient).
        var options = new NewtonCgOptions { Method = method, AbsoluteGradientTolerance = 1e-5, RelativeGradientTolerance = 0 };
        int fewerOrEqualProducts = 0, runs = 0;
        output.WriteLine("problem | n | scipy it/ngev/nhev | ours it/ngev/nhev/cg | scipy f | ours f");
        foreach (var reference in ReadReference().Where(r => r.Solver.EndsWith(scipyMethod, StringComparison.Ordinal)))
        {
            var (result, _) = Solve(reference.Problem, reference.N, options);
            output.WriteLine($"{reference.Problem} | {reference.N} | {reference.Iterations}/{reference.GradientEvaluations}/{reference.Products} | "
                + $"{result.Iterations}/{result.Evaluations}/{result.HessianVectorProducts}/{result.CgIterations} | {reference.Value:G6} | {result.Value:G6}");
            if (!reference.Success) continue;
            runs++;
            Assert.True(result.Converged, $"{reference.Problem}: {result}");
            // Same minimum: f within 1e-6·max(1, |f|) of scipy's, or lower (scipy's own f carries its gtol error).
            Assert.True(result.Value <= reference.Value + 1e-6 * Math.Max(1, Math.Abs(reference.Value)), $"{reference.Problem}: {result.Value} vs scipy {reference.Value}");
            // The trust-region iteration is scipy's (same Δ₀, Δ̂, η, radius rules and forcing term), so the counts agree exactly.
            if (method == NewtonCgMethod.TrustRegion) Assert.Equal(reference.Iterations, result.Iterations);
            if (result.HessianVectorProducts <= reference.Products) fewerOrEqualProducts++;
        }
        output.WriteLine($"no more HVPs than scipy on {fewerOrEqualProducts} of {runs}");
        Assert.True(runs >= 10, $"only {runs} reference runs");
        Assert.True(2 * fewerOrEqualProducts > runs, $"no more HVPs than scipy on only {fewerOrEqualProducts} of {runs}");
    }
}
