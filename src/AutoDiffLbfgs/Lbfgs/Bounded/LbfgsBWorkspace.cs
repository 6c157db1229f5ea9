using System.Numerics;

namespace AutoDiffLbfgs;

/// <summary>The arrays one L-BFGS-B solve works in, allocated once per solve so iterations allocate nothing.</summary>
internal sealed class LbfgsBWorkspace<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public LbfgsBWorkspace(int n, int memory)
    {
        Matrix = new CompactLbfgsMatrix<T>(n, memory);
        CauchyPoint = new T[n];
        CauchyDirection = new T[n];
        Reduced = new T[n];
        Free = new bool[n];
        BreakSteps = new double[n];
        BreakIndices = new int[n];
        P = new double[2 * memory];
        C = new double[2 * memory];
        Q = new double[2 * memory];
        V = new double[2 * memory];
        WRow = new double[2 * memory];
    }

    /// <summary>B in compact form, over the stored pairs.</summary>
    public CompactLbfgsMatrix<T> Matrix { get; }

    /// <summary>The generalised Cauchy point xᶜ; the subspace step turns it into the search target x̄.</summary>
    public T[] CauchyPoint { get; }

    /// <summary>The projected steepest-descent direction of the Cauchy search (components zeroed as variables reach bounds).</summary>
    public T[] CauchyDirection { get; }

    /// <summary>The reduced gradient r̂ and then the subspace step d̂ (zero outside the free set).</summary>
    public T[] Reduced { get; }

    /// <summary>Whether each variable is free at xᶜ (not held at a bound), i.e. in the subspace Z.</summary>
    public bool[] Free { get; }

    /// <summary>Breakpoints tᵢ of the piecewise-linear path, as a binary min-heap with <see cref="BreakIndices"/>.</summary>
    public double[] BreakSteps { get; }

    /// <summary>The variable of each breakpoint.</summary>
    public int[] BreakIndices { get; }

    /// <summary>p = Wᵀd along the Cauchy path.</summary>
    public double[] P { get; }

    /// <summary>c = Wᵀ(xᶜ − x).</summary>
    public double[] C { get; }

    /// <summary>
    /// q = WᵀZZᵀ(g + θ(xᶜ − x)), the free variables' part of Wᵀ(g + θ(xᶜ − x)), left by the Cauchy search for the subspace
    /// step: −p₀ + θc minus the rows of the variables fixed at breakpoints (p₀ = Wᵀd at the start of the path), so the
    /// subspace step needs no pass over n to form WᵀZ r̂.
    /// </summary>
    public double[] Q { get; }

    /// <summary>2m scratch (M times a vector).</summary>
    public double[] V { get; }

    /// <summary>2m scratch (a row of W).</summary>
    public double[] WRow { get; }
}
