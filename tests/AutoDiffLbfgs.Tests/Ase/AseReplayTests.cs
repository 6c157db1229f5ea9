using AutoDiffLbfgs.Ase;
using Xunit.Abstractions;

namespace AutoDiffLbfgs.Tests.Ase;

/// <summary>
/// Feeds every recorded ASE trajectory, frame by frame, into the stepper: after frames 0..k it must predict the
/// positions of frame k + 1. The arithmetic differs from numpy only in the summation order of dot products.
/// </summary>
public class AseReplayTests(ITestOutputHelper output)
{
    public static TheoryData<string> Fixtures => new(AseTrajectory.Names);

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void StepperPredictsEveryRecordedNextFrame(string name)
    {
        AseTrajectory run = AseTrajectory.Load(name);
        var stepper = new AseLbfgsStepper(run.Dimension, run.Options);
        var predicted = new double[run.Dimension];
        double worst = 0.0;
        for (int k = 0; k + 1 < run.Steps.Length; k++)
        {
            stepper.Step(run.Steps[k].Positions, run.Steps[k].Gradient, predicted);
            double error = AseAssert.RelativeError(predicted, run.Steps[k + 1].Positions);
            Assert.True(error <= 1e-12, $"{name}: step {k} -> {k + 1} relative error {error:E3}");
            worst = Math.Max(worst, error);
        }
        Assert.Equal(run.StepCount, stepper.Iteration);
        Assert.Equal(Math.Min(run.StepCount - 1, run.Options.Memory), stepper.PairCount);
        output.WriteLine($"{name}: {run.StepCount} steps replayed, worst relative error {worst:E2}");
    }

    [Fact]
    public void RecordedFirstFrameIsTheInitialPositions()
    {
        foreach (string name in AseTrajectory.Names)
        {
            AseTrajectory run = AseTrajectory.Load(name);
            Assert.Equal(run.InitialPositions, run.Steps[0].Positions);
        }
    }
}
