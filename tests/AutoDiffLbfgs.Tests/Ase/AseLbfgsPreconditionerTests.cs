using AutoDiffLbfgs.Ase;

namespace AutoDiffLbfgs.Tests.Ase;

/// <summary>Semantics of the kups-style preconditioner: first update, zero-curvature pairs, cyclic slots.</summary>
public class AseLbfgsPreconditionerTests
{
    [Fact]
    public void FirstUpdateIsGradientOverAlpha()
    {
        var pre = new AseLbfgsPreconditioner(6, memorySize: 4, alpha: 70.0);
        double[] g = [1.5, -2.0, 0.25, 3.0, -0.5, 7.0];
        var result = new double[6];
        pre.Update(g, [0.1, 0.2, 0.3, 0.4, 0.5, 0.6], result);
        Assert.Equal(g.Select(v => v * (1.0 / 70.0)).ToArray(), result);
        Assert.Equal(1, pre.Count);
        Assert.Equal(0.0, pre.Weight(3));
        Assert.True(pre.ParameterDifference(3).ToArray().All(v => v == 0.0));
    }

    [Fact]
    public void ZeroCurvaturePairIsStoredWithWeightZeroAndChangesNothing()
    {
        double[] x0 = [0.0, 0.0, 0.0], g0 = [1.0, 2.0, 3.0];
        double[] x1 = [0.5, 0.0, 0.0], g1 = [1.0, 2.5, 3.0];   // s = (0.5, 0, 0), y = (0, 0.5, 0): yᵀs = 0 exactly
        var pre = new AseLbfgsPreconditioner(3, memorySize: 5);
        var result = new double[3];
        pre.Update(g0, x0, result);
        pre.Update(g1, x1, result);
        Assert.Equal(0.0, pre.Weight(0));
        Assert.Equal(g1.Select(v => v * (1.0 / 70.0)).ToArray(), result);

        // A repeated point (s = y = 0) is also a no-op: the direction is the same as without it.
        var reference = new AseLbfgsPreconditioner(3, memorySize: 5);
        var expected = new double[3];
        double[] x2 = [0.4, 0.1, -0.2], g2 = [0.7, 2.1, 2.6];
        reference.Update(g0, x0, expected);
        reference.Update(g2, x2, expected);
        var repeated = new AseLbfgsPreconditioner(3, memorySize: 5);
        repeated.Update(g0, x0, result);
        repeated.Update(g2, x2, result);
        repeated.Update(g2, x2, result);
        Assert.Equal(0.0, repeated.Weight(1));
        Assert.Equal(expected, result);
    }

    [Fact]
    public void UpdateCWritesSlotCMinusOneModM()
    {
        const int m = 3;
        var pre = new AseLbfgsPreconditioner(2, memorySize: m);
        var result = new double[2];
        var xs = new List<double[]>();
        for (int c = 0; c < 7; c++)
        {
            double[] x = [Math.Sin(c), Math.Cos(2 * c)], g = [2 * x[0] + 0.1 * c, 3 * x[1]];
            pre.Update(g, x, result);
            xs.Add(x);
            if (c == 0) continue;
            int slot = (c - 1) % m;
            Assert.Equal(new[] { x[0] - xs[c - 1][0], x[1] - xs[c - 1][1] }, pre.ParameterDifference(slot).ToArray());
            Assert.Equal(x, pre.PreviousParameters.ToArray());
            Assert.Equal(g, pre.PreviousGradient.ToArray());
        }
        Assert.Equal(7, pre.Count);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void AfterWrappingItEqualsTheAseStepperDirectionOnTheSameHistory(int memory)
    {
        // quad30 from the recorded start: drive the stepper, feed the same points to the preconditioner.
        AseTrajectory run = AseTrajectory.Load("quad30__default");
        int n = run.Dimension;
        var stepper = new AseLbfgsStepper(n, run.Options with { Memory = memory, MaxStep = 1.0 });
        var pre = new AseLbfgsPreconditioner(n, memory, run.Options.Alpha);
        var x = (double[])run.InitialPositions.Clone();
        var g = new double[n];
        var hg = new double[n];
        int comparedAfterWrap = 0;
        for (int k = 0; k < 3 * memory + 2; k++)
        {
            run.Energy(x, g);
            pre.Update(g, x, hg);
            stepper.Step(x, g, x);
            if (stepper.LongestStepUnclamped >= 1.0) continue;   // unscaled: the stepper's step is exactly −H·g
            Assert.Equal(hg.Select(v => -v).ToArray(), stepper.LastStep.ToArray());
            if (k > memory) comparedAfterWrap++;
        }
        Assert.True(comparedAfterWrap > 0);
        Assert.Equal(memory, stepper.PairCount);
    }

    [Fact]
    public void RejectsMemorySizeBelowOne()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new AseLbfgsPreconditioner(3, memorySize: 0));
        Assert.Equal("memorySize", e.ParamName);
        Assert.Equal("alpha", Assert.Throws<ArgumentOutOfRangeException>(() => new AseLbfgsPreconditioner(3, 5, 0.0)).ParamName);
        Assert.Equal("slot", Assert.Throws<ArgumentOutOfRangeException>(() => new AseLbfgsPreconditioner(3, 5).Weight(5)).ParamName);
    }
}
