using System.Text.Json;
using AutoDiffLbfgs.Ase;

namespace AutoDiffLbfgs.Tests.Ase;

/// <summary>One periodic ASE 3.22.1 LBFGS run from Fixtures/ase (made by make_periodic.py there).</summary>
internal sealed class PeriodicTrajectory
{
    public required string Name { get; init; }
    public required AseLbfgsOptions Options { get; init; }
    public required double[] Cell { get; init; }
    public required bool[] Pbc { get; init; }
    public required double Rc { get; init; }
    public required double Ro { get; init; }
    public required bool Smooth { get; init; }
    public required int StepCount { get; init; }
    public required RecordedStep[] Steps { get; init; }

    public int Dimension => Steps[0].Positions.Length;

    public static readonly string[] Names = ["fcc_vacancy__sharp", "fcc_vacancy__smooth"];

    public PeriodicLennardJonesObjective Objective() => new(Cell, Pbc, Rc, Ro, Smooth);

    public static PeriodicTrajectory Load(string name)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "ase", name + ".json");
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        JsonElement root = doc.RootElement;
        JsonElement p = root.GetProperty("optimizer_params");
        return new PeriodicTrajectory
        {
            Name = name,
            Options = new AseLbfgsOptions
            {
                MaxStep = p.GetProperty("maxstep").GetDouble(),
                Memory = p.GetProperty("memory").GetInt32(),
                Damping = p.GetProperty("damping").GetDouble(),
                Alpha = p.GetProperty("alpha").GetDouble(),
                Fmax = root.GetProperty("fmax").GetDouble(),
                MaxSteps = 500,
            },
            Cell = AseTrajectory.Flatten(root.GetProperty("cell")),
            Pbc = root.GetProperty("pbc").EnumerateArray().Select(e => e.GetBoolean()).ToArray(),
            Rc = root.GetProperty("rc").GetDouble(),
            Ro = root.GetProperty("ro").GetDouble(),
            Smooth = root.GetProperty("smooth").GetBoolean(),
            StepCount = root.GetProperty("nsteps").GetInt32(),
            Steps = root.GetProperty("steps").EnumerateArray().Select(RecordedStep.Parse).ToArray(),
        };
    }
}
