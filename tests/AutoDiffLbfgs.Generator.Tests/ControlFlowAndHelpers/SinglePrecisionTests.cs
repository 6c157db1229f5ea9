using AutoDiffLbfgs.Generator.Tests.Infrastructure;

namespace AutoDiffLbfgs.Generator.Tests.ControlFlowAndHelpers;

/// <summary>
/// The control-flow and helper constructs in a <c>float</c> objective: every conversion the lowering inserts (helper arguments,
/// switch arms, clamp bounds, array elements, rule partials) must type-check, and the generated code must compile
/// without a warning.
/// </summary>
public sealed class SinglePrecisionTests
{
    private const string Source = """
        using System;
        using AutoDiffLbfgs;

        namespace Demo;

        public static partial class Singles
        {
            private static float Bump(float z, double scale) => (float)(scale * MathF.Exp(-z * z));

            [Derivative(nameof(SoftsignDerivative))]
            private static float Softsign(float z) => z / (1f + MathF.Abs(z));

            private static float SoftsignDerivative(float z) => 1f / ((1f + MathF.Abs(z)) * (1f + MathF.Abs(z)));

            [Objective]
            public static float Mixed(ReadOnlySpan<float> x, float[] weights, int mode)
            {
                Span<float> r = stackalloc float[x.Length];
                for (int i = 0; i < r.Length; i++) r[i] = Math.Clamp(x[i], -1f, 1f) * weights[i % weights.Length];
                float s = 0f;
                foreach (float ri in r) s += ri * ri;
                foreach (var w in weights) s += w * Bump(x[0], 0.5);
                switch (mode)
                {
                    case 0:
                        s += Softsign(x[1]);
                        break;
                    default:
                        s *= 0.5f;
                        break;
                }
                float factor = mode switch { 0 => 1f, _ => 2 };
                return factor * s;
            }
        }
        """;

    [Fact]
    public void AFloatObjectiveUsingEveryControlFlowAndHelperConstructCompilesWithoutWarnings()
    {
        var run = GeneratorHarness.Run(Source);
        Assert.True(run.InputErrors.IsEmpty, GeneratorRun.Describe(run.InputErrors));
        Assert.True(run.GeneratorDiagnostics.IsEmpty, GeneratorRun.Describe(run.GeneratorDiagnostics));
        Assert.True(run.OutputErrors.IsEmpty, GeneratorRun.Describe(run.OutputErrors));
        Assert.True(run.GeneratedCodeProblems.IsEmpty, GeneratorRun.Describe(run.GeneratedCodeProblems));
        var source = run.Source("Demo.Singles.Mixed.g.cs");
        Assert.Contains("stackalloc float[", source, StringComparison.Ordinal);
        Assert.Contains("global::Demo.Singles.Softsign(", source, StringComparison.Ordinal);
    }
}
