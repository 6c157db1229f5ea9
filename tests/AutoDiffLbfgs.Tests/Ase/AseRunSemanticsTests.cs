using System.Text.Json;
using AutoDiffLbfgs.Ase;
using Xunit.Abstractions;

namespace AutoDiffLbfgs.Tests.Ase;

/// <summary>
/// ASE 3.22.1's run semantics on the lj13 start (Fixtures/ase/make_run_semantics.py): Fmax = 0 runs a fixed number of
/// steps, Memory = 0 gives plain scaled gradient steps, and a second run with a tighter fmax keeps the memory.
/// Positions are recorded at steps 0–3, every 5th step and the end of each run() call.
/// </summary>
public class AseRunSemanticsTests(ITestOutputHelper output)
{
    private sealed record Call(double Fmax, bool Converged, int NSteps);

    private sealed record SemanticsRun(Call[] Calls, Dictionary<int, double[]> Frames)
    {
        public double[] Start => (double[])Frames[0].Clone();

        /// <summary>Largest relative error of <paramref name="path"/> (positions after 0, 1, … steps, offset by <paramref name="firstStep"/>) at the recorded steps it covers.</summary>
        public double WorstError(List<double[]> path, int firstStep = 0)
        {
            double worst = 0.0;
            int compared = 0;
            foreach (var (step, positions) in Frames)
            {
                int k = step - firstStep;
                if (k < 0 || k >= path.Count) continue;
                worst = Math.Max(worst, AseAssert.RelativeError(path[k], positions));
                compared++;
            }
            Assert.True(compared >= 2, $"only {compared} recorded frames overlap the path");
            return worst;
        }
    }

    private static SemanticsRun Load(string name)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "ase", "run_semantics.json");
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        JsonElement run = doc.RootElement.GetProperty(name);
        return new SemanticsRun(
            run.GetProperty("calls").EnumerateArray().Select(c => new Call(c.GetProperty("fmax").GetDouble(),
                c.GetProperty("converged").GetBoolean(), c.GetProperty("nsteps").GetInt32())).ToArray(),
            run.GetProperty("frames").EnumerateArray().ToDictionary(f => f.GetProperty("step").GetInt32(),
                f => AseTrajectory.Flatten(f.GetProperty("positions"))));
    }

    private const double PathTolerance = 1e-12;

    [Fact]
    public void FmaxZeroRunsExactlyMaxStepsLbfgs()
    {
        SemanticsRun run = Load("lbfgs_fixed_steps");
        double[] x = run.Start;
        var path = new List<double[]>();
        var result = AseRelaxation.Relax(new LennardJonesObjective(), x, new AseLbfgsOptions { Fmax = 0, MaxSteps = 25 },
            s => path.Add(s.Positions.ToArray()));
        Assert.Equal(AseTermination.MaxStepsReached, result.Termination);
        Assert.Equal(run.Calls[0].NSteps, result.Steps);
        Assert.Equal(26, result.Evaluations);
        double worst = run.WorstError(path);
        Assert.True(worst <= PathTolerance, $"path error {worst:E3}");
        output.WriteLine($"LBFGS fmax 0: {result.Steps} steps (ASE {run.Calls[0].NSteps}), worst path error {worst:E2}");
    }

    [Fact]
    public void FmaxZeroRunsExactlyMaxStepsFire()
    {
        SemanticsRun run = Load("fire_fixed_steps");
        double[] x = run.Start;
        var path = new List<double[]>();
        var stepper = new AseFireStepper(x.Length, new AseFireOptions { Fmax = 0, MaxSteps = 25 });
        var result = AseRelaxation.Relax(new LennardJonesObjective(), x, stepper, s => path.Add(s.Positions.ToArray()));
        Assert.Equal(AseTermination.MaxStepsReached, result.Termination);
        Assert.Equal(run.Calls[0].NSteps, result.Steps);
        double worst = run.WorstError(path);
        Assert.True(worst <= PathTolerance, $"path error {worst:E3}");
        output.WriteLine($"FIRE fmax 0: {result.Steps} steps (ASE {run.Calls[0].NSteps}), worst path error {worst:E2}");
    }

    [Fact]
    public void MemoryZeroTakesAsePlainScaledGradientSteps()
    {
        SemanticsRun run = Load("lbfgs_memory0");
        double[] x = run.Start;
        var path = new List<double[]>();
        var options = new AseLbfgsOptions { Memory = 0, MaxSteps = 40 };
        var stepper = new AseLbfgsStepper(x.Length, options);
        var result = AseRelaxation.Relax(new LennardJonesObjective(), x, stepper, s => path.Add(s.Positions.ToArray()));
        Assert.Equal(run.Calls[0].Converged, result.Converged);
        Assert.Equal(run.Calls[0].NSteps, result.Steps);
        Assert.Equal(0, stepper.PairCount);
        double worst = run.WorstError(path);
        Assert.True(worst <= PathTolerance, $"path error {worst:E3}");

        // Each step is −g/alpha, scaled down when its longest atom displacement reaches maxstep.
        var g = new double[x.Length];
        new LennardJonesObjective().ValueAndGradient(path[10], g);
        double longest = Math.Sqrt(Enumerable.Range(0, g.Length / 3).Max(a =>
            g[3 * a] * g[3 * a] + g[3 * a + 1] * g[3 * a + 1] + g[3 * a + 2] * g[3 * a + 2])) / 70.0;
        double factor = longest >= 0.2 ? 0.2 / longest : 1.0;
        for (int i = 0; i < g.Length; i++)
            Assert.Equal(path[10][i] - g[i] / 70.0 * factor, path[11][i], 1e-14);
        output.WriteLine($"memory 0: {result.Steps} steps, {result.Termination}, worst path error {worst:E2}");
    }

    [Fact]
    public void ResumingWithTighterFmaxKeepsTheMemoryAndFollowsAse()
    {
        SemanticsRun run = Load("lbfgs_resume");
        double[] x = run.Start;
        var path = new List<double[]>();
        var stepper = new AseLbfgsStepper(x.Length, new AseLbfgsOptions { Fmax = run.Calls[0].Fmax });
        var first = AseRelaxation.Relax(new LennardJonesObjective(), x, stepper, s => path.Add(s.Positions.ToArray()));
        Assert.True(first.Converged);
        Assert.Equal(run.Calls[0].NSteps, first.Steps);
        double[] resumedFrom = x.ToArray();

        // Step 0 of the second call is the first call's last point, which the path already holds.
        var second = AseRelaxation.Relax(new LennardJonesObjective(), x, stepper, run.Calls[1].Fmax, 2000,
            s => { if (s.Step > 0) path.Add(s.Positions.ToArray()); });
        Assert.True(second.Converged);
        Assert.Equal(run.Calls[1].NSteps, first.Steps + second.Steps);
        double worst = run.WorstError(path);
        Assert.True(worst <= PathTolerance, $"path error {worst:E3}");

        // A fresh stepper from the same point forgets the curvature and leaves ASE's path at once.
        var freshPath = new List<double[]>();
        var fresh = AseRelaxation.Relax(new LennardJonesObjective(), resumedFrom, new AseLbfgsOptions { Fmax = run.Calls[1].Fmax },
            s => freshPath.Add(s.Positions.ToArray()));
        double freshError = AseAssert.RelativeError(freshPath[4], run.Frames[run.Calls[0].NSteps + 4]);
        Assert.True(freshError > 1e-6, $"a fresh stepper stayed on ASE's path ({freshError:E2})");
        output.WriteLine($"resume: {first.Steps} + {second.Steps} steps (ASE {run.Calls[0].NSteps} then {run.Calls[1].NSteps}), " +
            $"worst path error {worst:E2}; fresh stepper {fresh.Steps} steps, off ASE's path by {freshError:E2} after 4 steps");
    }

    [Fact]
    public void BadResumeArgumentsAreNamed()
    {
        var stepper = new AseLbfgsStepper(3);
        double[] x = [0, 0, 0];
        Assert.Equal("fmax", Assert.Throws<ArgumentOutOfRangeException>(() =>
            AseRelaxation.Relax(new LennardJonesObjective(), x, stepper, -1.0, 10)).ParamName);
        Assert.Equal("fmax", Assert.Throws<ArgumentOutOfRangeException>(() =>
            AseRelaxation.Relax(new LennardJonesObjective(), x, stepper, double.NaN, 10)).ParamName);
        Assert.Equal("maxSteps", Assert.Throws<ArgumentOutOfRangeException>(() =>
            AseRelaxation.Relax(new LennardJonesObjective(), x, stepper, 0.05, -1)).ParamName);
    }
}
