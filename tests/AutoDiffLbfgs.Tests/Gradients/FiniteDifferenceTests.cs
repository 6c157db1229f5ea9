using AutoDiffLbfgs.Tests.Gradients.Checking;

namespace AutoDiffLbfgs.Tests.Gradients;

/// <summary>
/// The checker itself: its reference is accurate on a function with a known gradient, it accepts a correct
/// hand-written gradient, and it rejects deliberately wrong ones — so a passing gradient test means something.
/// </summary>
public sealed class FiniteDifferenceTests
{
    private static readonly double[] Point = [-1.2, 1.0, 0.4, -0.7, 1.6, 0.9];

    [Fact]
    public void RichardsonReferenceIsAccurateForAKnownGradient()
    {
        // f = Σ sin(x_i) exp(x_{i+1}); ∂f/∂x_i = cos(x_i) exp(x_{i+1}) + sin(x_{i-1}) exp(x_i).
        static double F(double[] x) => Enumerable.Range(0, x.Length - 1).Sum(i => Math.Sin(x[i]) * Math.Exp(x[i + 1]));
        var exact = Enumerable.Range(0, Point.Length).Select(i =>
            (i + 1 < Point.Length ? Math.Cos(Point[i]) * Math.Exp(Point[i + 1]) : 0.0) +
            (i > 0 ? Math.Sin(Point[i - 1]) * Math.Exp(Point[i]) : 0.0)).ToArray();

        var reference = FiniteDifference.Gradient(F, Point, FiniteDifference.DefaultRelativeStep, out _);

        for (int i = 0; i < Point.Length; i++)
        {
            // The error model predicts ~1e-12 here; 1e-9 is a thousand times that and a thousand times below the checker's tolerance.
            Assert.True(Math.Abs(reference[i] - exact[i]) <= 1e-9 * Math.Max(1.0, Math.Abs(exact[i])), $"component {i}: {reference[i]} vs {exact[i]}");
        }
    }

    [Fact]
    public void CheckerAcceptsAHandWrittenRosenbrockGradient() =>
        Assert.Empty(Check(RosenbrockGradient(Point, factor: 400.0)));

    [Fact]
    public void CheckerRejectsAGradientWithAWrongFactor() =>
        Assert.NotEmpty(Check(RosenbrockGradient(Point, factor: 399.0)));

    [Fact]
    public void CheckerRejectsAGradientMissingTheLastTerm()
    {
        var gradient = RosenbrockGradient(Point, factor: 400.0);
        gradient[^1] = 0.0;
        Assert.Single(Check(gradient));
    }

    [Fact]
    public void CheckerRejectsNaN()
    {
        var gradient = RosenbrockGradient(Point, factor: 400.0);
        gradient[2] = double.NaN;
        Assert.Single(Check(gradient));
    }

    [Fact]
    public void CheckerRejectsARelativeErrorOfOnePartInAHundredThousand()
    {
        var gradient = RosenbrockGradient(Point, factor: 400.0);
        gradient[1] *= 1.0 + 1e-5;
        Assert.Single(Check(gradient));
    }

    private static IReadOnlyList<string> Check(double[] gradient)
    {
        var reference = FiniteDifference.Gradient(Rosenbrock, Point, FiniteDifference.DefaultRelativeStep, out double scale);
        return GradientChecker.Compare(gradient, reference, Point, FiniteDifference.DefaultRelativeStep, scale, isSinglePrecision: false);
    }

    private static double Rosenbrock(double[] x)
    {
        double s = 0.0;
        for (int i = 0; i + 1 < x.Length; i++)
        {
            double a = 1.0 - x[i], b = x[i + 1] - x[i] * x[i];
            s += a * a + 100.0 * b * b;
        }

        return s;
    }

    /// <summary>The analytic chained-Rosenbrock gradient; <paramref name="factor"/> = 400 is correct, anything else is a planted bug.</summary>
    private static double[] RosenbrockGradient(double[] x, double factor)
    {
        var g = new double[x.Length];
        for (int i = 0; i + 1 < x.Length; i++)
        {
            double b = x[i + 1] - x[i] * x[i];
            g[i] += -2.0 * (1.0 - x[i]) - factor * x[i] * b;
            g[i + 1] += 200.0 * b;
        }

        return g;
    }
}
