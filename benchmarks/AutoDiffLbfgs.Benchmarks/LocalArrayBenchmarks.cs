using BenchmarkDotNet.Attributes;

namespace AutoDiffLbfgs.Benchmarks;

/// <summary>
/// Issue 8's overwritten local arrays: an ODE calibration whose Euler recurrence lives in a <c>stackalloc</c> array
/// (every step reads the one before, so the array is kept with an undo log and the loop is taped), timed as the
/// objective alone (the baseline), the generated value-and-gradient, and a hand-written adjoint that stores the
/// trajectory once and runs one reverse loop.
/// Run: <c>dotnet run -c Release --project benchmarks/AutoDiffLbfgs.Benchmarks -- --filter *LocalArrayBenchmarks* --inProcess</c>.
/// </summary>
[MemoryDiagnoser]
public class LocalArrayBenchmarks
{
    private readonly double[] _x = [0.8, 0.5, 1.2];
    private readonly double[] _gradient = new double[3];
    private double[] _observed = [];

    /// <summary>Euler steps in the trajectory.</summary>
    [Params(1_000)]
    public int Steps { get; set; }

    /// <summary>Builds observations and checks generated against hand-written before anything is timed.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(3);
        _observed = [.. Enumerable.Range(0, Steps).Select(k => Math.Exp(-0.002 * k) + 0.05 * (random.NextDouble() - 0.5))];
        var generated = new double[3];
        var handWritten = new double[3];
        double a = LocalArrayObjectives.EulerCalibrationGradient(_x, generated, _observed);
        double b = HandWritten(_x, handWritten, _observed);
        double scale = Math.Max(1.0, handWritten.Max(Math.Abs));
        if (Math.Abs(a - b) > 1e-10 * Math.Max(1.0, Math.Abs(b)) || generated.Zip(handWritten).Any(p => Math.Abs(p.First - p.Second) > 1e-9 * scale))
        {
            throw new InvalidOperationException("Generated and hand-written gradients disagree; the comparison would be meaningless.");
        }
    }

    /// <summary>f(x) alone.</summary>
    [Benchmark(Baseline = true)]
    public double Objective() => LocalArrayObjectives.EulerCalibration(_x, _observed);

    /// <summary>The generated value and gradient.</summary>
    [Benchmark]
    public double Generated() => LocalArrayObjectives.EulerCalibrationGradient(_x, _gradient, _observed);

    /// <summary>The hand-written value and gradient.</summary>
    [Benchmark]
    public double HandWrittenGradient() => HandWritten(_x, _gradient, _observed);

    /// <summary>Stores the trajectory, then one reverse loop carries the adjoint of y back through the steps.</summary>
    private static double HandWritten(ReadOnlySpan<double> x, Span<double> gradient, double[] observed)
    {
        double dt = LocalArrayObjectives.TimeStep, k = x[0], b = x[1];
        Span<double> y = stackalloc double[observed.Length];
        y[0] = x[2];
        for (int s = 0; s + 1 < y.Length; s++) y[s + 1] = y[s] + dt * (-k * y[s] + b * Math.Sin(y[s]));

        double loss = 0.0, yBar = 0.0, kBar = 0.0, bBar = 0.0;
        for (int s = y.Length - 1; s >= 1; s--)
        {
            double d = y[s] - observed[s];
            loss += d * d;
            yBar += d;
            double previous = y[s - 1];
            kBar -= yBar * dt * previous;
            bBar += yBar * dt * Math.Sin(previous);
            yBar *= 1.0 + dt * (-k + b * Math.Cos(previous));
        }

        double d0 = y[0] - observed[0];
        loss += d0 * d0;
        gradient[0] = kBar;
        gradient[1] = bBar;
        gradient[2] = yBar + d0;
        return 0.5 * loss;
    }
}

/// <summary>The objective of <see cref="LocalArrayBenchmarks"/>, written the way a user would.</summary>
public static partial class LocalArrayObjectives
{
    /// <summary>The Euler step.</summary>
    public const double TimeStep = 0.01;

    /// <summary>Least-squares fit of y' = −k·y + b·sin(y), y(0) = y0, integrated by explicit Euler; x = (k, b, y0).</summary>
    [Objective]
    public static double EulerCalibration(ReadOnlySpan<double> x, double[] observed)
    {
        Span<double> y = stackalloc double[observed.Length];
        y[0] = x[2];
        for (int s = 0; s + 1 < y.Length; s++) y[s + 1] = y[s] + TimeStep * (-x[0] * y[s] + x[1] * Math.Sin(y[s]));

        double loss = 0.0;
        for (int s = 0; s < y.Length; s++)
        {
            double d = y[s] - observed[s];
            loss += d * d;
        }

        return 0.5 * loss;
    }
}
