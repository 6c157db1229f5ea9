using AutoDiffLbfgs;

namespace AutoDiffLbfgs.Tests.Ase;

/// <summary>E = ½xᵀAx − bᵀx with gradient Ax − b (A symmetric, row-major): the quad30 case of the ASE fixtures.</summary>
internal readonly struct QuadraticObjective(double[] a, double[] b) : IDifferentiableObjective<double>
{
    public double Value(ReadOnlySpan<double> x) => ValueAndGradient(x, new double[x.Length]);

    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        int n = x.Length;
        double quadratic = 0.0, linear = 0.0;
        for (int i = 0; i < n; i++)
        {
            double ax = 0.0;
            for (int j = 0; j < n; j++) ax += a[i * n + j] * x[j];
            quadratic += x[i] * ax;
            linear += b[i] * x[i];
            gradient[i] = ax - b[i];
        }
        return 0.5 * quadratic - linear;
    }
}
