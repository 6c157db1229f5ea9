using AutoDiffLbfgs.Ase;

namespace AutoDiffLbfgs.Tests.Ase;

/// <summary>The reference Lennard-Jones potential against finite differences and ASE's recorded energies and forces.</summary>
public class LennardJonesObjectiveTests
{
    [Fact]
    public void GradientMatchesCentralDifferences()
    {
        var lj = new LennardJonesObjective(epsilon: 0.7, sigma: 1.3);
        double[] x = RandomCluster.Create(9, seed: 3, density: 0.3).Select(v => v * 1.3).ToArray();
        var g = new double[x.Length];
        double e = lj.ValueAndGradient(x, g);
        Assert.Equal(lj.Value(x), e, 1e-12);
        for (int i = 0; i < x.Length; i++)
        {
            const double h = 1e-6;
            double saved = x[i];
            x[i] = saved + h; double plus = lj.Value(x);
            x[i] = saved - h; double minus = lj.Value(x);
            x[i] = saved;
            double fd = (plus - minus) / (2 * h);
            Assert.True(Math.Abs(fd - g[i]) <= 1e-6 * Math.Max(1, Math.Abs(g[i])), $"coordinate {i}: {g[i]} vs {fd}");
        }
    }

    [Theory]
    [InlineData("lj13_ico__default")]
    [InlineData("lj38_box__alpha150")]
    public void MatchesAsePlainEnergyAndForces(string name)
    {
        AseTrajectory run = AseTrajectory.Load(name);
        var g = new double[run.Dimension];
        foreach (RecordedStep step in new[] { run.Steps[0], run.Steps[^1] })
        {
            double e = new LennardJonesObjective().ValueAndGradient(step.Positions, g);
            AseAssert.Close(e, step.PlainEnergy, 1e-13, "energy");
            AseAssert.Close(g, step.Gradient, 1e-11, "gradient");
        }
    }

    [Fact]
    public void DimerMinimumIsAtTwoToTheSixthSigma()
    {
        double r = Math.Pow(2, 1.0 / 6);
        var g = new double[6];
        double e = new LennardJonesObjective().ValueAndGradient([0, 0, 0, r, 0, 0], g);
        Assert.Equal(-1.0, e, 14);
        Assert.All(g, v => Assert.Equal(0.0, v, 13));
    }
}
