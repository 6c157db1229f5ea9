using AutoDiffLbfgs.LineSearch;
using AutoDiffLbfgs.Tests.Mgh.Problems;

namespace AutoDiffLbfgs.Tests.Classic;

public class LbfgsSolverTests
{
    [Fact]
    public void DelegateOverloadGivesTheSameSolveAsTheStructOverload()
    {
        var problem = new ChainedRosenbrock(8);
        double[] viaStruct = problem.StartingPoint(), viaDelegate = problem.StartingPoint();
        var a = Lbfgs.Minimize(problem, viaStruct.AsSpan());
        var b = Lbfgs.Minimize<double>((x, g) => problem.ValueAndGradient(x, g), viaDelegate.AsSpan());
        Assert.Equal(a, b);
        Assert.Equal(viaStruct, viaDelegate);
    }

    [Fact]
    public void SolvesInSinglePrecision()
    {
        float[] x = [-1.2f, 1, -1.2f, 1, -1.2f, 1];
        var result = Lbfgs.Minimize(new RosenbrockSingle(), x.AsSpan(), new LbfgsOptions { RelativeGradientTolerance = 1e-3 });
        Assert.True(result.Converged, result.ToString());
        Assert.True(result.Value < 1e-5);
        Assert.All(x, v => Assert.Equal(1f, v, 1e-2f));
    }

    [Theory]
    [InlineData(BacktrackingCondition.Armijo)]
    [InlineData(BacktrackingCondition.Wolfe)]
    [InlineData(BacktrackingCondition.StrongWolfe)]
    public void SolvesWithEveryBacktrackingCondition(BacktrackingCondition condition)
    {
        var problem = new ChainedRosenbrock(10);
        double[] x = problem.StartingPoint();
        var options = new LbfgsOptions { LineSearch = new BacktrackingLineSearch { Condition = condition }, RelativeGradientTolerance = 1e-8 };
        var result = Lbfgs.Minimize(problem, x.AsSpan(), options);
        Assert.Equal(LbfgsTermination.ConvergedOnGradient, result.Termination);
        Assert.True(result.Value < 1e-12);
    }

    [Fact]
    public void PairsWithoutPositiveCurvatureAreSkippedAndCounted()
    {
        // f = −cos(x) per coordinate from x = 3: the first steps cross regions of negative curvature.
        double[] x = [2.5, 2.9, -2.7];
        var result = Lbfgs.Minimize<double>((x, g) =>
        {
            double f = 0;
            for (int i = 0; i < x.Length; i++)
            {
                f -= Math.Cos(x[i]);
                g[i] = Math.Sin(x[i]);
            }
            return f;
        }, x.AsSpan(), new LbfgsOptions { LineSearch = new BacktrackingLineSearch() });
        Assert.True(result.Converged, result.ToString());
        Assert.True(result.SkippedPairs >= 1, result.ToString());
    }

    [Fact]
    public void ARunIsReproducibleBitForBit()
    {
        var problem = new ExtendedRosenbrock(1000);
        double[] first = problem.StartingPoint(), second = problem.StartingPoint();
        var a = Lbfgs.Minimize(problem, first.AsSpan());
        var b = Lbfgs.Minimize(problem, second.AsSpan());
        Assert.Equal(a, b);
        Assert.Equal(first, second);
    }

    [Fact]
    public void EmptyProblemConvergesAtOnce()
    {
        var result = Lbfgs.Minimize<double>((x, g) => 7, Span<double>.Empty);
        Assert.Equal(LbfgsTermination.ConvergedOnGradient, result.Termination);
        Assert.Equal(7, result.Value);
    }

    [Fact]
    public void ArraysConvertToTheSpanParameter()
    {
        double[] x = [5, 5, 5];
        var result = Lbfgs.Minimize(new ShiftedQuadratic(), x);
        Assert.True(result.Converged);
        Assert.Equal([1.0, 2, 3], x.Select(v => Math.Round(v, 6)));
    }

    [Fact]
    public void NullDelegateIsRejected() =>
        Assert.Throws<ArgumentNullException>(() => Lbfgs.Minimize<double>(null!, new double[2].AsSpan()));
}
