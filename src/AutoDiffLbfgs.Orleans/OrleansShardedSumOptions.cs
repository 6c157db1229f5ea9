namespace AutoDiffLbfgs.Orleans;

/// <summary>Settings of <see cref="OrleansShardedSum"/>.</summary>
public sealed class OrleansShardedSumOptions
{
    /// <summary>How many times one evaluation is tried before the failure is passed on. Default 10; at least 1. An evaluation at w is a pure function, so a retry is always safe.</summary>
    public int MaxAttempts
    {
        get;
        set => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MaxAttempts), value, "OrleansShardedSumOptions.MaxAttempts must be at least 1.");
    } = 10;

    /// <summary>The wait before a retry, doubled after each failed attempt up to 5 s; it gives the membership time to drop a dead silo. Default 200 ms; not negative.</summary>
    public TimeSpan RetryDelay
    {
        get;
        set => field = value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(RetryDelay), value, "OrleansShardedSumOptions.RetryDelay must not be negative.");
    } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// While an evaluation's replies are out, how often the membership is read to see whether a silo it was sent to
    /// has left the cluster (then the evaluation is retried at once instead of waiting out the response timeout); also
    /// the longest wait for one membership read. Default 1 s; greater than zero.
    /// </summary>
    public TimeSpan MembershipCheckInterval
    {
        get;
        set => field = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(MembershipCheckInterval), value, "OrleansShardedSumOptions.MembershipCheckInterval must be greater than zero.");
    } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Called on the coordinator before each retry with the number of the attempt that failed (1 for the first) and
    /// its failure — a <see cref="global::Orleans.Runtime.SiloUnavailableException"/> naming the silo when one left
    /// the cluster mid-evaluation. For logging; null (the default) for none. It must not throw.
    /// </summary>
    public Action<int, Exception>? OnRetry { get; set; }
}
