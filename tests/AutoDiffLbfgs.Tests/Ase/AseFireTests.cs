using System.Text.Json;
using AutoDiffLbfgs.Ase;
using Xunit.Abstractions;

namespace AutoDiffLbfgs.Tests.Ase;

/// <summary>
/// FIRE against ASE 3.22.1's runs (Fixtures/ase/make_fire.py, ASE's defaults, fmax 1e-3): the lj13 start as a free
/// cluster (LennardJones rc=100) and the periodic fcc vacancy (rc=2.5), both with the generated periodic potential.
/// </summary>
public class AseFireTests(ITestOutputHelper output)
{
    private sealed record FireRun(double[] Cell, bool[] Pbc, double Rc, double Fmax, int StepCount, double FinalDt,
        double FinalA, RecordedStep[] Steps)
    {
        public PeriodicLennardJonesObjective Objective() => new(Cell, Pbc, Rc);
        public AseFireOptions Options => new() { Fmax = Fmax, MaxSteps = 200 };
    }

    private static FireRun Load(string name)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "ase", name + ".json");
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        JsonElement r = doc.RootElement;
        double[] cell = AseTrajectory.Flatten(r.GetProperty("cell"));
        // The free cluster has no cell in ASE; any invertible cell does for a list without periodic images.
        if (cell.All(c => c == 0.0)) cell = [50, 0, 0, 0, 50, 0, 0, 0, 50];
        return new FireRun(cell, r.GetProperty("pbc").EnumerateArray().Select(e => e.GetBoolean()).ToArray(),
            r.GetProperty("rc").GetDouble(), r.GetProperty("fmax").GetDouble(), r.GetProperty("nsteps").GetInt32(),
            r.GetProperty("final_dt").GetDouble(), r.GetProperty("final_a").GetDouble(),
            r.GetProperty("steps").EnumerateArray().Select(RecordedStep.Parse).ToArray());
    }

    public static TheoryData<string> Runs => new(["fire_lj13", "fire_fcc_vacancy"]);

    [Theory]
    [MemberData(nameof(Runs))]
    public void StepperPredictsEveryRecordedNextFrame(string name)
    {
        FireRun run = Load(name);
        var stepper = new AseFireStepper(run.Steps[0].Positions.Length, run.Options);
        var predicted = new double[stepper.Dimension];
        double worst = 0.0;
        for (int k = 0; k + 1 < run.Steps.Length; k++)
        {
            stepper.Step(run.Steps[k].Positions, run.Steps[k].Gradient, predicted);
            double error = AseAssert.RelativeError(predicted, run.Steps[k + 1].Positions);
            Assert.True(error <= 1e-12, $"{name}: step {k} -> {k + 1} relative error {error:E3}");
            worst = Math.Max(worst, error);
        }
        Assert.Equal(run.StepCount, stepper.Iteration);
        AseAssert.Close(stepper.Dt, run.FinalDt, 1e-15, "dt");
        AseAssert.Close(stepper.A, run.FinalA, 1e-15, "a");
        output.WriteLine($"{name}: {run.StepCount} steps replayed, worst relative error {worst:E2}, final dt {stepper.Dt}");
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void EnergyAndForcesEqualAseAtEveryRecordedFrame(string name)
    {
        FireRun run = Load(name);
        var objective = run.Objective();
        var g = new double[run.Steps[0].Positions.Length];
        foreach (RecordedStep step in run.Steps)
        {
            double e = objective.ValueAndGradient(step.Positions, g);
            AseAssert.Close(e, step.Energy, 1e-12, $"step {step.Step} energy");
            AseAssert.Close(g, step.Gradient, 1e-12, $"step {step.Step} forces");
        }
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void FreeRunTakesAseStepsToAseEndPoint(string name)
    {
        FireRun run = Load(name);
        var x = (double[])run.Steps[0].Positions.Clone();
        var result = AseRelaxation.Relax(run.Objective(), x, new AseFireStepper(x.Length, run.Options));
        Assert.Equal(AseTermination.Converged, result.Termination);
        Assert.Equal(run.StepCount, result.Steps);
        Assert.Equal(run.StepCount + 1, result.Evaluations);
        double path = AseAssert.RelativeError(x, run.Steps[^1].Positions);
        output.WriteLine($"{name}: {result.Steps} steps (ASE {run.StepCount}), end point within {path:E2}");
        Assert.True(path <= 1e-10, $"end point relative error {path:E3}");
    }

    [Fact]
    public void StepBudgetAndCancellationAreTerminations()
    {
        FireRun run = Load("fire_lj13");
        var x = (double[])run.Steps[0].Positions.Clone();
        var limited = AseRelaxation.Relax(run.Objective(), x, new AseFireStepper(x.Length, run.Options with { MaxSteps = 7 }));
        Assert.Equal(AseTermination.MaxStepsReached, limited.Termination);
        Assert.Equal(7, limited.Steps);
        AseAssert.Close(x, run.Steps[7].Positions, 1e-12, "positions after 7 steps");
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var cancelled = AseRelaxation.Relax(run.Objective(), x, new AseFireStepper(x.Length), null, cts.Token);
        Assert.Equal(AseTermination.Cancelled, cancelled.Termination);
        Assert.Equal(0, cancelled.Steps);
        x[0] = double.NaN;
        var nan = AseRelaxation.Relax(run.Objective(), x, new AseFireStepper(x.Length));
        Assert.Equal(AseTermination.NonFiniteValue, nan.Termination);
    }

    [Theory]
    [InlineData("Dt")]
    [InlineData("MaxStep")]
    [InlineData("DtMax")]
    [InlineData("NMin")]
    [InlineData("FInc")]
    [InlineData("FDec")]
    [InlineData("AStart")]
    [InlineData("Fa")]
    [InlineData("A")]
    [InlineData("Fmax")]
    [InlineData("MaxSteps")]
    [InlineData("GroupSize")]
    public void BadOptionIsNamed(string property)
    {
        var o = new AseFireOptions();
        AseFireOptions bad = property switch
        {
            "Dt" => o with { Dt = 0 },
            "MaxStep" => o with { MaxStep = -1 },
            "DtMax" => o with { DtMax = 0.05 },
            "NMin" => o with { NMin = -1 },
            "FInc" => o with { FInc = 1.0 },
            "FDec" => o with { FDec = 1.0 },
            "AStart" => o with { AStart = 1.5 },
            "Fa" => o with { Fa = 0 },
            "A" => o with { A = -0.1 },
            "Fmax" => o with { Fmax = double.NaN },
            "MaxSteps" => o with { MaxSteps = -1 },
            _ => o with { GroupSize = 2 },
        };
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new AseFireStepper(9, bad));
        Assert.Equal(property, e.ParamName);
    }
}
