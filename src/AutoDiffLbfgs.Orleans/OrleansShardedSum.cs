using AutoDiffLbfgs.Sharding;
using Orleans.Runtime;

namespace AutoDiffLbfgs.Orleans;

/// <summary>
/// A sharded finite sum on an Orleans cluster: shard s of a problem is the grain "problem/s"; an evaluation sends the
/// point to one aggregator per active silo, each of which evaluates its share of the shards and reduces the tree
/// nodes they complete; this coordinator completes the tree. For the same layout the bits equal those of
/// <see cref="InProcessShardedSum{T}"/>, whatever the number of silos and the order of the replies.
/// </summary>
/// <remarks>
/// <para>Shards are dealt to the active silos (sorted by address) in contiguous ranges, so each silo's share is a few
/// whole subtrees and it sends on O(log S) vectors. A failed evaluation (a silo that died, a timeout) is retried with
/// the membership read anew — and so is one still waiting for a silo that has left the active set, which is checked
/// every <see cref="OrleansShardedSumOptions.MembershipCheckInterval"/> while replies are out: the dead silo's shards activate on the silos that now call them and load their rows
/// again, and since an evaluation at w is a pure function the retry gives the same bits. A shard that cannot load
/// its data fails at once with a <see cref="ShardLoadException"/> naming it.</para>
/// <para>The <see cref="IShardedFiniteSum{T}"/> methods block until the cluster answers: the solvers run on a thread of
/// their own (<see cref="ShardedSolveCoordinator"/> does that) and must not be called on an Orleans scheduler thread.</para>
/// </remarks>
public sealed class OrleansShardedSum : IShardedFiniteSum<double>
{
    private readonly IGrainFactory _grains;
    private readonly string _problem;
    private readonly OrleansShardedSumOptions _options;
    private readonly ShardPartialSums<double> _partials;

    private OrleansShardedSum(IGrainFactory grains, string problem, ShardLayout layout, int dimension, OrleansShardedSumOptions options)
    {
        _grains = grains;
        _problem = problem;
        Layout = layout;
        Dimension = dimension;
        _options = options;
        _partials = new ShardPartialSums<double>(layout.ShardCount, dimension);
    }

    /// <inheritdoc/>
    public ShardLayout Layout { get; }

    /// <inheritdoc/>
    public int Dimension { get; }

    /// <summary>The problem's name (the prefix of its shard grains' keys).</summary>
    public string Problem => _problem;

    /// <summary>Evaluations that had to be retried so far (one count per failed attempt).</summary>
    public int Retries { get; private set; }

    /// <summary>
    /// Activates shards 0 … <paramref name="shardCount"/> − 1 of <paramref name="problem"/> (each loads its rows on
    /// its silo) and reads their row counts, which make the layout.
    /// </summary>
    /// <param name="grains">The cluster client (or a grain factory).</param>
    /// <param name="problem">The name the silos registered with <see cref="ShardedSumSiloExtensions.AddShardedFiniteSum"/>.</param>
    /// <param name="shardCount">S, at least 1.</param>
    /// <param name="dimension">n, at least 1.</param>
    /// <param name="options">Retry settings; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the connection.</param>
    /// <exception cref="ShardLoadException">A shard could not load its data; the message names it.</exception>
    public static async Task<OrleansShardedSum> ConnectAsync(IGrainFactory grains, string problem, int shardCount, int dimension, OrleansShardedSumOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentException.ThrowIfNullOrEmpty(problem);
        ArgumentOutOfRangeException.ThrowIfLessThan(shardCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        options ??= new OrleansShardedSumOptions();

        // Through the aggregators, so that each shard activates (and loads its rows) on the silo that will evaluate it.
        var dealt = Deal(await ActiveSilos(grains), shardCount).ToArray();
        var calls = dealt.Select(d => grains.GetGrain<ISiloAggregatorGrain>(ShardKeys.Aggregator(d.Silo, problem))
            .GetRowCounts(problem, Enumerable.Range(d.First, d.End - d.First).ToArray())).ToArray();
        // Awaiting WhenAll rethrows the failure of the first call in silo order, so the lowest failing shard is named.
        int[] rowCounts = (await Task.WhenAll(calls).WaitAsync(cancellationToken)).SelectMany(c => c).ToArray();
        return new OrleansShardedSum(grains, problem, new ShardLayout(rowCounts), dimension, options);
    }

    /// <summary>The active silos, in a fixed order.</summary>
    private static async Task<string[]> ActiveSilos(IGrainFactory grains)
    {
        var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        string[] silos = hosts.Keys.Select(s => s.ToParsableString()).Order(StringComparer.Ordinal).ToArray();
        return silos.Length > 0 ? silos : throw new SiloUnavailableException("No active silo.");
    }

    /// <summary>Shards dealt to the silos in contiguous ranges [first, end), silo j taking [S·j/M, S·(j+1)/M).</summary>
    private static IEnumerable<(string Silo, int First, int End)> Deal(string[] silos, int shardCount)
    {
        for (int j = 0; j < silos.Length; j++)
        {
            int first = (int)((long)shardCount * j / silos.Length), end = (int)((long)shardCount * (j + 1) / silos.Length);
            if (first < end) yield return (silos[j], first, end);
        }
    }

    /// <inheritdoc/>
    public double Sum(ShardOperation operation, ReadOnlySpan<double> w, ReadOnlySpan<double> v, Span<double> result) =>
        Evaluate(operation, w, v, null, result);

    /// <inheritdoc/>
    public double SumBatch(ShardOperation operation, ShardBatch batch, ReadOnlySpan<double> w, ReadOnlySpan<double> v, Span<double> result)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (!batch.Layout.Equals(Layout)) throw new ArgumentException("The batch was made for another layout.", nameof(batch));
        return Evaluate(operation, w, v, batch, result);
    }

    /// <summary>As <see cref="IShardedFiniteSum{T}.Sum"/> (batch null) or <see cref="IShardedFiniteSum{T}.SumBatch"/>, without blocking.</summary>
    public async Task<(double Value, double[] Vector)> EvaluateAsync(ShardOperation operation, double[] w, double[]? v, ShardBatch? batch, CancellationToken cancellationToken = default)
    {
        double[] direction = operation == ShardOperation.HessianVectorProduct ? v ?? throw new ArgumentNullException(nameof(v)) : [];
        int[][]? rows = batch is null ? null : Enumerable.Range(0, Layout.ShardCount).Select(s => batch.Rows(s).ToArray()).ToArray();
        TimeSpan delay = _options.RetryDelay;
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                var total = new double[operation == ShardOperation.Value ? 0 : Dimension];
                double value = await EvaluateOnce(operation, w, direction, rows, total, cancellationToken);
                return (value, total);
            }
            catch (Exception e) when (attempt < _options.MaxAttempts && !IsPermanent(e, cancellationToken))
            {
                Retries++;
                _options.OnRetry?.Invoke(attempt, e);
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }

    private double Evaluate(ShardOperation operation, ReadOnlySpan<double> w, ReadOnlySpan<double> v, ShardBatch? batch, Span<double> result)
    {
        var (value, vector) = EvaluateAsync(operation, w.ToArray(), v.IsEmpty ? null : v.ToArray(), batch).GetAwaiter().GetResult();
        if (operation != ShardOperation.Value) vector.CopyTo(result);
        return value;
    }

    private async Task<double> EvaluateOnce(ShardOperation operation, double[] w, double[] v, int[][]? rows, double[] total, CancellationToken cancellationToken)
    {
        string[] silos = await ActiveSilos(_grains).WaitAsync(_options.MembershipCheckInterval, cancellationToken);
        int shardCount = Layout.ShardCount;
        var calls = new List<Task<SiloPartial>>(silos.Length);
        var dealt = new List<string>(silos.Length);
        foreach (var (silo, first, end) in Deal(silos, shardCount))
        {
            int[] shards = Enumerable.Range(first, end - first).ToArray();
            var request = new SiloEvaluation(_problem, shardCount, shards, (int)operation, w, v, rows?[first..end]);
            calls.Add(_grains.GetGrain<ISiloAggregatorGrain>(ShardKeys.Aggregator(silo, _problem)).Evaluate(request));
            dealt.Add(silo);
        }
        SiloPartial[] replies = await AwaitWhileSilosLive(Task.WhenAll(calls), dealt, cancellationToken);
        _partials.Clear();
        foreach (SiloPartial reply in replies)
        {
            for (int k = 0; k < reply.FirstShards.Length; k++) _partials.Add(reply.FirstShards[k], reply.Levels[k], reply.Values[k], reply.Vectors[k]);
        }
        return _partials.Total(total);
    }

    /// <summary>
    /// Waits for <paramref name="replies"/>, reading the membership every <see cref="OrleansShardedSumOptions.MembershipCheckInterval"/>
    /// while they are out. If a silo the attempt was dealt to has left the active set, the attempt is abandoned with a
    /// <see cref="SiloUnavailableException"/> naming it, to be retried on the new membership.
    /// </summary>
    /// <remarks>
    /// A client is not told when a grain it called dies with its silo: when the call went through another gateway, the
    /// reply is simply never sent and the call would wait out the messaging response timeout (30 s by default). Orleans
    /// breaks such calls only inside silos. Reading the membership ourselves makes the retry follow the death
    /// declaration, not a timeout. An abandoned attempt's late replies are dropped (only the replies of the attempt
    /// that completes are added), so whichever way the race between a late reply and the check goes, the total is a
    /// sum of one complete set of pure partial sums: the same bits.
    /// </remarks>
    private async Task<SiloPartial[]> AwaitWhileSilosLive(Task<SiloPartial[]> replies, List<string> silos, CancellationToken cancellationToken)
    {
        TimeSpan interval = _options.MembershipCheckInterval;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            while (true)
            {
                Task wait = Task.Delay(interval, stop.Token);
                if (await Task.WhenAny(replies, wait) == replies) return await replies;
                cancellationToken.ThrowIfCancellationRequested();
                string? departed = await DepartedSilo(silos, interval, cancellationToken);
                if (departed is not null)
                {
                    _ = replies.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                    throw new SiloUnavailableException($"Silo {departed} left the cluster while evaluating shards of '{_problem}'; the evaluation is retried on the new membership.");
                }
            }
        }
        finally
        {
            stop.Cancel();
        }
    }

    /// <summary>The first of <paramref name="silos"/> that is no longer active, or null when all are (or when the membership could not be read within <paramref name="timeout"/>: then the next check decides).</summary>
    private async Task<string?> DepartedSilo(List<string> silos, TimeSpan timeout, CancellationToken cancellationToken)
    {
        string[] active;
        try
        {
            active = await ActiveSilos(_grains).WaitAsync(timeout, cancellationToken);
        }
        catch (Exception e) when (e is TimeoutException or SiloUnavailableException && !cancellationToken.IsCancellationRequested)
        {
            // The read went through a gateway that has just gone, or no silo is active yet: ask again at the next check.
            return null;
        }
        foreach (string silo in silos)
        {
            if (Array.BinarySearch(active, silo, StringComparer.Ordinal) < 0) return silo;
        }
        return null;
    }

    private static bool IsPermanent(Exception e, CancellationToken cancellationToken) =>
        e is ShardLoadException || e.InnerException is ShardLoadException || cancellationToken.IsCancellationRequested;
}
