using AutoDiffLbfgs.LineSearch;

namespace AutoDiffLbfgs.Tests.LineSearch;

/// <summary>Accepted steps satisfy the conditions each search promises; failures report the right status.</summary>
public class LineSearchTests
{
    public static TheoryData<int, double, double, double> MoreThuenteCases()
    {
        // Function, c1, c2 and the paper's starting steps 1e-3, 1e-1, 10, 1e3.
        var data = new TheoryData<int, double, double, double>();
        foreach (double start in new[] { 1e-3, 1e-1, 10, 1e3 })
        {
            data.Add(1, 1e-3, 0.1, start);
            data.Add(2, 0.1, 0.1, start);
            data.Add(3, 0.1, 0.1, start);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(MoreThuenteCases))]
    public void MoreThuenteAcceptsOnlyStrongWolfeSteps(int function, double c1, double c2, double initialStep)
    {
        var phi = function switch { 1 => ScalarFunction.MoreThuente1, 2 => ScalarFunction.MoreThuente2, _ => ScalarFunction.MoreThuente3 };
        var search = new MoreThuenteLineSearch { SufficientDecrease = c1, Curvature = c2 };
        var (result, evaluations) = Run(search, phi, initialStep);
        Assert.True(result.Status == LineSearchStatus.Accepted, $"{result} after {evaluations} evaluations");
        AssertStrongWolfe(phi, result, c1, c2);
        Assert.True(evaluations <= 15, $"{evaluations} evaluations"); // the paper needs at most 12 on these cases
    }

    [Theory]
    [InlineData(BacktrackingCondition.Armijo)]
    [InlineData(BacktrackingCondition.Wolfe)]
    [InlineData(BacktrackingCondition.StrongWolfe)]
    public void BacktrackingAcceptsOnlyStepsMeetingItsCondition(BacktrackingCondition condition)
    {
        foreach (var phi in new[] { ScalarFunction.MoreThuente1, ScalarFunction.MoreThuente2, ScalarFunction.Parabola })
        foreach (double start in new[] { 1e-3, 1e-1, 10, 1e3 })
        {
            var search = new BacktrackingLineSearch { Condition = condition, SufficientDecrease = 1e-3, Curvature = 0.5, MaxEvaluations = 60 };
            var (result, _) = Run(search, phi, start);
            Assert.Equal(LineSearchStatus.Accepted, result.Status);
            double phi0 = phi.Value([0]), slope0 = Slope(phi, 0);
            Assert.True(result.Value <= phi0 + 1e-3 * result.Step * slope0);
            if (condition != BacktrackingCondition.Armijo) Assert.True(result.Slope >= 0.5 * slope0);
            if (condition == BacktrackingCondition.StrongWolfe) Assert.True(Math.Abs(result.Slope) <= -0.5 * slope0);
        }
    }

    [Fact]
    public void TheTrialBuffersHoldTheAcceptedPoint()
    {
        var phi = ScalarFunction.Parabola;
        double[] point = new double[1], gradient = new double[1];
        var problem = new LineSearchProblem<double>([0], [1], point, gradient, 1, -2, 100);
        var result = new MoreThuenteLineSearch().Search(ref phi, ref problem, 0.3);
        Assert.Equal(LineSearchStatus.Accepted, result.Status);
        Assert.Equal(result.Step, point[0]);
        Assert.Equal(result.Slope, gradient[0]);
    }

    public static TheoryData<ILineSearch> AllSearches() =>
        [new MoreThuenteLineSearch(), new BacktrackingLineSearch(), new BacktrackingLineSearch { Condition = BacktrackingCondition.StrongWolfe }];

    [Theory]
    [MemberData(nameof(AllSearches))]
    public void NonFiniteTrialsShrinkTheStep(ILineSearch search)
    {
        // NaN beyond α = 0.5 while the minimiser is at 1: the search must come back inside.
        var phi = new ScalarFunction(a => a > 0.5 ? double.NaN : (a - 1) * (a - 1), a => 2 * (a - 1));
        var (result, _) = Run(search, phi, 4);
        Assert.Equal(LineSearchStatus.Accepted, result.Status);
        Assert.True(result.Step <= 0.5);
    }

    [Theory]
    [MemberData(nameof(AllSearches))]
    public void AnAscentDirectionIsRefusedWithoutEvaluating(ILineSearch search)
    {
        var phi = ScalarFunction.Parabola;
        var problem = new LineSearchProblem<double>([0], [1], new double[1], new double[1], 1, +2, 100);
        var result = search.Search(ref phi, ref problem, 1);
        Assert.Equal(LineSearchStatus.NotDescentDirection, result.Status);
        Assert.Equal(0, problem.Evaluations);
    }

    [Theory]
    [MemberData(nameof(AllSearches))]
    public void AnExhaustedBudgetIsReported(ILineSearch search)
    {
        var phi = ScalarFunction.MoreThuente1;
        var (result, evaluations) = Run(search, phi, 1e3, budget: 2);
        Assert.Equal(LineSearchStatus.EvaluationBudgetExhausted, result.Status);
        Assert.Equal(2, evaluations);
    }

    [Fact]
    public void TooManyEvaluations()
    {
        var phi = ScalarFunction.MoreThuente3;
        var (result, evaluations) = Run(new MoreThuenteLineSearch { MaxEvaluations = 2, SufficientDecrease = 0.1, Curvature = 0.1 }, phi, 1e3);
        Assert.Equal(LineSearchStatus.TooManyEvaluations, result.Status);
        Assert.Equal(2, evaluations);
        var (backtracking, _) = Run(new BacktrackingLineSearch { MaxEvaluations = 3 }, phi, 1e3);
        Assert.Equal(LineSearchStatus.TooManyEvaluations, backtracking.Status);
    }

    [Fact]
    public void StepBelowMinimumWhenNothingIsFinite()
    {
        var phi = new ScalarFunction(a => a > 0 ? double.NaN : 0, a => -1);
        ILineSearch[] searches = [new MoreThuenteLineSearch { MinStep = 0.01 }, new BacktrackingLineSearch { MinStep = 0.01 }];
        foreach (var search in searches) Assert.Equal(LineSearchStatus.StepBelowMinimum, Run(search, phi, 1).Result.Status);
    }

    [Fact]
    public void BacktrackingWolfeStopsAtTheMaximumStepOnAnUnboundedFunction()
    {
        var phi = new ScalarFunction(a => -a, a => -1);
        var (result, _) = Run(new BacktrackingLineSearch { Condition = BacktrackingCondition.Wolfe, MaxStep = 100 }, phi, 1);
        Assert.Equal(LineSearchStatus.StepAboveMaximum, result.Status);
        Assert.Equal(100, result.Step);
    }

    [Fact]
    public void MoreThuenteAcceptsTheMaximumStepWhenTheFunctionKeepsDecreasing()
    {
        var phi = new ScalarFunction(a => -a, a => -1);
        var (result, _) = Run(new MoreThuenteLineSearch { MaxStep = 100 }, phi, 1);
        Assert.Equal(LineSearchStatus.Accepted, result.Status);
        Assert.Equal(100, result.Step);
    }

    [Fact]
    public void MoreThuenteReportsRoundingErrorsWhenTheGradientContradictsTheValues()
    {
        // φ decreases everywhere but reports an increasing slope: the interval collapses on the start.
        var phi = new ScalarFunction(a => -a, a => a > 0 ? 1 : -1);
        var (result, _) = Run(new MoreThuenteLineSearch { MaxEvaluations = 100 }, phi, 1);
        Assert.Contains(result.Status, new[] { LineSearchStatus.RoundingErrors, LineSearchStatus.IntervalTooSmall });
    }

    [Fact]
    public void BadParametersNameThemselves()
    {
        Assert.Equal("SufficientDecrease", Assert.Throws<ArgumentOutOfRangeException>(() => new MoreThuenteLineSearch { SufficientDecrease = 0 }).ParamName);
        Assert.Equal("Curvature", Assert.Throws<ArgumentOutOfRangeException>(() => new MoreThuenteLineSearch { Curvature = 1 }).ParamName);
        Assert.Equal("IntervalTolerance", Assert.Throws<ArgumentOutOfRangeException>(() => new MoreThuenteLineSearch { IntervalTolerance = -1 }).ParamName);
        Assert.Equal("MaxEvaluations", Assert.Throws<ArgumentOutOfRangeException>(() => new BacktrackingLineSearch { MaxEvaluations = 0 }).ParamName);
        Assert.Equal("Decrease", Assert.Throws<ArgumentOutOfRangeException>(() => new BacktrackingLineSearch { Decrease = 1 }).ParamName);
        Assert.Equal("Increase", Assert.Throws<ArgumentOutOfRangeException>(() => new BacktrackingLineSearch { Increase = 1 }).ParamName);
        Assert.Equal("MinStep", Assert.Throws<ArgumentOutOfRangeException>(() => new BacktrackingLineSearch { MinStep = 0 }).ParamName);
        Assert.Equal("MaxStep", Assert.Throws<ArgumentOutOfRangeException>(() => new MoreThuenteLineSearch { MaxStep = double.PositiveInfinity }).ParamName);
        Assert.Equal("Condition", Assert.Throws<ArgumentOutOfRangeException>(() => new BacktrackingLineSearch { Condition = (BacktrackingCondition)9 }).ParamName);
        var crossed = Assert.Throws<ArgumentException>(() => new MoreThuenteLineSearch { SufficientDecrease = 0.5, Curvature = 0.4 }.Validate());
        Assert.Contains("Curvature", crossed.Message);
        Assert.Contains("SufficientDecrease", crossed.Message);
        Assert.Equal("MinStep", Assert.Throws<ArgumentException>(() => new BacktrackingLineSearch { MinStep = 2, MaxStep = 1 }.Validate()).ParamName);
    }

    private static (LineSearchResult Result, int Evaluations) Run<TSearch>(TSearch search, ScalarFunction phi, double initialStep, int budget = 1000)
        where TSearch : ILineSearch
    {
        double[] g0 = new double[1];
        double phi0 = phi.ValueAndGradient([0], g0);
        var problem = new LineSearchProblem<double>([0], [1], new double[1], new double[1], phi0, g0[0], budget);
        var result = search.Search(ref phi, ref problem, initialStep);
        return (result, problem.Evaluations);
    }

    private static void AssertStrongWolfe(ScalarFunction phi, LineSearchResult result, double c1, double c2)
    {
        double phi0 = phi.Value([0]), slope0 = Slope(phi, 0);
        Assert.Equal(phi.Value([result.Step]), result.Value);
        Assert.True(result.Value <= phi0 + c1 * result.Step * slope0, $"sufficient decrease fails at {result.Step}");
        Assert.True(Math.Abs(result.Slope) <= c2 * Math.Abs(slope0), $"curvature fails at {result.Step}: {result.Slope}");
    }

    private static double Slope(ScalarFunction phi, double step)
    {
        double[] g = new double[1];
        phi.ValueAndGradient([step], g);
        return g[0];
    }
}
