using System.Runtime.ExceptionServices;

namespace AutoDiffLbfgs.Stochastic;

/// <summary>
/// The process-wide set of long-lived helper threads that, together with the calling thread, run the chunks of one
/// job at a time. Every parallel term sum (SQN batches, <see cref="FullSumObjective{T, TTerms}"/>, a shard's partial
/// sums) runs here, so an evaluation is free of allocation and no solve starts or stops threads: a job is published
/// under a lock, threads take chunk numbers from an interlocked counter, and the caller waits on the same lock until
/// every participating thread is back.
/// </summary>
/// <remarks>
/// <para>This replaces <c>Parallel.For</c>, which allocates on every call. Helpers are created on first demand, up to
/// the largest degree any caller asks for, as background threads that park on a monitor while idle.</para>
/// <para>Which thread runs which chunk varies from run to run; the results do not, because each chunk writes only its
/// own output slot and the caller combines the slots in chunk order afterwards (see <see cref="TermSumEvaluator{T, TTerms}"/>).
/// Invariant: every participating helper takes part in a job exactly once and <see cref="Run"/> returns only after
/// all of them have left it, so no thread can still be drawing chunk numbers of an old job when the next one is
/// published.</para>
/// <para>One job runs at a time: a second caller waits for the first (its evaluation is no less exact, and two
/// parallel sums on the same cores would gain nothing). A call made from a helper thread, or from a term evaluated
/// inside a job, runs its chunks on its own thread, so nested sums cannot deadlock.</para>
/// </remarks>
internal sealed class ChunkWorkerPool
{
    /// <summary>The pool every evaluator uses.</summary>
    public static readonly ChunkWorkerPool Shared = new();

    /// <summary>More helpers than this are never started, whatever degree is asked for.</summary>
    public const int MaxHelpers = 255;

    /// <summary>True on helper threads, and on a caller while its job runs.</summary>
    [ThreadStatic]
    private static bool t_insideJob;

    private readonly object _runGate = new();
    private readonly object _gate = new();
    private readonly List<Thread> _threads = [];
    private IChunkWork? _work;
    private int _chunkCount;
    private int _nextChunk;
    private int _generation;
    private int _participants;
    private int _busyHelpers;
    private ExceptionDispatchInfo? _failure;

    private ChunkWorkerPool()
    {
    }

    /// <summary>
    /// Runs chunks 0 … <paramref name="chunkCount"/> − 1 of <paramref name="work"/> on at most
    /// <paramref name="degree"/> threads, the caller included, and returns when all are done. Worker numbers passed
    /// to <see cref="IChunkWork.RunChunk"/> are below min(<paramref name="degree"/>, <paramref name="chunkCount"/>).
    /// </summary>
    /// <exception cref="Exception">The first exception a chunk threw, rethrown here.</exception>
    public void Run(IChunkWork work, int chunkCount, int degree)
    {
        int helpers = Math.Min(Math.Min(degree, chunkCount) - 1, MaxHelpers);
        if (helpers <= 0 || t_insideJob)
        {
            for (int c = 0; c < chunkCount; c++) work.RunChunk(c, 0);
            return;
        }
        lock (_runGate)
        {
            t_insideJob = true;
            try
            {
                while (_threads.Count < helpers) StartHelper();
                lock (_gate)
                {
                    _work = work;
                    _chunkCount = chunkCount;
                    _nextChunk = 0;
                    _participants = helpers;
                    _busyHelpers = helpers;
                    _generation++;
                    Monitor.PulseAll(_gate);
                }
                ExceptionDispatchInfo? failure;
                try
                {
                    TakeChunks(work, chunkCount, 0);
                }
                catch
                {
                    Interlocked.Exchange(ref _nextChunk, int.MaxValue / 2);
                    throw;
                }
                finally
                {
                    lock (_gate)
                    {
                        while (_busyHelpers > 0) Monitor.Wait(_gate);
                        _work = null;
                    }
                    failure = _failure;
                    _failure = null;
                }
                failure?.Throw();
            }
            finally
            {
                t_insideJob = false;
            }
        }
    }

    private void StartHelper()
    {
        int worker = _threads.Count + 1, seen = _generation;
        var thread = new Thread(() => HelperLoop(worker, seen)) { IsBackground = true, Name = $"AutoDiffLbfgs worker {worker}" };
        _threads.Add(thread);
        thread.Start();
    }

    private void TakeChunks(IChunkWork work, int chunkCount, int worker)
    {
        int chunk;
        while ((chunk = Interlocked.Increment(ref _nextChunk) - 1) < chunkCount) work.RunChunk(chunk, worker);
    }

    private void HelperLoop(int worker, int seen)
    {
        t_insideJob = true;
        while (true)
        {
            IChunkWork work;
            int chunkCount;
            lock (_gate)
            {
                while (_generation == seen) Monitor.Wait(_gate);
                seen = _generation;
                if (worker > _participants) continue;
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
