using System.Text.Json;
using AutoDiffLbfgs.Ase;
using AutoDiffLbfgs.Tests.Gradients.Checking;
using AutoDiffLbfgs.Tests.Infrastructure;
using Xunit.Abstractions;

namespace AutoDiffLbfgs.Tests.Ase;

/// <summary>
/// ASE 3.22.1's UnitCellFilter and ExpCellFilter on a strained, rattled 8-atom periodic Lennard-Jones crystal
/// (Fixtures/ase/make_cell_filters.py; LBFGS with alpha 300 and FIRE with its defaults), against
/// <see cref="AseCellFilter{TObjective}"/> over the generated energy of positions and cell.
/// </summary>
public class AseCellFilterTests(ITestOutputHelper output)
{
    internal sealed record CellStep(int Step, double Energy, double Fmax, double[] X, double[]? Cell, double[]? Gradient, double[]? Positions);

    internal sealed record CellRun(string Name, AseCellFilterOptions Options, bool Fire, double Alpha, double Fmax, int MaxSteps,
        double[] StartPositions, double[] StartCell, bool Converged, int StepCount, CellStep[] Steps)
    {
        public int Atoms => StartPositions.Length / 3;

        public AseCellFilter<PeriodicLennardJonesCellObjective> Filter() =>
            new(new PeriodicLennardJonesCellObjective(Atoms, StartCell, [true, true, true]), Atoms, StartCell, Options);

        public AseLbfgsOptions LbfgsOptions => new() { Alpha = Alpha, Fmax = Fmax, MaxSteps = MaxSteps };

        public AseFireOptions FireOptions => new() { Fmax = Fmax, MaxSteps = MaxSteps };
    }

    private static readonly Dictionary<string, CellRun> Cache = new();

    internal static CellRun Load(string name)
    {
        lock (Cache)
        {
            if (Cache.TryGetValue(name, out var cached)) return cached;
            string path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "ase", "cell_filters.json");
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            JsonElement r = doc.RootElement.GetProperty(name);
            JsonElement s = r.GetProperty("settings");
            var options = new AseCellFilterOptions
            {
                Kind = r.GetProperty("kind").GetString() == "unit" ? AseCellFilterKind.UnitCell : AseCellFilterKind.ExpCell,
                Mask = s.TryGetProperty("mask", out var mask) ? AseTrajectory.Flatten(mask) : null,
                ScalarPressure = s.TryGetProperty("scalar_pressure", out var p) ? p.GetDouble() : 0.0,
                HydrostaticStrain = s.TryGetProperty("hydrostatic_strain", out var h) && h.GetBoolean(),
                ConstantVolume = s.TryGetProperty("constant_volume", out var cv) && cv.GetBoolean(),
            };
            double[]? Optional(JsonElement e, string key) => e.TryGetProperty(key, out var v) ? AseTrajectory.Flatten(v) : null;
            var run = new CellRun(name, options, r.GetProperty("optimizer").GetString() == "fire", r.GetProperty("alpha").GetDouble(),
                r.GetProperty("fmax").GetDouble(), r.GetProperty("max_steps").GetInt32(),
                AseTrajectory.Flatten(r.GetProperty("start_positions")), AseTrajectory.Flatten(r.GetProperty("start_cell")),
                r.GetProperty("converged").GetBoolean(), r.GetProperty("nsteps").GetInt32(),
                r.GetProperty("steps").EnumerateArray().Select(e => new CellStep(e.GetProperty("step").GetInt32(),
                    e.GetProperty("energy").GetDouble(), e.GetProperty("fmax").GetDouble(), AseTrajectory.Flatten(e.GetProperty("x")),
                    Optional(e, "cell"), Optional(e, "forces")?.Select(f => -f).ToArray(), Optional(e, "positions"))).ToArray());
            Cache[name] = run;
            return run;
        }
    }

    public static TheoryData<string> Runs => new(["ucf", "ecf", "ucf_mask_pressure", "ecf_hydrostatic_pressure",
        "ucf_constant_volume_fire", "ecf_constant_volume_fire"]);

    public static TheoryData<string> LbfgsRuns => new(["ucf", "ecf", "ucf_mask_pressure", "ecf_hydrostatic_pressure"]);

    private const double Tolerance = 1e-12;

    [Theory]
    [MemberData(nameof(Runs))]
    public void FilterEnergyForcesCellAndPositionsEqualAseAtRecordedSteps(string name)
    {
        CellRun run = Load(name);
        var filter = run.Filter();
        var g = new double[filter.Dimension];
        double worstForce = 0.0;
        foreach (CellStep step in run.Steps)
        {
            double e = filter.ValueAndGradient(step.X, g);
            AseAssert.Close(e, step.Energy, Tolerance, $"{name} step {step.Step} energy");
            AseAssert.Close(Math.Sqrt(AtomNorms.MaxSquared(g, 3)), step.Fmax, 1e-9, $"{name} step {step.Step} fmax");
            if (step.Gradient is not null)
            {
                worstForce = Math.Max(worstForce, AseAssert.RelativeError(g, step.Gradient));
                AseAssert.Close(g, step.Gradient, Tolerance, $"{name} step {step.Step} filter forces");
                AseAssert.Close(filter.Cell, step.Cell!, Tolerance, $"{name} step {step.Step} cell");
                AseAssert.Close(filter.Positions, step.Positions!, Tolerance, $"{name} step {step.Step} positions");
            }
        }
        output.WriteLine($"{name}: {run.Steps.Length} recorded steps, worst filter-force error {worstForce:E2}");
    }

    [Theory]
    [MemberData(nameof(LbfgsRuns))]
    public void LbfgsStepperPredictsEveryRecordedNextStep(string name)
    {
        CellRun run = Load(name);
        var filter = run.Filter();
        var stepper = new AseLbfgsStepper(filter.Dimension, run.LbfgsOptions);
        var g = new double[filter.Dimension];
        var predicted = new double[filter.Dimension];
        Assert.Equal(run.StepCount + 1, run.Steps.Length);
        double worst = 0.0;
        for (int k = 0; k + 1 < run.Steps.Length; k++)
        {
            filter.ValueAndGradient(run.Steps[k].X, g);
            stepper.Step(run.Steps[k].X, g, predicted);
            double error = AseAssert.RelativeError(predicted, run.Steps[k + 1].X);
            Assert.True(error <= Tolerance, $"{name}: step {k} -> {k + 1} relative error {error:E3}");
            worst = Math.Max(worst, error);
        }
        output.WriteLine($"{name}: {run.StepCount} steps replayed, worst relative error {worst:E2}");
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void FreeRunTakesAseStepsToAseEndPoint(string name)
    {
        CellRun run = Load(name);
        var filter = run.Filter();
        var x = new double[filter.Dimension];
        filter.GetCoordinates(run.StartPositions, run.StartCell, x);
        AseAssert.Close(x, run.Steps[0].X, Tolerance, "start coordinates");
        var path = new List<double[]>();
        AseStepCallback record = s => path.Add(s.Positions.ToArray());
        AseRelaxationResult result = run.Fire
            ? AseRelaxation.Relax(filter, x, new AseFireStepper(x.Length, run.FireOptions), record)
            : AseRelaxation.Relax(filter, x, run.LbfgsOptions, record);
        Assert.Equal(run.Converged, result.Converged);
        Assert.Equal(run.StepCount, result.Steps);
        double worst = 0.0;
        foreach (CellStep step in run.Steps) worst = Math.Max(worst, AseAssert.RelativeError(path[step.Step], step.X));
        Assert.True(worst <= 1e-10, $"{name}: worst path error {worst:E3}");
        AseAssert.Close(filter.Cell, run.Steps[^1].Cell!, 1e-10, "final cell");
        output.WriteLine($"{name}: {result.Steps} steps (ASE {run.StepCount}), E = {result.Energy:R}, worst path error {worst:E2}");
    }

    [Theory]
    [InlineData(AseCellFilterKind.UnitCell, 0.0)]
    [InlineData(AseCellFilterKind.UnitCell, 0.5)]
    [InlineData(AseCellFilterKind.ExpCell, 0.0)]
    [InlineData(AseCellFilterKind.ExpCell, 0.5)]
    public void FilterGradientMatchesCentralDifferences(AseCellFilterKind kind, double pressure)
    {
        // UnitCell's cell force is the exact derivative everywhere; ExpCell's is the virial, exact at U = 0 only, so
        // its points keep the cell coordinates at 0 and move the atoms. The smooth cutoff keeps E continuously
        // differentiable: with the sharp one, hundreds of image pairs lie near rc and a pair crossing it inside the
        // stencil (E' jumps there) spoils the differences.
        CellRun run = Load("ucf");
        var filter = new AseCellFilter<PeriodicLennardJonesCellObjective>(
            new PeriodicLennardJonesCellObjective(run.Atoms, run.StartCell, [true, true, true], smooth: true), run.Atoms, run.StartCell,
            new AseCellFilterOptions { Kind = kind, ScalarPressure = pressure });
        var random = new Random(17);
        var g = new double[filter.Dimension];
        for (int point = 0; point < 4; point++)
        {
            var x = new double[filter.Dimension];
            filter.GetCoordinates(run.StartPositions, run.StartCell, x);
            for (int i = 0; i < 3 * run.Atoms; i++) x[i] += 0.02 * (random.NextDouble() - 0.5);
            if (kind == AseCellFilterKind.UnitCell)
                for (int i = 3 * run.Atoms; i < x.Length; i++) x[i] += 0.02 * run.Atoms * (random.NextDouble() - 0.5);
            filter.ValueAndGradient(x, g);
            double[] fd = FiniteDifference.Gradient(p => filter.Value(p), x, 1e-5, out double scale);
            for (int i = 0; i < x.Length; i++)
                Assert.True(Math.Abs(g[i] - fd[i]) <= 1e-7 * Math.Max(1.0, scale),
                    $"{kind} p={pressure} point {point} coordinate {i}: {g[i]:R} vs {fd[i]:R}");
        }
    }

    [Fact]
    public void GeneratedCellEnergyGradientMatchesCentralDifferences()
    {
        CellRun run = Load("ucf");
        var objective = new PeriodicLennardJonesCellObjective(run.Atoms, run.StartCell, [true, true, true], smooth: true);
        var random = new Random(5);
        int n = 3 * run.Atoms + 9;
        var g = new double[n];
        for (int point = 0; point < 4; point++)
        {
            double[] v = [.. run.StartPositions, .. run.StartCell];
            for (int i = 0; i < n; i++) v[i] += 0.02 * (random.NextDouble() - 0.5);
            objective.ValueAndGradient(v, g);
            double[] fd = FiniteDifference.Gradient(p => objective.Value(p), v, 1e-5, out double scale);
            for (int i = 0; i < n; i++)
                Assert.True(Math.Abs(g[i] - fd[i]) <= 1e-7 * Math.Max(1.0, scale), $"point {point} variable {i}: {g[i]:R} vs {fd[i]:R}");
        }
    }

    [Fact]
    public void MatrixExponentialAndLogarithmAreInverseAndTheBlockGivesTheFrechetDerivative()
    {
        // exp of a rotation generator is the rotation.
        double t = 0.7;
        double[] generator = [0, -t, 0, t, 0, 0, 0, 0, 0], rotation = new double[9];
        CellMatrices.Exp(generator, rotation, 3);
        AseAssert.Close(rotation, [Math.Cos(t), -Math.Sin(t), 0, Math.Sin(t), Math.Cos(t), 0, 0, 0, 1], 4e-16, "rotation");

        var random = new Random(3);
        double[] u = Enumerable.Range(0, 9).Select(_ => 0.3 * (random.NextDouble() - 0.5)).ToArray();
        double[] e = new double[9], back = new double[9];
        CellMatrices.Exp(u, e, 3);
        Assert.True(CellMatrices.Log3(e, back));
        AseAssert.Close(back, u, 1e-15, "log(exp(U))");

        // Top-right block of exp([[U, V], [0, U]]) = L(U, V) = d/dh exp(U + hV) at 0.
        double[] v = Enumerable.Range(0, 9).Select(_ => random.NextDouble() - 0.5).ToArray();
        var block = new double[36];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
            {
                block[6 * i + j] = block[6 * (i + 3) + j + 3] = u[3 * i + j];
                block[6 * i + j + 3] = v[3 * i + j];
            }
        var expBlock = new double[36];
        CellMatrices.Exp(block, expBlock, 6);
        const double h = 1e-5;
        double[] plus = new double[9], minus = new double[9];
        CellMatrices.Exp(u.Zip(v, (a, b) => a + h * b).ToArray(), plus, 3);
        CellMatrices.Exp(u.Zip(v, (a, b) => a - h * b).ToArray(), minus, 3);
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                Assert.Equal((plus[3 * i + j] - minus[3 * i + j]) / (2 * h), expBlock[6 * i + j + 3], 1e-9);
    }

    [Fact]
    public void ValueAndGradientAllocatesNothingAsTheCellChanges()
    {
        CellRun run = Load("ecf");
        var filter = run.Filter();
        var g = new double[filter.Dimension];
        void Sweep()
        {
            foreach (CellStep step in run.Steps) filter.ValueAndGradient(step.X, g);
        }
        Sweep();
        Sweep();
        int before = filter.Dimension;
        Assert.Equal(0, Allocations.Minimum(Sweep));
        Assert.Equal(before, filter.Dimension);
    }

    [Fact]
    public void BadSettingsAndArgumentsAreNamed()
    {
        CellRun run = Load("ucf");
        var energy = new PeriodicLennardJonesCellObjective(run.Atoms, run.StartCell, [true, true, true]);
        AseCellFilter<PeriodicLennardJonesCellObjective> Make(AseCellFilterOptions o) => new(energy, run.Atoms, run.StartCell, o);
        Assert.Equal("Mask", Assert.Throws<ArgumentException>(() => Make(new() { Mask = [1, 1, 1, 1, 1] })).ParamName);
        Assert.Equal("Mask", Assert.Throws<ArgumentOutOfRangeException>(() => Make(new() { Mask = [1, 1, 1, 1, 1, double.NaN] })).ParamName);
        Assert.Equal("CellFactor", Assert.Throws<ArgumentOutOfRangeException>(() => Make(new() { CellFactor = 0 })).ParamName);
        Assert.Equal("ScalarPressure", Assert.Throws<ArgumentOutOfRangeException>(() => Make(new() { ScalarPressure = double.PositiveInfinity })).ParamName);
        Assert.Equal("Kind", Assert.Throws<ArgumentOutOfRangeException>(() => Make(new() { Kind = (AseCellFilterKind)7 })).ParamName);
        Assert.Equal("atomCount", Assert.Throws<ArgumentOutOfRangeException>(() =>
            new AseCellFilter<PeriodicLennardJonesCellObjective>(energy, 0, run.StartCell)).ParamName);
        Assert.Equal("originalCell", Assert.Throws<ArgumentException>(() =>
            new AseCellFilter<PeriodicLennardJonesCellObjective>(energy, run.Atoms, new double[9])).ParamName);
        var filter = Make(new());
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => filter.Value(new double[5])).ParamName);
        Assert.Equal("cell", Assert.Throws<ArgumentException>(() =>
            filter.GetCoordinates(run.StartPositions, new double[9], new double[filter.Dimension])).ParamName);
    }
}
