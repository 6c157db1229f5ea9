using AutoDiffLbfgs.Numerics;

namespace AutoDiffLbfgs.Ase;

/// <summary>
/// The L-BFGS preconditioner of kups' <c>scale_by_ase_lbfgs(memory_size, alpha)</c> (an optax gradient
/// transformation) with its state made explicit: <see cref="Update"/> turns a gradient into H·g, H the L-BFGS inverse
/// Hessian with the fixed initial guess (1/alpha)·I. It neither negates nor limits the step: compose your own loop,
/// for example x ← x − min(1, maxstep/(L + 1e-12))·H·g as kups chains it with <c>max_step_size</c> and <c>scale(-1)</c>.
/// </summary>
/// <remarks>
/// State, as in kups: the update count, the previous parameters and gradient, and a cyclic buffer of
/// <see cref="MemorySize"/> slots of parameter differences s, gradient differences y and weights ρ. Update number
/// c (counting from 0) writes its pair into slot (c − 1) mod m (slot m − 1 for c = 0, where the pair is zero), so the
/// newest pair is always in slot (c − 1) mod m and the oldest in slot c mod m. ρ = 1/(yᵀs), or 0 when yᵀs == 0
/// exactly, which makes a zero-curvature pair (for example a repeated point) a no-op. The two-loop walks all m slots
/// from newest to oldest and back; empty slots have ρ = 0 and change nothing. No allocation after construction.
/// </remarks>
public sealed class AseLbfgsPreconditioner
{
    private readonly double[] _previousParameters;
    private readonly double[] _previousGradient;
    private readonly double[][] _parameterDifferences;
    private readonly double[][] _gradientDifferences;
    private readonly double[] _weights;
    private readonly double[] _a;
    private readonly double _identityScale;

    /// <summary>Creates the preconditioner for <paramref name="dimension"/> parameters.</summary>
    /// <param name="dimension">Number of parameters; ≥ 1.</param>
    /// <param name="memorySize">Slots in the cyclic buffer (kups' <c>memory_size</c>). Default 100; must be ≥ 1.</param>
    /// <param name="alpha">The initial inverse Hessian is (1/alpha)·I. Default 70; must be positive and finite.</param>
    public AseLbfgsPreconditioner(int dimension, int memorySize = 100, double alpha = 70.0)
    {
        if (dimension < 1)
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "The dimension must be at least 1.");
        if (memorySize < 1)
            throw new ArgumentOutOfRangeException(nameof(memorySize), memorySize, "memorySize must be at least 1.");
        if (!(alpha > 0.0 && double.IsFinite(alpha)))
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be positive and finite.");
        Dimension = dimension;
        MemorySize = memorySize;
        Alpha = alpha;
        _identityScale = 1.0 / alpha;
        _previousParameters = new double[dimension];
        _previousGradient = new double[dimension];
        _parameterDifferences = new double[memorySize][];
        _gradientDifferences = new double[memorySize][];
        for (int i = 0; i < memorySize; i++)
        {
            _parameterDifferences[i] = new double[dimension];
            _gradientDifferences[i] = new double[dimension];
        }
        _weights = new double[memorySize];
        _a = new double[memorySize];
    }

    /// <summary>Number of parameters.</summary>
    public int Dimension { get; }

    /// <summary>Slots in the cyclic buffer, m.</summary>
    public int MemorySize { get; }

    /// <summary>The initial inverse Hessian is (1/<see cref="Alpha"/>)·I.</summary>
    public double Alpha { get; }

    /// <summary>Updates done since construction or <see cref="Reset"/> (kups' <c>count</c>).</summary>
    public int Count { get; private set; }

    /// <summary>Parameters passed to the last <see cref="Update"/> (zeros before the first).</summary>
    public ReadOnlySpan<double> PreviousParameters => _previousParameters;

    /// <summary>Gradient passed to the last <see cref="Update"/> (zeros before the first).</summary>
    public ReadOnlySpan<double> PreviousGradient => _previousGradient;

    /// <summary>The parameter difference s stored in <paramref name="slot"/> (0 ≤ slot &lt; m).</summary>
    public ReadOnlySpan<double> ParameterDifference(int slot) => _parameterDifferences[CheckSlot(slot)];

    /// <summary>The gradient difference y stored in <paramref name="slot"/> (0 ≤ slot &lt; m).</summary>
    public ReadOnlySpan<double> GradientDifference(int slot) => _gradientDifferences[CheckSlot(slot)];

    /// <summary>The weight ρ stored in <paramref name="slot"/> (0 ≤ slot &lt; m); 0 for an empty or zero-curvature slot.</summary>
    public double Weight(int slot) => _weights[CheckSlot(slot)];

    /// <summary>
    /// Stores the pair (parameters − previous parameters, gradient − previous gradient) in slot (Count − 1) mod m
    /// (a zero pair on the first call), then writes H·<paramref name="gradient"/> into <paramref name="result"/>
    /// and increments <see cref="Count"/>. The first update therefore returns gradient/alpha (as gradient·(1/alpha)).
    /// </summary>
    /// <param name="gradient">The gradient at <paramref name="parameters"/> (kups' <c>updates</c>).</param>
    /// <param name="parameters">The current parameters.</param>
    /// <param name="result">Receives H·gradient (positive; negate it to descend). Must not overlap the inputs.</param>
    public void Update(ReadOnlySpan<double> gradient, ReadOnlySpan<double> parameters, Span<double> result)
    {
        if (gradient.Length != Dimension) throw new ArgumentException($"Expected {Dimension} entries.", nameof(gradient));
        if (parameters.Length != Dimension) throw new ArgumentException($"Expected {Dimension} entries.", nameof(parameters));
        if (result.Length != Dimension) throw new ArgumentException($"Expected {Dimension} entries.", nameof(result));

        int m = MemorySize;
        int newest = (Count - 1 + m) % m;
        Span<double> s = _parameterDifferences[newest], y = _gradientDifferences[newest];
        if (Count == 0)
        {
            // The differences are undefined before a previous point exists: kups stores zeros.
            s.Clear();
            y.Clear();
            _weights[newest] = 0.0;
        }
        else
        {
            for (int i = 0; i < s.Length; i++)
            {
                s[i] = parameters[i] - _previousParameters[i];
                y[i] = gradient[i] - _previousGradient[i];
            }
            double ys = VectorMath.Dot<double>(y, s);
            _weights[newest] = ys == 0.0 ? 0.0 : 1.0 / ys;
        }

        // Two-loop over every slot, oldest = Count mod m, newest = (Count − 1) mod m (Nocedal and Wright, Alg. 7.4).
        gradient.CopyTo(result);
        for (int j = m - 1; j >= 0; j--)
        {
            int k = (Count + j) % m;
            double a = _weights[k] * VectorMath.Dot<double>(_parameterDifferences[k], result);
            _a[k] = a;
            VectorMath.Axpy(-a, _gradientDifferences[k], result);
        }
        VectorMath.Scale(_identityScale, result);
        for (int j = 0; j < m; j++)
        {
            int k = (Count + j) % m;
            double b = _weights[k] * VectorMath.Dot<double>(_gradientDifferences[k], result);
            VectorMath.Axpy(_a[k] - b, _parameterDifferences[k], result);
        }

        parameters.CopyTo(_previousParameters);
        gradient.CopyTo(_previousGradient);
        Count++;
    }

    /// <summary>Returns to the initial state: count 0, zero previous point, every slot empty.</summary>
    public void Reset()
    {
        Count = 0;
        Array.Clear(_previousParameters);
        Array.Clear(_previousGradient);
        foreach (double[] v in _parameterDifferences) Array.Clear(v);
        foreach (double[] v in _gradientDifferences) Array.Clear(v);
        Array.Clear(_weights);
    }

    private int CheckSlot(int slot)
    {
        if ((uint)slot >= (uint)MemorySize)
            throw new ArgumentOutOfRangeException(nameof(slot), slot, "The slot must be in [0, MemorySize).");
        return slot;
    }
}
