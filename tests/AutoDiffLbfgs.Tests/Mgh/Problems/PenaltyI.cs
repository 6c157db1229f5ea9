namespace AutoDiffLbfgs.Tests.Mgh.Problems;

/// <summary>MGH (23) penalty I, m = n + 1: rᵢ = √a(xᵢ − 1), a = 1e-5, rₙ₊₁ = Σxⱼ² − ¼; x₀ⱼ = j; f*(4) = 2.24997e-5, f*(10) = 7.08765e-5.</summary>
public readonly struct PenaltyI(int n) : IMghProblem
{
    private const double A = 1e-5;

    public int Dimension => n;

    public double[] StartingPoint() => Enumerable.Range(1, n).Select(j => (double)j).ToArray();

    public double Value(ReadOnlySpan<double> x) => ValueAndGradient(x, new double[x.Length]);

    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> g)
    {
        double f = 0, squares = 0;
        for (int i = 0; i < n; i++)
        {
            f += A * (x[i] - 1) * (x[i] - 1);
            squares += x[i] * x[i];
        }
        double last = squares - 0.25;
        for (int i = 0; i < n; i++) g[i] = 2 * A * (x[i] - 1) + 4 * last * x[i];
        return f + last * last;
    }
}
