using AutoDiffLbfgs.Stochastic;

namespace AutoDiffLbfgs.Ase;

/// <summary>
/// Relaxes many independent structures at once, each with its own optimiser state (its own ASE LBFGS memory or FIRE
/// velocity, Δt and α) and its own convergence, in rounds spread over the cores: every round, each structure still
/// in the batch takes up to 16 steps (one evaluation each), stopping early at its own termination; those that
/// converged (or ran out of steps, met a non-finite value or were cancelled) then leave the batch, so later rounds only
/// pay for the rest.
/// </summary>
/// <remarks>
/// <para>
/// Each structure runs exactly the code of <see cref="AseRelaxation"/>.<c>Relax</c> with the same options (evaluate,
/// test, step), on its own arrays; nothing is shared between structures and no sum crosses them. Its trajectory and
/// result are therefore identical, bit for bit, to relaxing it alone, whatever the number of threads or the order in
/// which threads pick structures (tests check it). A single optimiser state over all structures, which is what
/// stacking them into one big vector would give, couples them: kups issue #94 reports that one shared L-BFGS state
/// over 25 molecules converged 1 of them, per-structure states 22.
/// </para>
/// <para>
/// The rounds run on the library's process-wide worker threads (one structure per chunk), so a round allocates
/// nothing. An objective must not be shared between two structures when it holds state (a pair list, a cell
/// filter): pass one instance per structure. Objectives are called from worker threads.
/// </para>
/// </remarks>
public static class AseBatchRelaxation
{
    /// <summary>Relaxes every structure with ASE's LBFGS rule (see <see cref="AseLbfgsStepper"/>).</summary>
    /// <typeparam name="TObjective">The energy type; one instance per structure.</typeparam>
    /// <param name="objectives">The energy of each structure (gradient = −forces).</param>
    /// <param name="positions">Start positions of each structure, relaxed in place; lengths may differ.</param>
    /// <param name="options">Settings shared by all structures; null means ASE's defaults. <see cref="AseLbfgsOptions.Safeguard"/> must be <see cref="AseSafeguard.None"/>.</param>
    /// <param name="progress">Called on the calling thread after every round; may be null.</param>
    /// <param name="maxDegreeOfParallelism">Threads used, the caller's included; 0 (default) = <see cref="Environment.ProcessorCount"/>.</param>
    /// <param name="cancellationToken">Checked before every step of every structure, as in a single relaxation.</param>
    /// <returns>One result per structure, in input order.</returns>
    public static AseRelaxationResult[] Relax<TObjective>(
        IReadOnlyList<TObjective> objectives,
        IReadOnlyList<double[]> positions,
        AseLbfgsOptions? options = null,
        Action<AseBatchProgress>? progress = null,
        int maxDegreeOfParallelism = 0,
        CancellationToken cancellationToken = default)
        where TObjective : IDifferentiableObjective<double>
    {
        options ??= new AseLbfgsOptions();
        options.Validate();
        if (options.Safeguard != AseSafeguard.None)
            throw new ArgumentOutOfRangeException(nameof(options), options.Safeguard, "Batches run ASE's rule exactly: Safeguard must be None.");
        Check(objectives, positions, options.GroupSize, maxDegreeOfParallelism);
        var steppers = new IAseStepper[positions.Count];
        for (int k = 0; k < steppers.Length; k++) steppers[k] = new AseLbfgsStepper(positions[k].Length, options);
        return Run(objectives, positions, steppers, options.Fmax, options.MaxSteps, options.GroupSize, progress,
            maxDegreeOfParallelism, cancellationToken);
    }

    /// <summary>Relaxes every structure with ASE's FIRE (see <see cref="AseFireStepper"/>).</summary>
    /// <typeparam name="TObjective">The energy type; one instance per structure.</typeparam>
    /// <param name="objectives">The energy of each structure (gradient = −forces).</param>
    /// <param name="positions">Start positions of each structure, relaxed in place; lengths may differ.</param>
    /// <param name="options">FIRE settings shared by all structures; null means ASE's defaults.</param>
    /// <param name="progress">Called on the calling thread after every round; may be null.</param>
    /// <param name="maxDegreeOfParallelism">Threads used, the caller's included; 0 (default) = <see cref="Environment.ProcessorCount"/>.</param>
    /// <param name="cancellationToken">Checked before every step of every structure.</param>
    /// <returns>One result per structure, in input order.</returns>
    public static AseRelaxationResult[] Relax<TObjective>(
        IReadOnlyList<TObjective> objectives,
        IReadOnlyList<double[]> positions,
        AseFireOptions options,
        Action<AseBatchProgress>? progress = null,
        int maxDegreeOfParallelism = 0,
        CancellationToken cancellationToken = default)
        where TObjective : IDifferentiableObjective<double>
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Check(objectives, positions, options.GroupSize, maxDegreeOfParallelism);
        var steppers = new IAseStepper[positions.Count];
        for (int k = 0; k < steppers.Length; k++) steppers[k] = new AseFireStepper(positions[k].Length, options);
        return Run(objectives, positions, steppers, options.Fmax, options.MaxSteps, options.GroupSize, progress,
            maxDegreeOfParallelism, cancellationToken);
    }

    private static void Check<TObjective>(IReadOnlyList<TObjective> objectives, IReadOnlyList<double[]> positions, int groupSize,
        int maxDegreeOfParallelism)
    {
        ArgumentNullException.ThrowIfNull(objectives);
        ArgumentNullException.ThrowIfNull(positions);
        if (objectives.Count != positions.Count)
            throw new ArgumentException($"{objectives.Count} objectives for {positions.Count} structures; give one per structure.", nameof(objectives));
        for (int k = 0; k < positions.Count; k++)
        {
            double[]? x = positions[k];
            if (x is null || x.Length == 0 || x.Length % groupSize != 0)
                throw new ArgumentException($"Structure {k}: the number of coordinates must be positive and a multiple of the group size.", nameof(positions));
            for (int j = 0; j < k; j++)
                if (ReferenceEquals(positions[j], x))
                    throw new ArgumentException($"Structures {j} and {k} share one positions array.", nameof(positions));
        }
        ArgumentOutOfRangeException.ThrowIfNegative(maxDegreeOfParallelism);
    }

    private static AseRelaxationResult[] Run<TObjective>(
        IReadOnlyList<TObjective> objectives, IReadOnlyList<double[]> positions, IAseStepper[] steppers, double fmax,
        int maxSteps, int groupSize, Action<AseBatchProgress>? progress, int maxDegreeOfParallelism,
        CancellationToken cancellationToken)
        where TObjective : IDifferentiableObjective<double>
    {
        int count = positions.Count;
        var work = new BatchWork<TObjective>(objectives, positions, steppers, fmax, maxSteps, groupSize, cancellationToken);
        int degree = maxDegreeOfParallelism == 0 ? Environment.ProcessorCount : maxDegreeOfParallelism;
        int active = count, converged = 0;
        for (int round = 0; active > 0; round++)
        {
            ChunkWorkerPool.Shared.Run(work, active, degree);

            // Structures that stopped leave the batch; the rest keep their input order.
            int kept = 0;
            for (int a = 0; a < active; a++)
            {
                int k = work.Active[a];
                if (work.Results[k] is { } result)
                {
                    if (result.Converged) converged++;
                }
                else
                {
                    work.Active[kept++] = k;
                }
            }
            active = kept;
            progress?.Invoke(new AseBatchProgress(round, active, converged, count - active, count));
        }
        var results = new AseRelaxationResult[count];
        for (int k = 0; k < count; k++) results[k] = work.Results[k]!.Value;
        return results;
    }

    /// <summary>
    /// Steps each structure takes per round before the round's barrier. One step per round made the batch slower than
    /// relaxing one by one (a barrier per step, with its wake-ups, on shared cores); more steps per round make
    /// progress coarser. The trajectories do not depend on it.
    /// </summary>
    internal const int StepsPerRound = 16;

    /// <summary>One round of the batch: chunk a is structure Active[a]; it is evaluated first if new, then takes up to <see cref="StepsPerRound"/> steps.</summary>
    private sealed class BatchWork<TObjective> : IChunkWork
        where TObjective : IDifferentiableObjective<double>
    {
        private readonly TObjective[] _objectives;
        private readonly double[][] _positions;
        private readonly double[][] _gradients;
        private readonly double[] _energies;
        private readonly int[] _evaluations;
        private readonly IAseStepper[] _steppers;
        private readonly double _fmax;
        private readonly int _maxSteps;
        private readonly int _groupSize;
        private readonly CancellationToken _cancellationToken;

        public BatchWork(IReadOnlyList<TObjective> objectives, IReadOnlyList<double[]> positions, IAseStepper[] steppers,
            double fmax, int maxSteps, int groupSize, CancellationToken cancellationToken)
        {
            int count = positions.Count;
            _objectives = objectives.ToArray();
            _positions = positions.ToArray();
            _gradients = new double[count][];
            for (int k = 0; k < count; k++) _gradients[k] = new double[_positions[k].Length];
            _energies = new double[count];
            _evaluations = new int[count];
            _steppers = steppers;
            _fmax = fmax;
            _maxSteps = maxSteps;
            _groupSize = groupSize;
            _cancellationToken = cancellationToken;
            Results = new AseRelaxationResult?[count];
            Active = new int[count];
            for (int k = 0; k < count; k++) Active[k] = k;
        }

        /// <summary>Indices of the structures still in the batch, in input order; the first (chunk count) entries are live.</summary>
        public int[] Active { get; }

        /// <summary>Each structure's result once it left the batch.</summary>
        public AseRelaxationResult?[] Results { get; }

        public void RunChunk(int chunk, int worker)
        {
            int k = Active[chunk];
            double[] x = _positions[k], g = _gradients[k];
            // The same sequence as AseRelaxation.Relax: evaluate, test, then (step, evaluate, test) repeated; here up
            // to StepsPerRound steps before the structure waits for the others.
            if (_evaluations[k] == 0 && Evaluate(k, x, g)) return;
            for (int s = 0; s < StepsPerRound; s++)
            {
                _steppers[k].Step(x, g, x);
                if (Evaluate(k, x, g)) return;
            }
        }

        // Evaluates structure k at x and tests it; true when it stopped (its result is then set).
        private bool Evaluate(int k, double[] x, double[] g)
        {
            _energies[k] = _objectives[k].ValueAndGradient(x, g);
            int evaluations = ++_evaluations[k];
            if (!AseRelaxation.ShouldStop(x, g, _energies[k], evaluations - 1, evaluations, _fmax, _maxSteps, _groupSize, null,
                    _cancellationToken, out var result))
                return false;
            Results[k] = result;
            return true;
        }
    }
}
