using AutoDiffLbfgs.Orleans;
using AutoDiffLbfgs.Sharding;
using BenchmarkDotNet.Attributes;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace AutoDiffLbfgs.Benchmarks;

/// <summary>
/// The cost of one evaluation (value and gradient of the mean, the unit of work of every solver) on the cluster path
/// against the same sharded sum in this process (the baseline). Synthetic logistic regression, 50 features (n = 51),
/// N rows in 8 equal shards, generated gradients. The cluster is an Orleans TestingHost cluster of 1, 2 or 3 silos in
/// this process on loopback: every call is serialized and goes through the silos' TCP sockets, but all silos share
/// this machine's cores, so more silos add hops, not compute. The ratio Cluster/InProcess is the overhead of the
/// path; whether silos scale needs one machine per silo. Run in process (the silos must share this process's static
/// data set): <c>--filter '*ClusterEvaluation*' --job short --inProcess</c>.
/// </summary>
[MemoryDiagnoser]
public class ClusterEvaluationBenchmarks
{
    private const int Shards = 8;
    private const int Features = 50;
    private const string Problem = "bench";

    private static double[] _x = [];
    private static double[] _y = [];
    private static int _rows;

    private TestCluster? _cluster;
    private IShardedFiniteSum<double> _local = null!;
    private IShardedFiniteSum<double> _remote = null!;
    private readonly double[] _w = new double[Features + 1];
    private readonly double[] _g = new double[Features + 1];

    /// <summary>N, the rows of all shards together.</summary>
    [Params(8_000, 400_000)]
    public int Rows { get; set; }

    /// <summary>Silos of the cluster (in this process).</summary>
    [Params(1, 2, 3)]
    public int Silos { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        Generate(Rows);
        _local = new InProcessShardedSum<double>(Enumerable.Range(0, Shards).Select(Shard).ToArray());
        var builder = new TestClusterBuilder((short)Silos);
        builder.AddSiloBuilderConfigurator<BenchmarkSilo>();
        _cluster = builder.Build();
        _cluster.Deploy();
        _remote = OrleansShardedSum.ConnectAsync(_cluster.GrainFactory, Problem, Shards, Features + 1).GetAwaiter().GetResult();
        for (int j = 0; j < _w.Length; j++) _w[j] = 0.01 * (j % 7) - 0.03;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _cluster?.StopAllSilos();
        _cluster?.Dispose();
    }

    /// <summary>Σ fᵢ and Σ ∇fᵢ over the shards in this process.</summary>
    [Benchmark(Baseline = true)]
    public double InProcess() => _local.Sum(ShardOperation.ValueAndGradient, _w, default, _g);

    /// <summary>The same sums from the silos: a call per silo's aggregator, a call per shard inside it, the tree completed here.</summary>
    [Benchmark]
    public double Cluster() => _remote.Sum(ShardOperation.ValueAndGradient, _w, default, _g);

    /// <summary>Shard s of the current data set, with its own copy of its rows (as a silo would load them).</summary>
    private static IShardTerms<double> Shard(int s)
    {
        int count = _rows / Shards, first = s * count;
        var terms = new StochasticLogisticModel.LossTerms(count, _x.AsSpan(first * Features, count * Features).ToArray(), _y.AsSpan(first, count).ToArray(), 0.01);
        return new ShardTerms<double, StochasticLogisticModel.LossTerms>(terms, Features + 1);
    }

    private static void Generate(int rows)
    {
        var random = new Random(1);
        _rows = rows;
        _x = new double[rows * Features];
        _y = new double[rows];
        for (int i = 0; i < _x.Length; i++) _x[i] = random.NextDouble() * 2 - 1;
        for (int i = 0; i < rows; i++) _y[i] = random.Next(2);
    }

    /// <summary>Registers the benchmark's problem on each silo (the silos run in this process, so they read the static data set).</summary>
    public sealed class BenchmarkSilo : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) =>
            siloBuilder.AddShardedFiniteSum(Problem, ShardSources.FromFactory((s, _) => ValueTask.FromResult(Shard(s))));
    }
}
