using System.Runtime.ExceptionServices;

namespace AutoDiffLbfgs.Stochastic;

/// <summary>
/// A small set of long-lived threads that, together with the calling thread, run the chunks of one job at a time.
/// The solver creates one per solve (only when some batch is large enough to be worth it) and disposes it at the
/// end, so the per-iteration path is free of allocation: a job is published under a lock, threads take chunk numbers
/// from an interlocked counter, and the caller waits on the same lock until every thread is back.
/// </summary>
/// <remarks>
/// This replaces <c>Parallel.For</c>, which allocates on every call. Which thread runs which chunk varies from run to
/// run; the results do not, because each chunk writes only its own output slot and the caller combines the slots in
/// chunk order afterwards (see <see cref="BatchEvaluator{T, TObjective}"/>). Invariant: every helper thread takes part
/// in every job exactly once and <see cref="Run"/> returns only after all have left it, so no thread can still be
/// drawing chunk numbers of an old job when the next one is published.
/// </remarks>
internal sealed class ChunkWorkerGroup : IDisposable
{
    private readonly Thread[] _threads;
    private readonly object _gate = new();
    private IChunkWork? _work;
    private int _chunkCount;
    private int _nextChunk;
    private int _generation;
    private int _busyHelpers;
    private bool _stopping;
    private ExceptionDispatchInfo? _failure;

    /// <summary>Starts <paramref name="threadCount"/> − 1 helper threads (the caller is the remaining one).</summary>
    public ChunkWorkerGroup(int threadCount)
    {
        _threads = new Thread[threadCount - 1];
        for (int i = 0; i < _threads.Length; i++)
        {
            _threads[i] = new Thread(HelperLoop) { IsBackground = true, Name = $"AutoDiffLbfgs SQN worker {i + 1}" };
            _threads[i].Start(i + 1);
        }
    }

    /// <summary>The number of threads that run chunks, the caller included; worker numbers are [0, ThreadCount).</summary>
    public int ThreadCount => _threads.Length + 1;

    /// <summary>Runs chunks 0 … <paramref name="chunkCount"/> − 1 of <paramref name="work"/> and returns when all are done.</summary>
    /// <exception cref="Exception">The first exception a chunk threw on a helper thread, rethrown here.</exception>
    public void Run(IChunkWork work, int chunkCount)
    {
        lock (_gate)
        {
            _work = work;
            _chunkCount = chunkCount;
            _nextChunk = 0;
            _busyHelpers = _threads.Length;
            _generation++;
            Monitor.PulseAll(_gate);
        }
        try
        {
            TakeChunks(work, chunkCount, 0);
        }
        finally
        {
            lock (_gate)
            {
                while (_busyHelpers > 0) Monitor.Wait(_gate);
                _work = null;
            }
        }
        if (_failure is { } failure)
        {
            _failure = null;
            failure.Throw();
        }
    }

    /// <summary>Stops and joins the helper threads.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _stopping = true;
            Monitor.PulseAll(_gate);
        }
        foreach (Thread t in _threads) t.Join();
    }

    private void TakeChunks(IChunkWork work, int chunkCount, int worker)
    {
        int chunk;
        while ((chunk = Interlocked.Increment(ref _nextChunk) - 1) < chunkCount) work.RunChunk(chunk, worker);
    }

    private void HelperLoop(object? state)
    {
        int worker = (int)state!;
        int seen = 0;
        while (true)
        {
            IChunkWork work;
            int chunkCount;
            lock (_gate)
            {
                while (_generation == seen && !_stopping) Monitor.Wait(_gate);
                if (_stopping) return;
                seen = _generation;
                work = _work!;
                chunkCount = _chunkCount;
            }
            try
            {
                TakeChunks(work, chunkCount, worker);
            }
            catch (Exception e)
            {
                // Stop handing out chunks and let Run rethrow on the caller's thread.
                Interlocked.Exchange(ref _nextChunk, int.MaxValue / 2);
                Interlocked.CompareExchange(ref _failure, ExceptionDispatchInfo.Capture(e), null);
            }
            finally
            {
                lock (_gate)
                {
                    if (--_busyHelpers == 0) Monitor.PulseAll(_gate);
                }
            }
        }
    }
}
