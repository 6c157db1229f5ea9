using AutoDiffLbfgs.LineSearch;
using AutoDiffLbfgs.Newton;
using AutoDiffLbfgs.Tests.Gradients.Objectives;
using AutoDiffLbfgs.Tests.Infrastructure;
using AutoDiffLbfgs.Tests.Mgh.Problems;

namespace AutoDiffLbfgs.Tests.Newton;

public class NewtonCgTests
{
    public static TheoryData<NewtonCgMethod> Methods => new() { NewtonCgMethod.TrustRegion, NewtonCgMethod.LineSearch };

    private static NewtonCgOptions Options(NewtonCgMethod method) => new() { Method = method };

    [Theory]
    [MemberData(nameof(Methods))]
    public void RosenbrockReachesItsMinimum(NewtonCgMethod method)
    {
        double[] x = new ExtendedRosenbrock(10).StartingPoint();
        var result = NewtonCg.Minimize(new ClassicObjectives.ExtendedRosenbrockObjective(), x.AsSpan(), new NewtonCgOptions { Method = method, RelativeGradientTolerance = 1e-10 });
        Assert.Equal(NewtonCgTermination.ConvergedOnGradient, result.Termination);
        Assert.Equal(method, result.Method);
        Assert.All(x, xi => Assert.Equal(1, xi, 1e-9));
        Assert.True(result.Value < 1e-18, result.ToString());
        Assert.Equal(result.CgIterations, result.HessianVectorProducts);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void FloatObjectiveConverges(NewtonCgMethod method)
    {
        float[] x = [.. new ExtendedRosenbrock(10).StartingPoint().Select(v => (float)v)];
        var result = NewtonCg.Minimize(new NewtonProblems.ExtendedRosenbrockSingleObjective(), x.AsSpan(), new NewtonCgOptions { Method = method, RelativeGradientTolerance = 1e-3 });
        // Single precision: ‖∇f‖ ≈ 1e-3 leaves |x − 1| ≲ 1e-3 (the Hessian's smallest eigenvalue at x* is about 0.4).
        Assert.Equal(NewtonCgTermination.ConvergedOnGradient, result.Termination);
        Assert.All(x, xi => Assert.Equal(1f, xi, 1e-2f));
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void NegativeCurvatureIsFollowedToAMinimum(NewtonCgMethod method)
    {
        // At x₀ = 0.1 the Hessian diag(3x₀² − 1, 2) is indefinite, so the first CG direction has dᵀBd < 0.
        double[] x = [0.1, 1];
        var result = NewtonCg.Minimize(new NewtonProblems.DoubleWellObjective(), x.AsSpan(), Options(method));
        Assert.True(result.Converged, result.ToString());
        Assert.True(result.NegativeCurvatureSteps >= 1, result.ToString());
        Assert.Equal(-0.25, result.Value, 1e-10);
        Assert.Equal(1, Math.Abs(x[0]), 1e-5);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void SingularHessianStillConverges(NewtonCgMethod method)
    {
        // B = [[2, 2], [2, 2]] has rank 1; g lies in its range, so CG stops after one product with z on the minimiser
        // line (the step (1, 1) has length √2, inside Δ₀ = 10).
        double[] x = [0, 0];
        var options = new NewtonCgOptions { Method = method, InitialTrustRadius = 10 };
        var result = NewtonCg.Minimize(new NewtonProblems.SingularValleyObjective(), x.AsSpan(), options);
        Assert.Equal(1, result.HessianVectorProducts);
        Assert.True(result.Converged, result.ToString());
        Assert.Equal(2, x[0] + x[1], 1e-12);
        Assert.Equal(1, result.Iterations);
    }

    [Fact]
    public void TrustRegionStepsStopAtTheBoundary()
    {
        // With Δ₀ = 0.01 the Newton step from the standard start is far longer, so the first step lies on ‖p‖ = Δ₀.
        var steps = new List<double>();
        double[] x = [-1.2, 1];
        var options = new NewtonCgOptions { InitialTrustRadius = 0.01, Callback = p => { steps.Add(p.Step); return true; } };
        var result = NewtonCg.Minimize(new ClassicObjectives.ExtendedRosenbrockObjective(), x.AsSpan(), options);
        Assert.True(result.Converged, result.ToString());
        Assert.Equal(0.01, steps[0], 1e-14);
        Assert.True(steps.Max() <= options.MaxTrustRadius);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void MaxIterationsStops(NewtonCgMethod method)
    {
        double[] x = [-1.2, 1];
        var result = NewtonCg.Minimize(new ClassicObjectives.ExtendedRosenbrockObjective(), x.AsSpan(), new NewtonCgOptions { Method = method, MaxIterations = 3 });
        Assert.Equal(NewtonCgTermination.MaxIterations, result.Termination);
        Assert.Equal(3, result.Iterations);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void MaxEvaluationsStops(NewtonCgMethod method)
    {
        double[] x = [-1.2, 1];
        var result = NewtonCg.Minimize(new ClassicObjectives.ExtendedRosenbrockObjective(), x.AsSpan(), new NewtonCgOptions { Method = method, MaxEvaluations = 4 });
        Assert.Equal(NewtonCgTermination.MaxEvaluations, result.Termination);
        Assert.True(result.Evaluations <= 4, result.ToString());
        Assert.True(result.Value < 24.2, "the returned point is the best one");
    }

    [Fact]
    public void LineSearchFailureIsReported()
    {
        // One evaluation cannot meet |φ′(α)| ≤ 10⁻³|φ′(0)| at the first trial α = 1 along the first Newton direction.
        double[] x = [-1.2, 1];
        var search = new MoreThuenteLineSearch { Curvature = 1e-3, MaxEvaluations = 1 };
        var options = new NewtonCgOptions { Method = NewtonCgMethod.LineSearch, LineSearch = search };
        var result = NewtonCg.Minimize(new ClassicObjectives.ExtendedRosenbrockObjective(), x.AsSpan(), options);
        Assert.Equal(NewtonCgTermination.LineSearchFailed, result.Termination);
        Assert.Equal([-1.2, 1], x);
    }

    [Fact]
    public void TrustRegionTooSmallIsReported()
    {
        // From the standard Rosenbrock start the first boundary step of length 1 is rejected (ρ < ¼), so Δ drops to ¼.
        double[] x = [-1.2, 1];
        var result = NewtonCg.Minimize(new ClassicObjectives.ExtendedRosenbrockObjective(), x.AsSpan(), new NewtonCgOptions { MinTrustRadius = 0.5 });
        Assert.Equal(NewtonCgTermination.TrustRegionTooSmall, result.Termination);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void NonFiniteStartLeavesXUntouched(NewtonCgMethod method)
    {
        double[] x = [-1, 1];
        var result = NewtonCg.Minimize(new NewtonProblems.CuspAtZeroObjective(), x.AsSpan(), Options(method));
        Assert.True(double.IsFinite(result.Value), "|x|^1.5 is finite at −1: this start is fine");
        x = [double.NaN, 1];
        result = NewtonCg.Minimize(new NewtonProblems.CuspAtZeroObjective(), x.AsSpan(), Options(method));
        Assert.Equal(NewtonCgTermination.NonFiniteValue, result.Termination);
        Assert.Equal(0, result.Iterations);
        Assert.True(double.IsNaN(x[0]));
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void NonFiniteHessianProductIsATermination(NewtonCgMethod method)
    {
        // At (0, 1): f and ∇f = (0, 2) are finite, ∂²f/∂x₀² = ∞, so the first product (d = −g = (0, −2)) is ∞·0 = NaN.
        double[] x = [0, 1];
        var result = NewtonCg.Minimize(new NewtonProblems.CuspAtZeroObjective(), x.AsSpan(), Options(method));
        Assert.Equal(NewtonCgTermination.NonFiniteValue, result.Termination);
        Assert.Equal(1, result.HessianVectorProducts);
        Assert.Equal([0, 1], x);
        Assert.Equal(1, result.Value);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void CancellationAndCallbackStop(NewtonCgMethod method)
    {
        double[] x = [-1.2, 1];
        var result = NewtonCg.Minimize(new ClassicObjectives.ExtendedRosenbrockObjective(), x.AsSpan(), Options(method), new CancellationToken(true));
        Assert.Equal(NewtonCgTermination.Cancelled, result.Termination);
        Assert.Equal(0, result.Iterations);

        var options = new NewtonCgOptions { Method = method, Callback = p => p.Iteration < 2 };
        result = NewtonCg.Minimize(new ClassicObjectives.ExtendedRosenbrockObjective(), x.AsSpan(), options);
        Assert.Equal(NewtonCgTermination.StoppedByCallback, result.Termination);
        Assert.Equal(2, result.Iterations);
    }

    [Fact]
    public void BadArgumentsNameTheOption()
    {
        var options = new NewtonCgOptions();
        Assert.Equal("InitialTrustRadius", Assert.Throws<ArgumentOutOfRangeException>(() => options.InitialTrustRadius = 0).ParamName);
        Assert.Equal("MaxTrustRadius", Assert.Throws<ArgumentOutOfRangeException>(() => options.MaxTrustRadius = double.PositiveInfinity).ParamName);
        Assert.Equal("AcceptanceRatio", Assert.Throws<ArgumentOutOfRangeException>(() => options.AcceptanceRatio = 0.25).ParamName);
        Assert.Equal("MinTrustRadius", Assert.Throws<ArgumentOutOfRangeException>(() => options.MinTrustRadius = -1).ParamName);
        Assert.Equal("MaxCgIterations", Assert.Throws<ArgumentOutOfRangeException>(() => options.MaxCgIterations = -1).ParamName);
        Assert.Equal("MaxIterations", Assert.Throws<ArgumentOutOfRangeException>(() => options.MaxIterations = 0).ParamName);
        Assert.Equal("MaxEvaluations", Assert.Throws<ArgumentOutOfRangeException>(() => options.MaxEvaluations = 0).ParamName);
        Assert.Equal("AbsoluteGradientTolerance", Assert.Throws<ArgumentOutOfRangeException>(() => options.AbsoluteGradientTolerance = double.NaN).ParamName);
        Assert.Equal("RelativeGradientTolerance", Assert.Throws<ArgumentOutOfRangeException>(() => options.RelativeGradientTolerance = -1).ParamName);
        Assert.Equal("Method", Assert.Throws<ArgumentOutOfRangeException>(() => options.Method = (NewtonCgMethod)7).ParamName);
        Assert.Equal("LineSearch", Assert.Throws<ArgumentNullException>(() => options.LineSearch = null!).ParamName);

        options.InitialTrustRadius = 5;
        options.MaxTrustRadius = 2;
        var error = Assert.Throws<ArgumentException>(() => NewtonCg.Minimize(new ClassicObjectives.ExtendedRosenbrockObjective(), new double[2].AsSpan(), options));
        Assert.Contains("InitialTrustRadius", error.Message);
        Assert.Contains("MaxTrustRadius", error.Message);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => NewtonCg.Minimize(new ClassicObjectives.ExtendedRosenbrockObjective(), Span<double>.Empty)).ParamName);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void IterationsAllocateNothingAfterWarmUp(NewtonCgMethod method)
    {
        // Allocation is read in the callback at iteration 3 and at the last iteration, so the workspace is excluded.
        var objective = new ClassicObjectives.ExtendedRosenbrockObjective();
        long allocated = Allocations.AfterIteration(3, callback =>
        {
            double[] x = new ExtendedRosenbrock(100).StartingPoint();
            var result = NewtonCg.Minimize(objective, x.AsSpan(), new NewtonCgOptions { Method = method, RelativeGradientTolerance = 1e-12, Callback = callback });
            Assert.True(result.Converged, result.ToString());
            Assert.True(result.Iterations >= 15, $"only {result.Iterations} iterations");
        });
        Assert.Equal(0, allocated);
    }
}
