using AutoDiffLbfgs.Numerics;

namespace AutoDiffLbfgs.Ase;

/// <summary>
/// One ASE-mode L-BFGS step at a time, with the state kept here: the previous positions and gradient and the
/// (s, y, ρ) memory. Given the current positions and gradient, <see cref="Step"/> stores the new pair, computes
/// p = −H·g with H0 = (1/alpha)·I, limits the longest atom displacement to maxstep, applies damping and writes the
/// next positions. This is what ASE 3.22's <c>LBFGS.step</c> does (its <c>update</c> followed by the two-loop and
/// <c>determine_step</c>), so feeding it a recorded trajectory predicts every next frame of that trajectory.
/// </summary>
/// <remarks>
/// No allocation after construction. Not thread-safe. The stepper does not evaluate anything: drive it from your
/// own loop, or use <see cref="AseRelaxation"/>.<c>Relax</c>.
/// </remarks>
public sealed class AseLbfgsStepper : IAseStepper
{
    private readonly AseLbfgsOptions _options;
    private readonly LbfgsHistory<double> _history;
    private readonly double[] _previousPositions;
    private readonly double[] _previousGradient;
    private readonly double[] _hg;
    private readonly double[] _step;
    private readonly double _h0;
    private bool _hasPrevious;

    /// <summary>Creates a stepper for <paramref name="dimension"/> coordinates.</summary>
    /// <param name="dimension">Number of coordinates (3 × atoms for group size 3); ≥ 1 and a multiple of the group size.</param>
    /// <param name="options">Settings; null means the ASE defaults. Validated here.</param>
    public AseLbfgsStepper(int dimension, AseLbfgsOptions? options = null)
    {
        _options = options ?? new AseLbfgsOptions();
        _options.Validate();
        if (dimension < 1 || dimension % _options.GroupSize != 0)
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "The dimension must be positive and a multiple of the group size.");
        Dimension = dimension;
        // Memory = 0 keeps no pair (see Step); the history still needs one slot to exist.
        _history = new LbfgsHistory<double>(dimension, Math.Max(1, _options.Memory));
        _previousPositions = new double[dimension];
        _previousGradient = new double[dimension];
        _hg = new double[dimension];
        _step = new double[dimension];
        // ASE keeps H0 = 1./alpha and multiplies by it; dividing by alpha would round differently.
        _h0 = 1.0 / _options.Alpha;
    }

    /// <summary>Number of coordinates.</summary>
    public int Dimension { get; }

    /// <summary>The validated settings.</summary>
    public AseLbfgsOptions Options => _options;

    /// <summary>Steps taken since construction or <see cref="Reset"/> (ASE's <c>iteration</c>).</summary>
    public int Iteration { get; private set; }

    /// <summary>(s, y) pairs in memory, at most <see cref="AseLbfgsOptions.Memory"/> (none when it is 0).</summary>
    public int PairCount => _history.Count;

    /// <summary>Longest atom displacement of the last direction p = −H·g, before the maxstep scaling and damping.</summary>
    public double LongestStepUnclamped { get; private set; }

    /// <summary>The displacement added to the positions by the last <see cref="Step"/> (after scaling and damping).</summary>
    public ReadOnlySpan<double> LastStep => _step;

    /// <summary>
    /// Takes one step: stores the pair from the previous call (none on the first), computes the step and writes
    /// positions + step into <paramref name="nextPositions"/>.
    /// </summary>
    /// <param name="positions">Current positions, atom-major.</param>
    /// <param name="gradient">Gradient at <paramref name="positions"/> (ASE's −forces).</param>
    /// <param name="nextPositions">Receives the next positions; may be the same memory as <paramref name="positions"/>
    /// (the relaxation steps in place), must not overlap <paramref name="gradient"/>.</param>
    public void Step(ReadOnlySpan<double> positions, ReadOnlySpan<double> gradient, Span<double> nextPositions)
    {
        CheckLength(positions, nameof(positions));
        CheckLength(gradient, nameof(gradient));
        if (nextPositions.Length != Dimension)
            throw new ArgumentException($"Expected {Dimension} coordinates.", nameof(nextPositions));

        // ASE appends the pair, then pops the oldest once iteration > memory: with memory 0 nothing is kept.
        if (_hasPrevious && _options.Memory > 0) StorePair(positions, gradient);
        positions.CopyTo(_previousPositions);
        gradient.CopyTo(_previousGradient);
        _hasPrevious = true;

        // ASE's q starts as −forces, which is the gradient bit for bit.
        _history.ApplyInverseHessian(gradient, _hg, _h0);
        double longest = Math.Sqrt(AtomNorms.MaxSquared(_hg, _options.GroupSize));
        LongestStepUnclamped = longest;

        double maxStep = _options.MaxStep;
        bool scale;
        double factor, damping;
        if (_options.Variant == AseVariant.Kups)
        {
            // kups' max_step_size always multiplies, by min(1, maxstep / (L + 1e-12)), and has no damping.
            scale = true;
            factor = Math.Min(1.0, maxStep / (longest + 1e-12));
            damping = 1.0;
        }
        else
        {
            // ASE's determine_step rescales only when the longest step reaches maxstep.
            scale = longest >= maxStep;
            factor = scale ? maxStep / longest : 1.0;
            damping = _options.Damping;
        }

        Span<double> step = _step;
        ReadOnlySpan<double> hg = _hg;
        for (int i = 0; i < step.Length; i++)
        {
            // Same order as ASE: p = −z, p ← p·(maxstep/L), dr = p·damping, x ← x + dr.
            double d = -hg[i];
            if (scale) d *= factor;
            d *= damping;
            step[i] = d;
            nextPositions[i] = positions[i] + d;
        }
        Iteration++;
    }

    /// <summary>Forgets the memory and the previous point; the next <see cref="Step"/> starts like the first.</summary>
    public void Reset()
    {
        _history.Clear();
        _hasPrevious = false;
        Iteration = 0;
        LongestStepUnclamped = 0.0;
        Array.Clear(_step);
    }

    /// <summary>Forgets the (s, y) pairs but keeps the previous point, so the next step starts from H0 = (1/alpha)·I.</summary>
    public void ClearMemory() => _history.Clear();

    private void StorePair(ReadOnlySpan<double> positions, ReadOnlySpan<double> gradient)
    {
        // The pair is formed in the history's spare slot and committed only if it is kept.
        Span<double> s = _history.NextS, y = _history.NextY;
        ReadOnlySpan<double> xPrev = _previousPositions, gPrev = _previousGradient;
        for (int i = 0; i < s.Length; i++)
        {
            s[i] = positions[i] - xPrev[i];
            // ASE forms f_prev − f; with f = −g that is g − g_prev exactly.
            y[i] = gradient[i] - gPrev[i];
        }
        double ys = VectorMath.Dot<double>(y, s);
        double rho;
        if (_options.Safeguard == AseSafeguard.Backtracking)
        {
            // The safeguard keeps H positive definite so that −H·g is a descent direction.
            if (!(ys > 0.0)) return;
            rho = 1.0 / ys;
        }
        else if (_options.Variant == AseVariant.Kups)
        {
            rho = ys == 0.0 ? 0.0 : 1.0 / ys;
        }
        else
        {
            // ASE: no curvature test; yᵀs = 0 gives ±∞ like numpy.
            rho = 1.0 / ys;
        }
        _history.CommitNext(rho);
    }

    private void CheckLength(ReadOnlySpan<double> span, string name)
    {
        if (span.Length != Dimension) throw new ArgumentException($"Expected {Dimension} coordinates.", name);
    }
}
