using Xunit.Abstractions;

namespace AutoDiffLbfgs.Tests.Bounds;

/// <summary>L-BFGS-B against scipy 1.10.1's L-BFGS-B (the 3.0 Fortran) on the problems of Fixtures/lbfgsb.</summary>
public class LbfgsBReferenceTests(ITestOutputHelper output)
{
    public static TheoryData<string> Problems() => new(LbfgsBReferenceProblem.All.Select(p => p.Name));

    private static LbfgsBReferenceProblem Get(string name) => LbfgsBReferenceProblem.All.Single(p => p.Name == name);

    [Theory]
    [MemberData(nameof(Problems))]
    public void TightSolveReachesScipysValueAndActiveSet(string name)
    {
        // Tolerance: f within 1e-10 relative of scipy's tight run, or lower (the bar); the active set exactly.
        var problem = Get(name);
        double[] x = (double[])problem.Start.Clone();
        var options = LbfgsBReferenceProblem.ScipyDefaults(problem);
        options.AbsoluteGradientTolerance = 1e-12;
        options.Past = 0;
        var result = problem.Solve(x, options);
        output.WriteLine($"{result}");
        Assert.Equal(LbfgsAlgorithm.LbfgsB, result.Algorithm);
        Assert.True(result.Value <= problem.TightValue + 1e-10 * Math.Max(1, Math.Abs(problem.TightValue)),
            $"f = {result.Value:R}, scipy {problem.TightValue:R}");
        int[] active = Enumerable.Range(0, x.Length).Where(i => x[i] == problem.Lower[i] || x[i] == problem.Upper[i]).ToArray();
        Assert.Equal(problem.TightActive, active);
        for (int i = 0; i < x.Length; i++) Assert.InRange(x[i], problem.Lower[i], problem.Upper[i]);
    }

    [Theory]
    [MemberData(nameof(Problems))]
    public void DefaultSolveNeedsAtMostScipysEvaluationsTimes1Point2(string name)
    {
        var problem = Get(name);
        double[] x = (double[])problem.Start.Clone();
        var result = problem.Solve(x, LbfgsBReferenceProblem.ScipyDefaults(problem));
        output.WriteLine($"{name}: ours {result.Iterations} it / {result.Evaluations} ev, f = {result.Value:R} ({result.Termination}); scipy {problem.DefaultIterations} / {problem.DefaultEvaluations}, f = {problem.DefaultValue:R}");
        Assert.True(result.Converged, result.ToString());
        Assert.True(result.Evaluations <= 1.2 * problem.DefaultEvaluations, $"{result.Evaluations} evaluations, scipy {problem.DefaultEvaluations}");
        // The steps follow L-BFGS-B 3.0's, so the counts agree (all nine equal when written); the slack of two
        // iterations or 10% absorbs last-bit differences in the arithmetic, not a different algorithm.
        Assert.InRange(result.Iterations, problem.DefaultIterations - Slack(problem.DefaultIterations), problem.DefaultIterations + Slack(problem.DefaultIterations));
    }

    private static int Slack(int count) => Math.Max(2, count / 10);
}
