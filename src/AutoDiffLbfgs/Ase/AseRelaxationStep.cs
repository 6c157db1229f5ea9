namespace AutoDiffLbfgs.Ase;

/// <summary>One point of a relaxation, handed to an <see cref="AseStepCallback"/>. Valid only during the call.</summary>
public readonly ref struct AseRelaxationStep
{
    internal AseRelaxationStep(int step, double energy, double fmax, ReadOnlySpan<double> positions, ReadOnlySpan<double> gradient)
    {
        Step = step;
        Energy = energy;
        Fmax = fmax;
        Positions = positions;
        Gradient = gradient;
    }

    /// <summary>Step number: 0 for the initial positions, k after k steps (ASE's <c>nsteps</c> when it logs).</summary>
    public int Step { get; }

    /// <summary>The energy at <see cref="Positions"/>.</summary>
    public double Energy { get; }

    /// <summary>The largest atom force norm at <see cref="Positions"/> (what ASE logs as fmax).</summary>
    public double Fmax { get; }

    /// <summary>The current positions, atom-major (x₀, y₀, z₀, x₁, …). Copy them to keep them.</summary>
    public ReadOnlySpan<double> Positions { get; }

    /// <summary>The gradient at <see cref="Positions"/> (forces are its negative).</summary>
    public ReadOnlySpan<double> Gradient { get; }
}
