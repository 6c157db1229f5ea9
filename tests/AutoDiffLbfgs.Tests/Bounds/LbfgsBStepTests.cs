namespace AutoDiffLbfgs.Tests.Bounds;

/// <summary>The line search of L-BFGS-B never leaves the box, even when f keeps decreasing past the bound.</summary>
public class LbfgsBStepTests
{
    [Fact]
    public void TheStepIsCappedAtTheBoundWhenFKeepsDecreasing()
    {
        // f = Σxᵢ with x ≥ 0 from x = 5: the slope never rises, so Moré–Thuente would extrapolate without limit; the cap
        // (the largest feasible step) makes it stop exactly on the bound, where the projected gradient is zero.
        var visited = new List<double>();
        double[] x = [5, 3];
        var result = Lbfgs.Minimize<double>((x, g) =>
        {
            visited.AddRange(x.ToArray());
            g.Fill(1);
            return x[0] + x[1];
        }, x.AsSpan(), new LbfgsOptions { LowerBounds = [0, 0] });
        Assert.Equal(LbfgsTermination.ConvergedOnGradient, result.Termination);
        Assert.Equal([0.0, 0], x);
        Assert.All(visited, v => Assert.True(v >= 0, $"evaluated at {v}"));
    }
}
