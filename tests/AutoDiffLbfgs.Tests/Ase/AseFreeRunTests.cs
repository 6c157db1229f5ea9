using AutoDiffLbfgs.Ase;
using Xunit.Abstractions;

namespace AutoDiffLbfgs.Tests.Ase;

/// <summary>
/// Runs the relaxation from the recorded start with the recorded settings and compares with ASE's run: the whole run
/// where it is stable (quad30, lj13), the first 30 steps of the chaotic 38-atom run.
/// </summary>
public class AseFreeRunTests(ITestOutputHelper output)
{
    public static TheoryData<string> StableFixtures => new("quad30__default", "quad30__variant", "lj13_ico__default");

    [Theory]
    [MemberData(nameof(StableFixtures))]
    public void StableRunsMatchAseStepCountEnergyAndPath(string name)
    {
        AseTrajectory run = AseTrajectory.Load(name);
        var (result, frames) = Relax(run, run.Options);

        Assert.True(result.Converged);
        Assert.Equal(run.Converged, result.Converged);
        Assert.Equal(run.StepCount, result.Steps);
        Assert.Equal(run.ForceCalls, result.Evaluations);
        AseAssert.Close(result.Energy, run.Steps[^1].PlainEnergy, 1e-12, "final energy");
        AseAssert.Close(result.Fmax, run.FinalFmax, 1e-8, "final fmax");
        double worst = 0.0;
        for (int k = 0; k < frames.Count; k++) worst = Math.Max(worst, AseAssert.RelativeError(frames[k], run.Steps[k].Positions));
        Assert.True(worst <= 1e-10, $"worst position error along the path {worst:E3}");
        output.WriteLine($"{name}: {result.Steps} steps, E = {result.Energy:R}, worst path error {worst:E2}");
    }

    [Fact]
    public void Lj38FollowsAseForThirtyStepsAndReachesTheSameMinimum()
    {
        AseTrajectory run = AseTrajectory.Load("lj38_box__alpha150");
        var (first, frames) = Relax(run, run.Options with { MaxSteps = 30 });
        Assert.Equal(AseTermination.MaxStepsReached, first.Termination);
        Assert.Equal(31, frames.Count);
        double worst = 0.0;
        for (int k = 0; k <= 30; k++) worst = Math.Max(worst, AseAssert.RelativeError(frames[k], run.Steps[k].Positions));
        Assert.True(worst <= 1e-9, $"worst position error over 30 steps {worst:E3}");

        var (full, _) = Relax(run, run.Options);
        Assert.True(full.Converged);
        AseAssert.Close(full.Energy, run.Steps[^1].PlainEnergy, 1e-9, "final energy");
        output.WriteLine($"lj38: 30-step worst error {worst:E2}; full run {full.Steps} steps (ASE {run.StepCount}), E = {full.Energy:R}");
    }

    private static (AseRelaxationResult Result, List<double[]> Frames) Relax(AseTrajectory run, AseLbfgsOptions options)
    {
        var x = (double[])run.InitialPositions.Clone();
        var frames = new List<double[]>();
        AseRelaxationResult result = run.A is null
            ? AseRelaxation.Relax(new LennardJonesObjective(), x, options, s => frames.Add(s.Positions.ToArray()))
            : AseRelaxation.Relax(new QuadraticObjective(run.A, run.B!), x, options, s => frames.Add(s.Positions.ToArray()));
        return (result, frames);
    }
}
