using System.Numerics;
using AutoDiffLbfgs.Numerics;
using BenchmarkDotNet.Attributes;

namespace AutoDiffLbfgs.Benchmarks;

/// <summary>
/// The classic solver against the memory-bandwidth bound of its two-loop recursion, in one run (issue 14). m = 10.
/// <list type="bullet">
/// <item><see cref="Bound"/>: plain single-thread <see cref="Vector{T}"/> dot products over the whole history, twice —
/// the 4·m·n elements the two-loop must read per iteration, at the best streaming rate of one core.</item>
/// <item><see cref="TwoLoop"/>: the direction d = −H∇f by the fused two-loop with a full history, on <see cref="Threads"/> threads.</item>
/// <item><see cref="Blocked"/>: the same direction blocked over n (the solver's internal alternative,
/// <see cref="LbfgsOptions.BlockedDirection"/>): each call commits a pair first, so its products with the history are
/// formed as in every solver iteration.
/// <see cref="Compact"/>: the experimental compact representation (one thread) for the choice between the two.</item>
/// <item><see cref="SolveShort"/> and <see cref="SolveLong"/>: <see cref="ShortIterations"/> and
/// <see cref="LongIterations"/> iterations of chained Rosenbrock from the standard start (far from converged, no
/// skipped pair, no reset); their difference is the steady state with a full history, free of the workspace's
/// allocation and first touch. <see cref="Evaluations"/> makes the f + ∇f calls of that difference alone (at the
/// start point, the cost does not depend on x), over rotating copies whose total exceeds the 32 MB L3 so that x is
/// not cache-resident (in the solve it comes from memory too): solver-only time per iteration is
/// (SolveLong − SolveShort − Evaluations) / (LongIterations − ShortIterations). <see cref="SolveShortBlocked"/> and
/// <see cref="SolveLongBlocked"/> are the same solves with the blocked direction, for the comparison in one run.</item>
/// </list>
/// </summary>
/// <typeparam name="T"><see cref="double"/> or <see cref="float"/>.</typeparam>
[MemoryDiagnoser]
[GenericTypeArguments(typeof(double))]
[GenericTypeArguments(typeof(float))]
public class SolverBandwidthBenchmarks<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private const int Memory = 10;
    private LbfgsHistory<T> _history = null!;
    private LbfgsSweeps<T> _sweeps = null!;
    private T[] _gradient = null!, _direction = null!, _x = null!, _start = null!;
    private T[] _trial = null!, _trialGradient = null!, _s = null!, _y = null!;
    private LbfgsOptions _short = null!, _long = null!, _shortBlocked = null!, _longBlocked = null!;
    private double _rho;
    private T[][] _copies = null!;
    private int _evaluations;

    /// <summary>Number of variables: 10⁵, 10⁶ and 10⁷, or the comma-separated list in the environment variable ADL_BENCH_N.</summary>
    [ParamsSource(nameof(Sizes))]
    public int N { get; set; }

    /// <summary>The values of <see cref="N"/>.</summary>
    public static IEnumerable<int> Sizes() =>
        Environment.GetEnvironmentVariable("ADL_BENCH_N") is { Length: > 0 } list ? list.Split(',').Select(int.Parse) : [100_000, 1_000_000, 10_000_000];

    /// <summary>Threads of the solver's vector work (<see cref="LbfgsOptions.MaxDegreeOfParallelism"/>).</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>Iterations of the short solve (its history is full from iteration 11 on).</summary>
    public int ShortIterations => 12;

    /// <summary>Iterations of the long solve: 212 at 10⁵, 62 at 10⁶, 24 at 10⁷.</summary>
    public int LongIterations => N <= 100_000 ? 212 : N <= 1_000_000 ? 62 : 24;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _history = BenchmarkHistory.Filled<T>(N, Memory, random);
        // One pair more than the memory, so the spare slot holds a pair too and Blocked can commit it as the newest at
        // every call (the oldest is dropped and the ring turns, as in a solve; ρ is the same for all, which the time
        // does not depend on).
        _history.Push(_history.Y(0), _history.S(0), _history.Rho(0));
        _rho = _history.Rho(0);
        _history.ReserveBlocked();
        _gradient = BenchmarkHistory.RandomVector<T>(N, random);
        _direction = new T[N];
        _sweeps = new LbfgsSweeps<T>(N, Threads, memory: Memory);
        _trial = new T[N];
        _trialGradient = (T[])_gradient.Clone();
        _s = new T[N];
        _y = new T[N];
        _sweeps.BindSearch(_gradient, _direction, _trial, _trialGradient, _gradient, _s, _y);

        _short = new LbfgsOptions { Memory = Memory, RelativeGradientTolerance = 0, MaxIterations = ShortIterations, MaxDegreeOfParallelism = Threads };
        _long = new LbfgsOptions { Memory = Memory, RelativeGradientTolerance = 0, MaxIterations = LongIterations, MaxDegreeOfParallelism = Threads };
        _shortBlocked = new LbfgsOptions { Memory = Memory, RelativeGradientTolerance = 0, MaxIterations = ShortIterations, MaxDegreeOfParallelism = Threads, BlockedDirection = true };
        _longBlocked = new LbfgsOptions { Memory = Memory, RelativeGradientTolerance = 0, MaxIterations = LongIterations, MaxDegreeOfParallelism = Threads, BlockedDirection = true };
        _start = ChainedRosenbrockGeneric<T>.StartingPoint(N);
        _x = new T[N];
        var shortResult = Run(_short);
        var longResult = Run(_long);
        var blockedResult = Run(_longBlocked);
        if ((blockedResult.Iterations, blockedResult.Evaluations) != (longResult.Iterations, longResult.Evaluations))
        {
            Console.WriteLine($"// counts differ: blocked {blockedResult}");
        }
        _evaluations = longResult.Evaluations - shortResult.Evaluations;
        _copies = new T[1 + 64_000_000 / (N * System.Runtime.CompilerServices.Unsafe.SizeOf<T>())][];
        for (int k = 0; k < _copies.Length; k++) _copies[k] = (T[])_start.Clone();
        Console.WriteLine($"// {typeof(T).Name} n={N} threads={Threads}: short {shortResult}; long {longResult}");
    }

    private LbfgsResult Run(LbfgsOptions options)
    {
        _start.CopyTo(_x, 0);
        return Lbfgs.Minimize(new ChainedRosenbrockGeneric<T>(), _x.AsSpan(), options);
    }

    [GlobalCleanup]
    public void Cleanup() => _sweeps.Dispose();

    /// <summary>Reads every sᵢ and yᵢ twice with plain dot products on one thread: the two-loop's bandwidth bound.</summary>
    [Benchmark(Baseline = true)]
    public T Bound()
    {
        T sum = T.Zero;
        for (int pass = 0; pass < 2; pass++)
        {
            for (int age = 0; age < Memory; age++) sum += VectorMath.Dot(_history.S(age), _history.Y(age));
        }
        return sum;
    }

    /// <summary>d = −H·g by the solver's fused, chunked two-loop (full history).</summary>
    [Benchmark]
    public double TwoLoop() => _history.ApplyNegatedInverseHessian(_gradient, _direction, 0.5, _sweeps);

    /// <summary>Commits a pair (the spare slot), then d = −H·g blocked over n, as the solver does with the blocked direction.</summary>
    [Benchmark]
    public double Blocked()
    {
        _history.CommitNext(_rho);
        return _history.ApplyNegatedInverseHessianBlocked(_gradient, _direction, 0.5, _sweeps);
    }

    /// <summary>H·g by the compact representation (Byrd, Nocedal &amp; Schnabel 1994; internal, one thread), the other blocked form.</summary>
    [Benchmark]
    public void Compact()
    {
        _history.CommitNext(_rho);
        _history.ApplyInverseHessianCompact(_gradient, _direction, 0.5);
    }

    /// <summary>
    /// The vector work of one iteration with one trial outside the two-loop, as the solver did it before issue 14:
    /// negate d, φ′(0), the trial point, φ′(α), s and y, sᵀy, yᵀy, ‖g⁺‖ and ‖x⁺‖ twice — eleven separate passes.
    /// </summary>
    [Benchmark]
    public double OutsideTwoLoopSeparate()
    {
        VectorMath.Scale(-T.One, _direction.AsSpan());
        double slope0 = VectorMath.DotDouble<T>(_gradient, _direction);
        VectorMath.AddScaled<T>(_gradient, T.CreateTruncating(1e-3), _direction, _trial);
        double slope = VectorMath.DotDouble<T>(_trialGradient, _direction);
        VectorMath.Subtract<T>(_trial, _gradient, _s);
        VectorMath.Subtract<T>(_trialGradient, _gradient, _y);
        double sy = VectorMath.DotDouble<T>(_s, _y), yy = VectorMath.DotDouble<T>(_y, _y);
        double norms = VectorMath.Norm2Double<T>(_trialGradient) + VectorMath.Norm2Double<T>(_trial) + VectorMath.Norm2Double<T>(_trial);
        return slope0 + slope + sy + yy + norms;
    }

    /// <summary>The same work in the fused sweeps (the negation and φ′(0) ride on the two-loop's last sweep): two passes.</summary>
    [Benchmark]
    public double OutsideTwoLoopFused()
    {
        _sweeps.TrialPoint(T.CreateTruncating(1e-3));
        return _sweeps.SlopeAndPair() + _sweeps.TrialSquaredNorm;
    }

    /// <summary><see cref="ShortIterations"/> iterations of the solver, objective and workspace included.</summary>
    [Benchmark]
    public double SolveShort() => Run(_short).Value;

    /// <summary><see cref="LongIterations"/> iterations of the solver, objective and workspace included.</summary>
    [Benchmark]
    public double SolveLong() => Run(_long).Value;

    /// <summary><see cref="SolveShort"/> with the blocked direction.</summary>
    [Benchmark]
    public double SolveShortBlocked() => Run(_shortBlocked).Value;

    /// <summary><see cref="SolveLong"/> with the blocked direction.</summary>
    [Benchmark]
    public double SolveLongBlocked() => Run(_longBlocked).Value;

    /// <summary>The f + ∇f calls of the long solve beyond the short one, alone, on cache-cold copies of the start.</summary>
    [Benchmark]
    public T Evaluations()
    {
        var objective = new ChainedRosenbrockGeneric<T>();
        T f = T.Zero;
        for (int k = 0; k < _evaluations; k++) f += objective.ValueAndGradient(_copies[k % _copies.Length], _direction);
        return f;
    }
}
