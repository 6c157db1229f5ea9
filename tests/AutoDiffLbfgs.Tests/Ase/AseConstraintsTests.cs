using System.Text.Json;
using AutoDiffLbfgs.Ase;

namespace AutoDiffLbfgs.Tests.Ase;

/// <summary>FixAtoms and FixCartesian against ASE 3.22.1's slab runs (Fixtures/ase/make_constraints.py).</summary>
public class AseConstraintsTests
{
    [Theory]
    [InlineData("slab_fixed__lbfgs")]
    [InlineData("slab_fixed__fire")]
    public void ConstrainedRunsFollowAse(string name)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "ase", name + ".json");
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        JsonElement r = doc.RootElement;
        RecordedStep[] steps = r.GetProperty("steps").EnumerateArray().Select(RecordedStep.Parse).ToArray();
        int atoms = steps[0].Positions.Length / 3;
        var constraints = new AseConstraints(atoms)
            .FixAtoms(r.GetProperty("fixed_atoms").EnumerateArray().Select(e => e.GetInt32()).ToArray())
            .FixCartesian(r.GetProperty("cartesian_atom").GetInt32(), true, false, true);
        var objective = new ConstrainedObjective<PeriodicLennardJonesObjective>(
            new PeriodicLennardJonesObjective(AseTrajectory.Flatten(r.GetProperty("cell")),
                r.GetProperty("pbc").EnumerateArray().Select(e => e.GetBoolean()).ToArray(), 2.5), constraints);
        var g = new double[3 * atoms];
        foreach (RecordedStep s in steps)
        {
            objective.ValueAndGradient(s.Positions, g);
            AseAssert.Close(g, s.Gradient, 1e-12, $"step {s.Step} constrained forces");
        }
        var x = (double[])steps[0].Positions.Clone();
        int nsteps = r.GetProperty("nsteps").GetInt32();
        AseRelaxationResult result = name.EndsWith("fire", StringComparison.Ordinal)
            ? AseRelaxation.Relax(objective, x, new AseFireStepper(x.Length, new AseFireOptions { Fmax = 1e-3 }))
            : AseRelaxation.Relax(objective, x, new AseLbfgsOptions { Alpha = 300, Fmax = 1e-3 });
        Assert.True(result.Converged);
        Assert.Equal(nsteps, result.Steps);
        AseAssert.Close(x, steps[^1].Positions, 1e-10, "end point");
        for (int i = 0; i < x.Length; i++)
            if (constraints.Held[i]) Assert.Equal(steps[0].Positions[i], x[i]);
    }

    [Fact]
    public void BadIndexIsNamed()
    {
        var c = new AseConstraints(4);
        Assert.Equal("indices[1]", Assert.Throws<ArgumentOutOfRangeException>(() => c.FixAtoms(0, 4)).ParamName);
        Assert.Equal("atom", Assert.Throws<ArgumentOutOfRangeException>(() => c.FixCartesian(-1, true, true, true)).ParamName);
    }
}
