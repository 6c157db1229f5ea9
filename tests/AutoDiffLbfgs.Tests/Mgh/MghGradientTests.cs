namespace AutoDiffLbfgs.Tests.Mgh;

/// <summary>Each hand-written gradient against central finite differences, at the start point and at a nearby point.</summary>
public class MghGradientTests
{
    public static TheoryData<int> Cases()
    {
        var data = new TheoryData<int>();
        for (int k = 0; k < MghCatalog.All.Count; k++) data.Add(k);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void AnalyticGradientMatchesCentralDifferences(int index)
    {
        MghCase c = MghCatalog.All[index];
        if (c.Dimension > 200) return;
        var random = new Random(index);
        double[] start = c.StartingPoint;
        double[] shifted = start.Select(v => v + 0.05 * (random.NextDouble() - 0.5) * Math.Max(1, Math.Abs(v))).ToArray();
        foreach (double[] x in new[] { start, shifted })
        {
            double[] g = new double[c.Dimension];
            double f = c.Objective.ValueAndGradient(x, g);
            Assert.Equal(f, c.Objective.Value(x));
            double scale = Math.Max(1, g.Max(Math.Abs));
            for (int i = 0; i < c.Dimension; i++)
            {
                double h = 1e-6 * Math.Max(1, Math.Abs(x[i]));
                double[] plus = (double[])x.Clone(), minus = (double[])x.Clone();
                plus[i] += h;
                minus[i] -= h;
                double difference = (c.Objective.Value(plus) - c.Objective.Value(minus)) / (plus[i] - minus[i]);
                double tolerance = 1e-6 * scale + 1e-9 * Math.Abs(f) / h;
                Assert.True(Math.Abs(difference - g[i]) <= tolerance, $"{c}: ∂f/∂x{i} analytic {g[i]}, central {difference}");
            }
        }
    }
}
