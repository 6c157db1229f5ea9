using AutoDiffLbfgs.Ase;

namespace AutoDiffLbfgs.Tests.Ase;

/// <summary>The Lennard-Jones energy written as an [Objective]: its generated gradient drives an ASE relaxation.</summary>
public static partial class GeneratedLennardJones
{
    [Objective]
    public static double Energy(ReadOnlySpan<double> x)
    {
        int n = x.Length / 3;
        double e = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                double dx = x[3 * i] - x[3 * j], dy = x[3 * i + 1] - x[3 * j + 1], dz = x[3 * i + 2] - x[3 * j + 2];
                double ir2 = 1 / (dx * dx + dy * dy + dz * dz);
                double ir6 = ir2 * ir2 * ir2;
                e += ir6 * ir6 - ir6;
            }
        }
        return 4 * e;
    }
}

public class GeneratedLennardJonesTests
{
    [Fact]
    public void GeneratedGradientEqualsTheHandWrittenOne()
    {
        double[] x = RandomCluster.Create(20, seed: 5);
        var generated = new double[x.Length];
        var handWritten = new double[x.Length];
        double e1 = new GeneratedLennardJones.EnergyObjective().ValueAndGradient(x, generated);
        double e2 = new LennardJonesObjective().ValueAndGradient(x, handWritten);
        AseAssert.Close(e1, e2, 1e-13, "energy");
        AseAssert.Close(generated, handWritten, 1e-12, "gradient");
    }

    [Fact]
    public void GeneratedObjectiveReproducesTheAseLj13Run()
    {
        AseTrajectory run = AseTrajectory.Load("lj13_ico__default");
        var x = (double[])run.InitialPositions.Clone();
        var result = AseRelaxation.Relax(new GeneratedLennardJones.EnergyObjective(), x, run.Options);
        Assert.True(result.Converged);
        Assert.Equal(run.StepCount, result.Steps);
        AseAssert.Close(result.Energy, run.Steps[^1].PlainEnergy, 1e-12, "final energy");
        AseAssert.Close(x, run.Steps[^1].Positions, 1e-10, "final positions");
    }
}
