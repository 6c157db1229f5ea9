namespace AutoDiffLbfgs.Stochastic;

/// <summary>A job split into numbered chunks that <see cref="ChunkWorkerPool"/> hands out to its threads.</summary>
internal interface IChunkWork
{
    /// <summary>Processes chunk <paramref name="chunk"/>; <paramref name="worker"/> (0 = the calling thread) selects per-thread scratch.</summary>
    void RunChunk(int chunk, int worker);
}
