namespace AutoDiffLbfgs.Orleans;

/// <summary>A shard could not load its data (or no source is registered for its problem); the message names the problem and the shard.</summary>
[GenerateSerializer, Alias("AutoDiffLbfgs.Orleans.ShardLoadException")]
public sealed class ShardLoadException : Exception
{
    /// <summary>An exception for shard <paramref name="shard"/> of <paramref name="problem"/> with the cause's message.</summary>
    public ShardLoadException(string problem, int shard, string cause)
        : base($"Shard {shard} of problem '{problem}' could not load its data: {cause}")
    {
        Problem = problem;
        Shard = shard;
    }

    /// <summary>The problem's name.</summary>
    [Id(0)]
    public string Problem { get; }

    /// <summary>The shard index.</summary>
    [Id(1)]
    public int Shard { get; }
}
