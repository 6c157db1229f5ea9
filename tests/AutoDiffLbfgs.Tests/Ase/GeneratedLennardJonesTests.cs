using AutoDiffLbfgs.Ase;
using AutoDiffLbfgs.Tests.Gradients.Objectives;

namespace AutoDiffLbfgs.Tests.Ase;

/// <summary>The generated Lennard-Jones gradient against the hand-written one and ASE's lj13 run.</summary>
public class GeneratedLennardJonesTests
{
    [Fact]
    public void GeneratedGradientEqualsTheHandWrittenOne()
    {
        double[] x = RandomCluster.Create(20, seed: 5);
        var generated = new double[x.Length];
        var handWritten = new double[x.Length];
        double e1 = new ClassicObjectives.LennardJonesObjective().ValueAndGradient(x, generated);
        double e2 = new LennardJonesObjective().ValueAndGradient(x, handWritten);
        AseAssert.Close(e1, e2, 1e-13, "energy");
        AseAssert.Close(generated, handWritten, 1e-12, "gradient");
    }

    [Fact]
    public void GeneratedObjectiveReproducesTheAseLj13Run()
    {
        AseTrajectory run = AseTrajectory.Load("lj13_ico__default");
        var x = (double[])run.InitialPositions.Clone();
        var result = AseRelaxation.Relax(new ClassicObjectives.LennardJonesObjective(), x, run.Options);
        Assert.True(result.Converged);
        Assert.Equal(run.StepCount, result.Steps);
        AseAssert.Close(result.Energy, run.Steps[^1].PlainEnergy, 1e-12, "final energy");
        AseAssert.Close(x, run.Steps[^1].Positions, 1e-10, "final positions");
    }
}
