using System.Numerics;
using AutoDiffLbfgs.Newton;

namespace AutoDiffLbfgs.Tests.Newton;

public class NewtonPreconditionerTests
{
    private static readonly double[] Scales = [.. Enumerable.Range(0, 50).Select(i => Math.Pow(10, 6.0 * i / 49))];

    [Theory]
    [InlineData(NewtonCgMethod.TrustRegion)]
    [InlineData(NewtonCgMethod.LineSearch)]
    public void ExactDiagonalMakesEachCgSolveOneIteration(NewtonCgMethod method)
    {
        // ∇²f = diag(s) with condition number 1e6: plain CG needs many iterations per Newton step, M = diag(s) one.
        var options = new NewtonCgOptions { Method = method, MaxTrustRadius = 1e6, InitialTrustRadius = 1e6, RelativeGradientTolerance = 1e-10 };
        AssertOneCgIterationPerNewtonStep(new NewtonProblems.ScaledQuadraticObjective(Scales), Scales, options, 1e-9);
    }

    [Theory]
    [InlineData(NewtonCgMethod.TrustRegion)]
    [InlineData(NewtonCgMethod.LineSearch)]
    public void ExactFloatDiagonalMakesEachCgSolveOneIteration(NewtonCgMethod method)
    {
        // The same in float, with condition number 1e4 (single precision leaves ~7 digits).
        float[] scales = [.. Enumerable.Range(0, 50).Select(i => MathF.Pow(10, 4f * i / 49))];
        var options = new NewtonCgOptions { Method = method, MaxTrustRadius = 1e6, InitialTrustRadius = 1e6, RelativeGradientTolerance = 1e-4 };
        AssertOneCgIterationPerNewtonStep(new NewtonProblems.ScaledQuadraticSingleObjective(scales), scales, options, 1e-5f);
    }

    /// <summary>Solves ½Σ sᵢxᵢ² from x = 1 without and with M = diag(s): with it, one CG iteration per Newton step.</summary>
    private static void AssertOneCgIterationPerNewtonStep<T, TObjective>(TObjective objective, T[] scales, NewtonCgOptions options, T tolerance)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TObjective : ITwiceDifferentiableObjective<T>
    {
        T[] plain = Enumerable.Repeat(T.One, scales.Length).ToArray(), preconditioned = (T[])plain.Clone();
        var without = NewtonCg.Minimize<T, TObjective>(objective, plain, options);
        var with = NewtonCg.Minimize(objective, new DiagonalPreconditioner<T>(scales), preconditioned.AsSpan(), options);
        Assert.True(without.Converged && with.Converged, $"{without} / {with}");
        Assert.Equal(with.Iterations, with.CgIterations);
        Assert.True(without.CgIterations > 5 * with.CgIterations, $"{without.CgIterations} vs {with.CgIterations}");
        Assert.All(preconditioned, xi => Assert.True(T.Abs(xi) <= tolerance, $"x = {xi}"));
    }

    [Fact]
    public void MNormTrustRegionBoundsTheFirstStep()
    {
        // With M = diag(s) the first step satisfies ‖p‖_M = √(Σ sᵢpᵢ²) = Δ₀ when the Newton step is longer.
        var objective = new NewtonProblems.ScaledQuadraticObjective(Scales);
        double[] x = Enumerable.Repeat(1.0, Scales.Length).ToArray();
        double[] start = (double[])x.Clone();
        var options = new NewtonCgOptions { InitialTrustRadius = 0.5, MaxIterations = 1 };
        NewtonCg.Minimize(objective, new DiagonalPreconditioner<double>(Scales), x.AsSpan(), options);
        double mNorm = Math.Sqrt(Enumerable.Range(0, x.Length).Sum(i => Scales[i] * (x[i] - start[i]) * (x[i] - start[i])));
        Assert.Equal(0.5, mNorm, 1e-12);
    }

    [Fact]
    public void BadDiagonalsAreRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new DiagonalPreconditioner<double>([1, 2, 0]));
        Assert.Equal("diagonal", error.ParamName);
        Assert.Contains("diagonal[2]", error.Message);
        Assert.Contains("diagonal[1]", Assert.Throws<ArgumentException>(() => new DiagonalPreconditioner<float>([1, float.NaN])).Message);
        Assert.Throws<ArgumentException>(() => new DiagonalPreconditioner<double>([]));
        double[] x = [1, 1, 1];
        var mismatch = Assert.Throws<ArgumentException>(() =>
            NewtonCg.Minimize(new NewtonProblems.ScaledQuadraticObjective(Scales), new DiagonalPreconditioner<double>([1, 2]), x.AsSpan()));
        Assert.Equal("preconditioner", mismatch.ParamName);
    }
}
