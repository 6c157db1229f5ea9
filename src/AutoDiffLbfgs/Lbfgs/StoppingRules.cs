using System.Numerics;

namespace AutoDiffLbfgs;

/// <summary>
/// The stopping tests the L-BFGS-B and OWL-QN drivers share with the classic solver, in its order: before a step the
/// gradient test and cancellation; after an accepted step the callback, the gradient test, the relative decrease over
/// <see cref="LbfgsOptions.Past"/> iterations and the iteration limit. Each driver passes its own measure of the gradient.
/// </summary>
internal readonly struct StoppingRules
{
    private readonly LbfgsOptions _options;
    private readonly double[] _pastValues;
    private readonly bool _scipyDecrease;

    /// <param name="options">The solve's settings.</param>
    /// <param name="value0">f at the start (f₀ of the relative-decrease test).</param>
    /// <param name="scipyDecrease">
    /// Scale the decrease by max(|f<sub>k−past</sub>|, |f<sub>k</sub>|, 1), as L-BFGS-B's factr test, instead of max(1, |f<sub>k</sub>|).
    /// </param>
    public StoppingRules(LbfgsOptions options, double value0, bool scipyDecrease)
    {
        _options = options;
        _pastValues = new double[Math.Max(options.Past, 1)];
        _pastValues[0] = value0;
        _scipyDecrease = scipyDecrease;
    }

    /// <summary>The reason to stop before taking a step, or null to go on.</summary>
    public LbfgsTermination? BeforeStep<T>(double gradientNorm, ReadOnlySpan<T> x, CancellationToken cancellationToken)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Lbfgs.GradientConverged(_options, gradientNorm, x)) return LbfgsTermination.ConvergedOnGradient;
        if (cancellationToken.IsCancellationRequested) return LbfgsTermination.Cancelled;
        return null;
    }

    /// <summary>The reason to stop after accepted step number <paramref name="iterations"/>, or null to go on.</summary>
    public LbfgsTermination? AfterStep<T>(int iterations, double value, double gradientNorm, double step, ReadOnlySpan<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (_options.Callback is { } callback && !callback(new LbfgsProgress(iterations, value, gradientNorm, step)))
            return LbfgsTermination.StoppedByCallback;
        if (Lbfgs.GradientConverged(_options, gradientNorm, x)) return LbfgsTermination.ConvergedOnGradient;
        int past = _options.Past;
        if (past > 0)
        {
            // _pastValues[k mod past] holds f_k until it is replaced by f_{k+past}.
            int slot = iterations % past;
            double old = _pastValues[slot];
            double scale = _scipyDecrease ? Math.Max(Math.Max(Math.Abs(old), Math.Abs(value)), 1) : Math.Max(1, Math.Abs(value));
            if (iterations >= past && old - value <= _options.Delta * scale) return LbfgsTermination.ConvergedOnRelativeDecrease;
            _pastValues[slot] = value;
        }
        if (iterations >= _options.MaxIterations) return LbfgsTermination.MaxIterations;
        return null;
    }
}
