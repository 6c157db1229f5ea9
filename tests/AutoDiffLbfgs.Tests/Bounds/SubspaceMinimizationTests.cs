namespace AutoDiffLbfgs.Tests.Bounds;

/// <summary>The subspace step against a dense solve of the reduced Newton system (BLNZ 1995 §5.1).</summary>
public class SubspaceMinimizationTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 3)]
    [InlineData(3, 5)]
    [InlineData(4, 5)]
    public void InsideTheBoxTheStepIsTheReducedNewtonStep(int seed, int pairs)
    {
        // Variables 0, 3, 6, 9 are held at their lower bound (g > 0 there); the others are free with bounds far away, so
        // the Morales–Nocedal projection changes nothing and x̄ = xᶜ − (ZᵀBZ)⁻¹ Zᵀ(g + B(xᶜ − x)) exactly.
        // Tolerance 1e-10 relative: the Woodbury form and the dense elimination round differently on a 12 × 12 system.
        const int n = 12;
        var random = new Random(seed);
        var work = CompactMatrixCases.Workspace(random, n, pairs);
        double[] lower = new double[n], upper = new double[n], x = new double[n], g = new double[n];
        for (int i = 0; i < n; i++)
        {
            bool held = i % 3 == 0;
            x[i] = random.NextDouble() - 0.5;
            lower[i] = held ? x[i] : -1e6;
            upper[i] = 1e6;
            g[i] = held ? 1 + random.NextDouble() : random.NextDouble() - 0.5;
        }
        var box = new BoxBounds(lower, upper);
        int free = GeneralizedCauchyPoint.Compute<double>(box, x, g, work);
        Assert.Equal(8, free);
        double[] xc = (double[])work.CauchyPoint.Clone();
        SubspaceMinimization.Apply<double>(box, x, g, work, free);

        double[,] b = CompactMatrixCases.DenseB(work.Matrix, n);
        int[] z = Enumerable.Range(0, n).Where(i => work.Free[i]).ToArray();
        double[] system = new double[z.Length * z.Length], rhs = new double[z.Length];
        for (int p = 0; p < z.Length; p++)
        {
            double r = g[z[p]];
            for (int j = 0; j < n; j++) r += b[z[p], j] * (xc[j] - x[j]);
            rhs[p] = -r;
            for (int q = 0; q < z.Length; q++) system[p * z.Length + q] = b[z[p], z[q]];
        }
        Assert.True(SmallDenseSystems.LuSolve(system, z.Length, rhs));
        double[] expected = (double[])xc.Clone();
        for (int p = 0; p < z.Length; p++) expected[z[p]] += rhs[p];

        for (int i = 0; i < n; i++) Assert.Equal(expected[i], work.CauchyPoint[i], 1e-10 * Math.Max(1, Math.Abs(expected[i])));
    }
}
