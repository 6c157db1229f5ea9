namespace AutoDiffLbfgs.Ase;

/// <summary>
/// Relaxes positions with ASE 3.22's LBFGS rule (see <see cref="AseLbfgsStepper"/>), in the loop of ASE's
/// <c>Optimizer.run</c>: evaluate, test max over atoms of ‖g_atom‖ &lt; fmax, step, repeat, until converged or the step
/// budget is spent. One evaluation per step unless <see cref="AseSafeguard.Backtracking"/> is chosen.
/// </summary>
public static class AseRelaxation
{
    /// <summary>
    /// Relaxes <paramref name="positions"/> in place and reports how it went. Running out of steps is a result, not
    /// an exception (ASE returns <c>False</c>); so is cancellation.
    /// </summary>
    /// <typeparam name="TObjective">The energy; a struct (or ref struct) so calls are direct.</typeparam>
    /// <param name="objective">Energy and gradient (the gradient is −forces).</param>
    /// <param name="positions">Start positions, atom-major; overwritten with the last evaluated positions.</param>
    /// <param name="options">Settings; null means ASE's defaults (fmax 0.05). Validated here.</param>
    /// <param name="callback">Called for every accepted point, step 0 (the start) included; may be null.</param>
    /// <param name="cancellationToken">Checked before every step; when signalled the run stops with <see cref="AseTermination.Cancelled"/>.</param>
    public static AseRelaxationResult Relax<TObjective>(
        TObjective objective,
        Span<double> positions,
        AseLbfgsOptions? options = null,
        AseStepCallback? callback = null,
        CancellationToken cancellationToken = default)
        where TObjective : IDifferentiableObjective<double>, allows ref struct
    {
        options ??= new AseLbfgsOptions();
        options.Validate();
        if (positions.Length == 0 || positions.Length % options.GroupSize != 0)
            throw new ArgumentException("The number of coordinates must be positive and a multiple of the group size.", nameof(positions));

        var stepper = new AseLbfgsStepper(positions.Length, options);
        return Relax(objective, positions, stepper, callback, cancellationToken);
    }

    /// <summary>
    /// Relaxes <paramref name="positions"/> in place with an existing stepper, keeping its memory and previous point:
    /// the run continues where the stepper left off. Feeding a stepper the frames of an earlier trajectory first
    /// (as ASE's <c>replay_trajectory</c> does) therefore starts the relaxation with that curvature information; a
    /// freshly constructed or <see cref="AseLbfgsStepper.Reset"/> stepper gives the plain run. Reusing one stepper
    /// for many relaxations avoids allocating its memory each time. The settings are the stepper's.
    /// </summary>
    /// <typeparam name="TObjective">The energy; a struct (or ref struct) so calls are direct.</typeparam>
    /// <param name="objective">Energy and gradient (the gradient is −forces).</param>
    /// <param name="positions">Start positions, <see cref="AseLbfgsStepper.Dimension"/> long; overwritten with the last accepted positions.</param>
    /// <param name="stepper">The stepper to continue; its <see cref="AseLbfgsStepper.Options"/> govern the run.</param>
    /// <param name="callback">Called for every accepted point, step 0 (the start) included; may be null.</param>
    /// <param name="cancellationToken">Checked before every step; when signalled the run stops with <see cref="AseTermination.Cancelled"/>.</param>
    public static AseRelaxationResult Relax<TObjective>(
        TObjective objective,
        Span<double> positions,
        AseLbfgsStepper stepper,
        AseStepCallback? callback = null,
        CancellationToken cancellationToken = default)
        where TObjective : IDifferentiableObjective<double>, allows ref struct
    {
        ArgumentNullException.ThrowIfNull(stepper);
        return Relax(objective, positions, stepper, stepper.Options.Fmax, stepper.Options.MaxSteps, callback, cancellationToken);
    }

    /// <summary>
    /// Continues a relaxation with an existing stepper and its memory to a new threshold: ASE's second
    /// <c>opt.run(fmax=…)</c> on the same optimizer, as in <c>opt.run(fmax=0.05)</c> then <c>opt.run(fmax=1e-4)</c>.
    /// The first run's (s, y) pairs and previous point are kept, so the continued run follows ASE's trajectory, which
    /// a fresh stepper from the same positions would not. The other settings are the stepper's.
    /// </summary>
    /// <remarks>
    /// <see cref="AseRelaxationResult.Steps"/> and the callback's step numbers count from this call (step 0 is its
    /// start, reported again); ASE's <c>nsteps</c> carries on, so ASE's count is the sum over the calls. The budget
    /// <paramref name="maxSteps"/> is for this call. ASE 3.22's <c>steps</c> is instead a total over all calls
    /// (<c>nsteps &lt; max_steps</c>, and <c>steps=None</c> keeps the previous budget), so
    /// <c>run(steps=50)</c> then <c>run(steps=50)</c> takes no step in its second call there.
    /// </remarks>
    /// <typeparam name="TObjective">The energy; a struct (or ref struct) so calls are direct.</typeparam>
    /// <param name="objective">Energy and gradient (the gradient is −forces).</param>
    /// <param name="positions">Positions to continue from (usually where the previous call stopped); overwritten.</param>
    /// <param name="stepper">The stepper to continue.</param>
    /// <param name="fmax">Threshold of this call, ≥ 0 (0 runs <paramref name="maxSteps"/> steps).</param>
    /// <param name="maxSteps">Step budget of this call, ≥ 0.</param>
    /// <param name="callback">Called for every accepted point, this call's start included; may be null.</param>
    /// <param name="cancellationToken">Checked before every step.</param>
    public static AseRelaxationResult Relax<TObjective>(
        TObjective objective,
        Span<double> positions,
        AseLbfgsStepper stepper,
        double fmax,
        int maxSteps,
        AseStepCallback? callback = null,
        CancellationToken cancellationToken = default)
        where TObjective : IDifferentiableObjective<double>, allows ref struct
    {
        ArgumentNullException.ThrowIfNull(stepper);
        if (positions.Length != stepper.Dimension)
            throw new ArgumentException($"Expected {stepper.Dimension} coordinates, the stepper's dimension.", nameof(positions));
        if (!(fmax >= 0.0 && double.IsFinite(fmax)))
            throw new ArgumentOutOfRangeException(nameof(fmax), fmax, "fmax must be non-negative and finite.");
        ArgumentOutOfRangeException.ThrowIfNegative(maxSteps);
        AseLbfgsOptions options = stepper.Options with { Fmax = fmax, MaxSteps = maxSteps };
        var gradient = new double[positions.Length];
        return options.Safeguard == AseSafeguard.Backtracking
            ? RunWithBacktracking(ref objective, positions, gradient, stepper, options, callback, cancellationToken)
            : Run(ref objective, positions, gradient, stepper, options, callback, cancellationToken);
    }

    /// <summary>
    /// Relaxes <paramref name="positions"/> in place with ASE 3.22's FIRE (see <see cref="AseFireStepper"/>), in ASE's
    /// run loop: evaluate, test max over atoms of ‖g_atom‖ &lt; fmax, step, repeat. One evaluation per step.
    /// </summary>
    /// <typeparam name="TObjective">The energy; a struct (or ref struct) so calls are direct.</typeparam>
    /// <param name="objective">Energy and gradient (the gradient is −forces).</param>
    /// <param name="positions">Start positions, <see cref="AseFireStepper.Dimension"/> long; overwritten with the last positions.</param>
    /// <param name="stepper">The stepper to continue (its velocity, Δt and α are kept); its options govern the run.</param>
    /// <param name="callback">Called for every evaluated point, step 0 included; may be null.</param>
    /// <param name="cancellationToken">Checked before every step; when signalled the run stops with <see cref="AseTermination.Cancelled"/>.</param>
    public static AseRelaxationResult Relax<TObjective>(
        TObjective objective,
        Span<double> positions,
        AseFireStepper stepper,
        AseStepCallback? callback = null,
        CancellationToken cancellationToken = default)
        where TObjective : IDifferentiableObjective<double>, allows ref struct
    {
        ArgumentNullException.ThrowIfNull(stepper);
        if (positions.Length != stepper.Dimension)
            throw new ArgumentException($"Expected {stepper.Dimension} coordinates, the stepper's dimension.", nameof(positions));
        AseFireOptions o = stepper.Options;
        var g = new double[positions.Length];
        double energy = objective.ValueAndGradient(positions, g);
        int evaluations = 1;
        for (int step = 0; ; step++)
        {
            if (ShouldStop(positions, g, energy, step, evaluations, o.Fmax, o.MaxSteps, o.GroupSize, callback, cancellationToken, out var result))
                return result;
            stepper.Step(positions, g, positions);
            energy = objective.ValueAndGradient(positions, g);
            evaluations++;
        }
    }

    private static AseRelaxationResult Run<TObjective>(
        ref TObjective objective, Span<double> x, Span<double> g, AseLbfgsStepper stepper, AseLbfgsOptions options,
        AseStepCallback? callback, CancellationToken cancellationToken)
        where TObjective : IDifferentiableObjective<double>, allows ref struct
    {
        double energy = objective.ValueAndGradient(x, g);
        int evaluations = 1;
        for (int step = 0; ; step++)
        {
            if (ShouldStop(x, g, energy, step, evaluations, options, callback, cancellationToken, out var result)) return result;

            stepper.Step(x, g, x);
            energy = objective.ValueAndGradient(x, g);
            evaluations++;
        }
    }

    private static AseRelaxationResult RunWithBacktracking<TObjective>(
        ref TObjective objective, Span<double> x, Span<double> g, AseLbfgsStepper stepper, AseLbfgsOptions options,
        AseStepCallback? callback, CancellationToken cancellationToken)
        where TObjective : IDifferentiableObjective<double>, allows ref struct
    {
        const double c1 = 1e-4;
        // Energies of large clusters are sums of many terms; differences below this are rounding, not a rise.
        const double relativeNoise = 1e-12;
        const double growth = 1.1;
        int n = x.Length;
        var trial = new double[n];
        var trialGradient = new double[n];
        double energy = objective.ValueAndGradient(x, g);
        int evaluations = 1;
        double lastT = 1.0;
        for (int step = 0; ; step++)
        {
            if (ShouldStop(x, g, energy, step, evaluations, options, callback, cancellationToken, out var result)) return result;

            bool accepted = false;
            for (int attempt = 0; attempt < 2 && !accepted; attempt++)
            {
                if (attempt == 1) stepper.ClearMemory();
                // The stepper stores the pair from its previous call and writes x + p into trial.
                stepper.Step(x, g, trial);
                ReadOnlySpan<double> p = stepper.LastStep;
                double slope = Numerics.VectorMath.Dot<double>(g, p);
                // Start from the last accepted fraction, grown a little: a rejected full step is usually rejected again
                // at the next point, and trying it every time would cost about one extra evaluation per step.
                double t = Math.Min(1.0, growth * lastT);
                for (int halving = 0; halving <= options.MaxBacktracks; halving++)
                {
                    if (halving > 0) t *= 0.5;
                    if (halving > 0 || t != 1.0)
                    {
                        for (int i = 0; i < n; i++) trial[i] = x[i] + t * p[i];
                    }
                    double trialEnergy = objective.ValueAndGradient(trial, trialGradient);
                    evaluations++;
                    if (trialEnergy - energy <= c1 * t * slope + relativeNoise * Math.Abs(energy))
                    {
                        trial.CopyTo(x);
                        trialGradient.CopyTo(g);
                        energy = trialEnergy;
                        lastT = t;
                        accepted = true;
                        break;
                    }
                }
            }
            if (!accepted)
                return new(AseTermination.NoProgress, step, evaluations, energy, Math.Sqrt(AtomNorms.MaxSquared(g, options.GroupSize)));
        }
    }

    /// <summary>
    /// Reports the current point to the callback and decides whether the run ends here, in ASE's order: converged,
    /// then (our additions) non-finite, out of steps, cancelled.
    /// </summary>
    private static bool ShouldStop(
        ReadOnlySpan<double> x, ReadOnlySpan<double> g, double energy, int step, int evaluations, AseLbfgsOptions options,
        AseStepCallback? callback, CancellationToken cancellationToken, out AseRelaxationResult result) =>
        ShouldStop(x, g, energy, step, evaluations, options.Fmax, options.MaxSteps, options.GroupSize, callback, cancellationToken, out result);

    internal static bool ShouldStop(
        ReadOnlySpan<double> x, ReadOnlySpan<double> g, double energy, int step, int evaluations, double fmaxLimit,
        int maxSteps, int groupSize, AseStepCallback? callback, CancellationToken cancellationToken, out AseRelaxationResult result)
    {
        double maxSquared = AtomNorms.MaxSquared(g, groupSize);
        double fmax = Math.Sqrt(maxSquared);
        callback?.Invoke(new AseRelaxationStep(step, energy, fmax, x, g));
        AseTermination? reason =
            // ASE compares the squared norm with fmax² (strict), so a point exactly at fmax is not converged.
            maxSquared < fmaxLimit * fmaxLimit ? AseTermination.Converged
            : !double.IsFinite(energy) || !double.IsFinite(maxSquared) ? AseTermination.NonFiniteValue
            : step >= maxSteps ? AseTermination.MaxStepsReached
            : cancellationToken.IsCancellationRequested ? AseTermination.Cancelled
            : null;
        result = new(reason.GetValueOrDefault(), step, evaluations, energy, fmax);
        return reason.HasValue;
    }
}
