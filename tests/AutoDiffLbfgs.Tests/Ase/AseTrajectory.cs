using System.Text.Json;
using AutoDiffLbfgs.Ase;

namespace AutoDiffLbfgs.Tests.Ase;

/// <summary>One recorded ASE 3.22.1 LBFGS run from Fixtures/ase (see the README there). Arrays are flattened atom-major.</summary>
internal sealed class AseTrajectory
{
    public required string Name { get; init; }
    public required AseLbfgsOptions Options { get; init; }
    public required double[] InitialPositions { get; init; }
    public required bool Converged { get; init; }
    public required int StepCount { get; init; }
    public required int ForceCalls { get; init; }
    public required double FinalEnergy { get; init; }
    public required double FinalFmax { get; init; }
    public required RecordedStep[] Steps { get; init; }
    /// <summary>quad30 only: the matrix A (row-major n×n) and vector b of E = ½xᵀAx − bᵀx.</summary>
    public double[]? A { get; init; }
    public double[]? B { get; init; }

    public int Dimension => InitialPositions.Length;

    public static readonly string[] Names = ["quad30__default", "quad30__variant", "lj13_ico__default", "lj38_box__alpha150"];

    private static readonly Dictionary<string, AseTrajectory> Cache = new();

    public static AseTrajectory Load(string name)
    {
        lock (Cache)
        {
            if (Cache.TryGetValue(name, out var cached)) return cached;
            string path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "ase", name + ".json");
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            JsonElement root = doc.RootElement;
            JsonElement p = root.GetProperty("optimizer_params");
            var trajectory = new AseTrajectory
            {
                Name = name,
                Options = new AseLbfgsOptions
                {
                    MaxStep = p.GetProperty("maxstep").GetDouble(),
                    Memory = p.GetProperty("memory").GetInt32(),
                    Damping = p.GetProperty("damping").GetDouble(),
                    Alpha = p.GetProperty("alpha").GetDouble(),
                    Fmax = root.GetProperty("fmax").GetDouble(),
                    MaxSteps = 2000,
                },
                InitialPositions = Flatten(root.GetProperty("initial_positions")),
                Converged = root.GetProperty("converged").GetBoolean(),
                StepCount = root.GetProperty("nsteps").GetInt32(),
                ForceCalls = root.GetProperty("force_calls").GetInt32(),
                FinalEnergy = root.GetProperty("final_energy").GetDouble(),
                FinalFmax = root.GetProperty("final_fmax").GetDouble(),
                Steps = root.GetProperty("steps").EnumerateArray().Select(RecordedStep.Parse).ToArray(),
                A = root.TryGetProperty("A", out var a) ? Flatten(a) : null,
                B = root.TryGetProperty("b", out var b) ? Flatten(b) : null,
            };
            Cache[name] = trajectory;
            return trajectory;
        }
    }

    /// <summary>The objective the run used: the quadratic for quad30, the plain 12-6 Lennard-Jones otherwise.</summary>
    public double Energy(ReadOnlySpan<double> x, Span<double> gradient) =>
        A is null ? new LennardJonesObjective().ValueAndGradient(x, gradient) : new QuadraticObjective(A, B!).ValueAndGradient(x, gradient);

    /// <summary>Flattens nested JSON arrays of numbers in document order.</summary>
    public static double[] Flatten(JsonElement e)
    {
        var list = new List<double>();
        void Walk(JsonElement v)
        {
            if (v.ValueKind == JsonValueKind.Array) foreach (var c in v.EnumerateArray()) Walk(c);
            else list.Add(v.GetDouble());
        }
        Walk(e);
        return list.ToArray();
    }
}

/// <summary>Step k of a recorded run: the state after k steps. Gradient = −forces.</summary>
internal sealed record RecordedStep(int Step, double Energy, double? EnergyPlain, double Fmax, double[] Positions, double[] Gradient)
{
    public static RecordedStep Parse(JsonElement e) => new(
        e.GetProperty("step").GetInt32(),
        e.GetProperty("energy").GetDouble(),
        e.TryGetProperty("energy_plain", out var plain) ? plain.GetDouble() : null,
        e.GetProperty("fmax").GetDouble(),
        AseTrajectory.Flatten(e.GetProperty("positions")),
        AseTrajectory.Flatten(e.GetProperty("forces")).Select(f => -f).ToArray());

    /// <summary>The energy of the plain 12-6 sum when recorded (Lennard-Jones), else ASE's energy.</summary>
    public double PlainEnergy => EnergyPlain ?? Energy;
}
