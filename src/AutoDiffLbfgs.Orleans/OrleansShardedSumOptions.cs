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
}
