using AutoDiffLbfgs.Numerics;

namespace AutoDiffLbfgs.Ase;

/// <summary>
/// One step of ASE 3.22's <c>FIRE.step</c> per call (Bitzek et al., PRL 97, 170201 (2006); ASE's
/// <c>ase/optimize/fire.py</c>), with the state ASE keeps between steps: the velocity v, the time step Δt, the mixing α
/// and the count of downhill steps. With forces F = −g, ASE's order is:
/// on the first call v = 0; on later calls, if F·v &gt; 0, v ← (1 − α)v + α·F·‖v‖/‖F‖ and, once more than N_min such
/// steps ran in a row, Δt ← min(f_inc·Δt, Δt_max) and α ← f_α·α; otherwise v ← 0, α ← α_start, Δt ← f_dec·Δt and the
/// count restarts. Then v ← v + Δt·F, Δx = Δt·v, scaled to <see cref="AseFireOptions.MaxStep"/> when ‖Δx‖ exceeds it
/// (the norm of the whole step), and x ← x + Δx. ASE's optional <c>downhill_check</c> is not reproduced.
/// </summary>
public sealed class AseFireStepper : IAseStepper
{
    private readonly double[] _velocity;
    private readonly double[] _step;

    /// <summary>Creates a stepper for <paramref name="dimension"/> coordinates.</summary>
    /// <param name="dimension">Number of coordinates; positive.</param>
    /// <param name="options">Settings; null means ASE's defaults. Validated here.</param>
    public AseFireStepper(int dimension, AseFireOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        Options = options ?? new AseFireOptions();
        Options.Validate();
        if (dimension % Options.GroupSize != 0)
            throw new ArgumentException("The dimension must be a multiple of the group size.", nameof(dimension));
        Dimension = dimension;
        _velocity = new double[dimension];
        _step = new double[dimension];
        Reset();
    }

    /// <summary>Number of coordinates.</summary>
    public int Dimension { get; }

    /// <summary>The settings.</summary>
    public AseFireOptions Options { get; }

    /// <summary>Steps taken since construction or <see cref="Reset"/>.</summary>
    public int Iteration { get; private set; }

    /// <summary>The current time step Δt (ASE's <c>dt</c>).</summary>
    public double Dt { get; private set; }

    /// <summary>The current mixing parameter α (ASE's <c>a</c>).</summary>
    public double A { get; private set; }

    /// <summary>Downhill steps in a row (ASE's <c>Nsteps</c>).</summary>
    public int DownhillCount { get; private set; }

    /// <summary>The velocity after the last step.</summary>
    public ReadOnlySpan<double> Velocity => _velocity;

    /// <summary>The displacement applied by the last step.</summary>
    public ReadOnlySpan<double> LastStep => _step;

    /// <summary>Forgets the velocity and restores Δt and α to the options' values (a new ASE optimizer).</summary>
    public void Reset()
    {
        Array.Clear(_velocity);
        Array.Clear(_step);
        Iteration = 0;
        Dt = Options.Dt;
        A = Options.A;
        DownhillCount = 0;
    }

    /// <summary>
    /// Takes one FIRE step from <paramref name="positions"/> with gradient <paramref name="gradient"/> (= −forces) and
    /// writes the new positions to <paramref name="nextPositions"/> (which may be <paramref name="positions"/>).
    /// </summary>
    public void Step(ReadOnlySpan<double> positions, ReadOnlySpan<double> gradient, Span<double> nextPositions)
    {
        if (positions.Length != Dimension) throw new ArgumentException($"Expected {Dimension} coordinates.", nameof(positions));
        if (gradient.Length != Dimension) throw new ArgumentException($"Expected {Dimension} coordinates.", nameof(gradient));
        if (nextPositions.Length != Dimension) throw new ArgumentException($"Expected {Dimension} coordinates.", nameof(nextPositions));
        AseFireOptions o = Options;
        Span<double> v = _velocity;
        int n = Dimension;
        if (Iteration > 0)
        {
            // P = F·v with F = −g.
            double vf = -VectorMath.Dot<double>(gradient, v);
            if (vf > 0.0)
            {
                // ASE: (1 − a)·v + a·f/‖f‖·‖v‖, evaluated left to right as ((a·f)/‖f‖)·‖v‖.
                double normF = Math.Sqrt(VectorMath.Dot<double>(gradient, gradient)), normV = Math.Sqrt(VectorMath.Dot<double>(v, v));
                for (int i = 0; i < n; i++) v[i] = (1.0 - A) * v[i] + A * -gradient[i] / normF * normV;
                if (DownhillCount > o.NMin)
                {
                    Dt = Math.Min(Dt * o.FInc, o.DtMax);
                    A *= o.Fa;
                }
                DownhillCount++;
            }
            else
            {
                v.Clear();
                A = o.AStart;
                Dt *= o.FDec;
                DownhillCount = 0;
            }
        }
        for (int i = 0; i < n; i++)
        {
            v[i] += Dt * -gradient[i];
            _step[i] = Dt * v[i];
        }
        double normDr = Math.Sqrt(VectorMath.Dot<double>(_step, _step));
        if (normDr > o.MaxStep)
            for (int i = 0; i < n; i++) _step[i] = o.MaxStep * _step[i] / normDr;
        for (int i = 0; i < n; i++) nextPositions[i] = positions[i] + _step[i];
        Iteration++;
    }
}
