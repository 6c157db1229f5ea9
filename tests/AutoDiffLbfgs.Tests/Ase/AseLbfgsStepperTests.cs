using AutoDiffLbfgs.Ase;

namespace AutoDiffLbfgs.Tests.Ase;

/// <summary>Options validation and the step rule of the stepper (maxstep scaling, damping, the kups variant).</summary>
public class AseLbfgsStepperTests
{
    [Theory]
    [InlineData(1.5, "MaxStep")]
    [InlineData(0.0, "MaxStep")]
    [InlineData(-0.1, "MaxStep")]
    [InlineData(double.NaN, "MaxStep")]
    public void RejectsMaxStepOutsideZeroToOne(double maxStep, string parameter)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new AseLbfgsStepper(3, new AseLbfgsOptions { MaxStep = maxStep }));
        Assert.Equal(parameter, e.ParamName);
    }

    [Fact]
    public void AcceptsMaxStepOfExactlyOneAndNamesOtherBadSettings()
    {
        _ = new AseLbfgsStepper(3, new AseLbfgsOptions { MaxStep = 1.0 });
        Assert.Equal("Memory", Assert.Throws<ArgumentOutOfRangeException>(() => new AseLbfgsOptions { Memory = -1 }.Validate()).ParamName);
        Assert.Equal("Alpha", Assert.Throws<ArgumentOutOfRangeException>(() => new AseLbfgsOptions { Alpha = -1 }.Validate()).ParamName);
        Assert.Equal("Damping", Assert.Throws<ArgumentOutOfRangeException>(() => new AseLbfgsOptions { Damping = 0 }.Validate()).ParamName);
        Assert.Equal("Fmax", Assert.Throws<ArgumentOutOfRangeException>(() => new AseLbfgsOptions { Fmax = -1e-3 }.Validate()).ParamName);
        Assert.Equal("GroupSize", Assert.Throws<ArgumentOutOfRangeException>(() => new AseLbfgsOptions { GroupSize = 2 }.Validate()).ParamName);
        Assert.Equal("dimension", Assert.Throws<ArgumentOutOfRangeException>(() => new AseLbfgsStepper(4)).ParamName);
        _ = new AseLbfgsStepper(4, new AseLbfgsOptions { GroupSize = 1 });
    }

    [Fact]
    public void FirstStepIsScaledGradientCappedAtMaxStepThenDamped()
    {
        // Atom 1 has the largest gradient: its unclamped step is 70/70 = 1 ≥ 0.2, so the whole step is scaled by 0.2.
        double[] x = [0, 0, 0, 1, 1, 1], g = [0, 0, 7, 42, 0, 56];
        var next = new double[6];
        var stepper = new AseLbfgsStepper(6, new AseLbfgsOptions { Damping = 0.5 });
        stepper.Step(x, g, next);
        Assert.Equal(1.0, stepper.LongestStepUnclamped, 15);
        double factor = 0.2 / stepper.LongestStepUnclamped;
        for (int i = 0; i < 6; i++) Assert.Equal(x[i] + -(g[i] * (1.0 / 70.0)) * factor * 0.5, next[i]);
    }

    [Fact]
    public void GroupSizeOneMeasuresEveryCoordinateAlone()
    {
        double[] x = [0, 0, 0], g = [7, 7, 7];   // per coordinate 0.1 < 0.2: no scaling; as one atom it would be 0.173
        var next = new double[3];
        new AseLbfgsStepper(3, new AseLbfgsOptions { GroupSize = 1, MaxStep = 0.15 }).Step(x, g, next);
        Assert.Equal(-0.1, next[0], 15);
        new AseLbfgsStepper(3, new AseLbfgsOptions { GroupSize = 3, MaxStep = 0.15 }).Step(x, g, next);
        Assert.Equal(-0.15 / Math.Sqrt(3), next[0], 15);
    }

    [Fact]
    public void KupsVariantIsThePreconditionerWithItsMaxStepClipAndNoDamping()
    {
        AseTrajectory run = AseTrajectory.Load("lj38_box__alpha150");
        int n = run.Dimension;
        var options = run.Options with { Variant = AseVariant.Kups, Damping = 0.3, Memory = 7 };
        var stepper = new AseLbfgsStepper(n, options);
        var pre = new AseLbfgsPreconditioner(n, options.Memory, options.Alpha);
        var x = (double[])run.InitialPositions.Clone();
        var y = (double[])run.InitialPositions.Clone();
        var g = new double[n];
        var hg = new double[n];
        for (int k = 0; k < 25; k++)
        {
            new LennardJonesObjective().ValueAndGradient(x, g);
            stepper.Step(x, g, x);
            // kups: chain(scale_by_ase_lbfgs, max_step_size, scale(-1)), then params + updates.
            pre.Update(g, y, hg);
            double longest = 0;
            for (int a = 0; a < n; a += 3) longest = Math.Max(longest, Math.Sqrt(hg[a] * hg[a] + hg[a + 1] * hg[a + 1] + hg[a + 2] * hg[a + 2]));
            double scale = Math.Min(1.0, options.MaxStep / (longest + 1e-12));
            for (int i = 0; i < n; i++) y[i] += -(hg[i] * scale);
            Assert.Equal(y, x);
        }
    }

    [Fact]
    public void ResetForgetsHistoryAndPreviousPoint()
    {
        AseTrajectory run = AseTrajectory.Load("quad30__default");
        var stepper = new AseLbfgsStepper(run.Dimension, run.Options);
        var first = new double[run.Dimension];
        var again = new double[run.Dimension];
        stepper.Step(run.Steps[0].Positions, run.Steps[0].Gradient, first);
        stepper.Step(run.Steps[1].Positions, run.Steps[1].Gradient, again);
        Assert.Equal(1, stepper.PairCount);
        stepper.Reset();
        Assert.Equal(0, stepper.PairCount);
        Assert.Equal(0, stepper.Iteration);
        stepper.Step(run.Steps[0].Positions, run.Steps[0].Gradient, again);
        Assert.Equal(first, again);
    }
}
