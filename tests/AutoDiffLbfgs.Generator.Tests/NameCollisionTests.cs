using AutoDiffLbfgs.Generator.Tests.Infrastructure;

namespace AutoDiffLbfgs.Generator.Tests;

/// <summary>
/// Generated code shares scopes with the user's names: the parameters of the generated members, the locals the
/// reverse sweep introduces (adjoints, tapes, flags) and the types it refers to must never collide with, or be
/// captured by, what the user wrote. Every case must generate and compile without a diagnostic.
/// </summary>
public sealed class NameCollisionTests
{
    [Theory]
    [InlineData("data parameters named like the generated parameters",
        "public static double F(ReadOnlySpan<double> x, double[] gradient, double v, double[] result, double target) => gradient[0] * x[0] * x[0] * v + result[0] * target * x[0];")]
    [InlineData("locals named like generated temporaries",
        """
        public static double F(ReadOnlySpan<double> x)
        {
            double value = 0.0, tape = 1.0, done = 2.0, result = 0.5, d = 3.0, d2 = 0.25, iterations = 1.5;
            double xBar = 0.1, sBar = 0.2, valueBar = 0.3, dBar = 0.4, aDot = 0.6, sSaved = 0.7, gradientBar = 0.8;
            for (int i = 0; i < x.Length; i++)
            {
                double y = value * x[i];
                value += y * y + tape * x[i] + done * d * x[i] + result * d2 + iterations;
                tape *= 1.0 + 0.1 * x[i];
            }
            return value + xBar + sBar + valueBar + dBar + aDot + sSaved + gradientBar + tape;
        }
        """)]
    [InlineData("a loop counter and a local reused in sibling scopes",
        """
        public static double F(ReadOnlySpan<double> x)
        {
            double s = 0.0;
            for (int i = 0; i < x.Length; i++) { double t = x[i]; s += t * t; }
            for (int i = 0; i < x.Length; i++) { double t = Math.Sin(x[i]); s *= 1.0 + 0.01 * t; }
            { double t = x[0]; s += t; }
            return s;
        }
        """)]
    [InlineData("an objective named like a generated member of another objective",
        """
        public static double F(ReadOnlySpan<double> x) => x[0] * x[0];

        [Objective]
        public static double FGradient(ReadOnlySpan<double> x) => Math.Exp(x[0]);
        """)]
    [InlineData("variables not called x",
        "public static double F(ReadOnlySpan<double> gradient) => gradient[0] * gradient[0] + Math.Sin(gradient[1]);")]
    public void UserNamesNeverCollideWithGeneratedNames(string description, string member)
    {
        var run = GeneratorHarness.Run($$"""
            using System;
            using AutoDiffLbfgs;

            namespace Demo;

            public static partial class Problems
            {
                [Objective]
                {{member}}
            }
            """);

        Assert.True(run.InputErrors.IsEmpty, $"{description}: the test source does not compile:\n" + GeneratorRun.Describe(run.InputErrors));
        Assert.True(run.GeneratorDiagnostics.IsEmpty, $"{description}:\n" + GeneratorRun.Describe(run.GeneratorDiagnostics));
        Assert.NotEmpty(run.Sources);
        Assert.True(run.OutputErrors.IsEmpty, $"{description}: generated code does not compile:\n" + GeneratorRun.Describe(run.OutputErrors));
        Assert.True(run.GeneratedCodeProblems.IsEmpty, $"{description}: generated code has warnings:\n" + GeneratorRun.Describe(run.GeneratedCodeProblems));
    }

    [Fact]
    public void UserTypesShadowingFrameworkAndRuntimeNamesAreNotCaptured()
    {
        var run = GeneratorHarness.Run("""
            using AutoDiffLbfgs;

            namespace Demo
            {
                // Inside Demo these shadow System.Math, System.Span<T>, System.ArgumentException and the runtime's names.
                internal static class Math { }
                internal sealed class Span<T> { }
                internal sealed class ReadOnlySpan<T> { }
                internal sealed class ArgumentException { }
                internal sealed class GradientTape { }
                internal sealed class IDifferentiableObjective<T> { }
                internal sealed class System { }

                public static partial class Problems
                {
                    [Objective]
                    public static double F(global::System.ReadOnlySpan<double> x, double[] coefficients)
                    {
                        double s = 0.0;
                        for (int i = 0; i < x.Length; i++)
                        {
                            double y = coefficients[0];
                            for (int k = 1; k < coefficients.Length; k++) y = y * x[i] + coefficients[k];
                            s += global::System.Math.Sqrt(1.0 + y * y) + global::System.Math.Max(x[i], 0.5);
                        }
                        return s;
                    }
                }
            }

            namespace AutoDiffLbfgs.Generated.Shadow
            {
                internal sealed class Math { }
            }
            """);

        Assert.True(run.InputErrors.IsEmpty, "The test source does not compile:\n" + GeneratorRun.Describe(run.InputErrors));
        Assert.True(run.GeneratorDiagnostics.IsEmpty, GeneratorRun.Describe(run.GeneratorDiagnostics));
        Assert.NotEmpty(run.Sources);
        Assert.True(run.OutputErrors.IsEmpty, "Generated code binds to the user's types:\n" + GeneratorRun.Describe(run.OutputErrors));
    }
}
