using AutoDiffLbfgs.Ase;
using AutoDiffLbfgs.IO;
using Xunit.Abstractions;

namespace AutoDiffLbfgs.Tests.Ase;

/// <summary>
/// The generated periodic Lennard-Jones against ASE 3.22.1's <c>LennardJones(rc=2.5, smooth=False/True)</c> on a
/// 31-atom fcc crystal with a vacancy (cell 3.12, smaller than twice the cutoff, so several images of each atom
/// interact), and ASE's LBFGS positions-only run on it.
/// </summary>
public class PeriodicLennardJonesTests(ITestOutputHelper output)
{
    public static TheoryData<string> Runs => new(PeriodicTrajectory.Names);

    [Theory]
    [MemberData(nameof(Runs))]
    public void EnergyAndForcesEqualAseAtEveryRecordedFrame(string name)
    {
        PeriodicTrajectory run = PeriodicTrajectory.Load(name);
        var objective = run.Objective();
        var gradient = new double[run.Dimension];
        double worstE = 0.0, worstF = 0.0;
        foreach (RecordedStep step in run.Steps)
        {
            double e = objective.ValueAndGradient(step.Positions, gradient);
            worstE = Math.Max(worstE, Math.Abs(e - step.Energy) / Math.Abs(step.Energy));
            worstF = Math.Max(worstF, AseAssert.RelativeError(gradient, step.Gradient));
            Assert.Equal(e, objective.Value(step.Positions));
        }
        output.WriteLine($"{name}: energy {worstE:E2}, forces {worstF:E2} (worst relative), {objective.Pairs.Builds} list builds");
        Assert.True(worstE <= 1e-12, $"energy relative error {worstE:E3}");
        Assert.True(worstF <= 1e-12, $"force relative error {worstF:E3}");
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void StepperPredictsEveryRecordedNextFrame(string name)
    {
        PeriodicTrajectory run = PeriodicTrajectory.Load(name);
        var stepper = new AseLbfgsStepper(run.Dimension, run.Options);
        var predicted = new double[run.Dimension];
        double worst = 0.0;
        for (int k = 0; k + 1 < run.Steps.Length; k++)
        {
            stepper.Step(run.Steps[k].Positions, run.Steps[k].Gradient, predicted);
            worst = Math.Max(worst, AseAssert.RelativeError(predicted, run.Steps[k + 1].Positions));
        }
        output.WriteLine($"{name}: {run.StepCount} steps replayed, worst relative error {worst:E2}");
        Assert.True(worst <= 1e-12, $"replay relative error {worst:E3}");
        Assert.Equal(run.StepCount, stepper.Iteration);
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void FreeRunTakesAseStepsToAseEndPoint(string name)
    {
        PeriodicTrajectory run = PeriodicTrajectory.Load(name);
        var x = (double[])run.Steps[0].Positions.Clone();
        var result = AseRelaxation.Relax(run.Objective(), x, run.Options);
        Assert.True(result.Converged);
        Assert.Equal(run.StepCount, result.Steps);
        AseAssert.Close(result.Energy, run.Steps[^1].Energy, 1e-12, "final energy");
        double path = AseAssert.RelativeError(x, run.Steps[^1].Positions);
        output.WriteLine($"{name}: {result.Steps} steps, end point within {path:E2}");
        Assert.True(path <= 1e-10, $"final positions relative error {path:E3}");
    }

    [Fact]
    public void GeneratedGradientMatchesCentralDifferences()
    {
        // Smooth cutoff (C¹), random rattles of the recorded start; h = 1e-5 gives a truncation error ~h²·|E'''| ≈
        // 1e-8 relative to forces of order 10, far below the 1e-6 tolerance and far above rounding (1e-16·E/h ≈ 2e-9).
        PeriodicTrajectory run = PeriodicTrajectory.Load("fcc_vacancy__smooth");
        var rng = new Random(1717);
        for (int trial = 0; trial < 3; trial++)
        {
            var x = run.Steps[0].Positions.Select(v => v + 0.03 * (rng.NextDouble() - 0.5)).ToArray();
            var objective = run.Objective();
            var gradient = new double[x.Length];
            objective.ValueAndGradient(x, gradient);
            const double h = 1e-5;
            for (int i = 0; i < x.Length; i += 7)
            {
                double keep = x[i];
                x[i] = keep + h; double ep = objective.Value(x);
                x[i] = keep - h; double em = objective.Value(x);
                x[i] = keep;
                double fd = (ep - em) / (2 * h);
                Assert.True(Math.Abs(fd - gradient[i]) <= 1e-6 * Math.Max(1.0, Math.Abs(gradient[i])),
                    $"trial {trial}, coordinate {i}: generated {gradient[i]:R}, central difference {fd:R}");
            }
        }
    }

    [Fact]
    public void PairListCountsEveryImageOnceAgainstBruteForce()
    {
        // Σ over the list of pairs within rc equals the brute-force count over all atom pairs and images
        // (|n| ≤ 3 per axis covers 2.8 in a 3.12 cell), each unordered interaction once.
        PeriodicTrajectory run = PeriodicTrajectory.Load("fcc_vacancy__sharp");
        double[] x = run.Steps[0].Positions;
        var list = new PeriodicPairList(run.Cell, run.Pbc, 2.5);
        list.Build(x);
        int atoms = x.Length / 3, listed = 0, brute = 0;
        for (int p = 0; p < list.Count; p++)
            if (Distance2(x, list.First[p], list.Second[p], list.Shifts[3 * p], list.Shifts[3 * p + 1], list.Shifts[3 * p + 2]) <= 6.25) listed++;
        for (int i = 0; i < atoms; i++)
            for (int j = 0; j < atoms; j++)
                for (int a = -3; a <= 3; a++)
                    for (int b = -3; b <= 3; b++)
                        for (int c = -3; c <= 3; c++)
                        {
                            if (i == j && a == 0 && b == 0 && c == 0) continue;
                            if (Distance2(x, i, j, 3.12 * a, 3.12 * b, 3.12 * c) <= 6.25) brute++;
                        }
        Assert.Equal(brute, 2 * listed);
        Assert.False(list.Update(x));
        x = (double[])x.Clone();
        x[0] += 0.16;
        Assert.True(list.Update(x));
        Assert.Equal(2, list.Builds);
    }

    private static double Distance2(double[] x, int i, int j, double sx, double sy, double sz)
    {
        double dx = x[3 * j] + sx - x[3 * i], dy = x[3 * j + 1] + sy - x[3 * i + 1], dz = x[3 * j + 2] + sz - x[3 * i + 2];
        return dx * dx + dy * dy + dz * dz;
    }

    [Fact]
    public void PairListRejectsBadArguments()
    {
        double[] cell = [3, 0, 0, 0, 3, 0, 0, 0, 3];
        bool[] pbc = [true, true, true];
        Assert.Equal("cell", Assert.Throws<ArgumentException>(() => new PeriodicPairList(cell.AsSpan(0, 8), pbc, 2.5)).ParamName);
        Assert.Equal("cell", Assert.Throws<ArgumentException>(() => new PeriodicPairList(new double[9], pbc, 2.5)).ParamName);
        Assert.Equal("pbc", Assert.Throws<ArgumentException>(() => new PeriodicPairList(cell, pbc.AsSpan(0, 2), 2.5)).ParamName);
        Assert.Equal("cutoff", Assert.Throws<ArgumentOutOfRangeException>(() => new PeriodicPairList(cell, pbc, 0.0)).ParamName);
        Assert.Equal("skin", Assert.Throws<ArgumentOutOfRangeException>(() => new PeriodicPairList(cell, pbc, 2.5, -1)).ParamName);
        var list = new PeriodicPairList(cell, pbc, 2.5);
        Assert.Equal("positions", Assert.Throws<ArgumentException>(() => list.Update(new double[4])).ParamName);
    }
}
