using AutoDiffLbfgs.Lbfgs;
using Xunit.Abstractions;

namespace AutoDiffLbfgs.Tests.Mgh;

/// <summary>
/// Every MGH problem from its standard start reaches a published minimum with the settings of the liblbfgs reference
/// runs (Moré–Thuente, ‖∇f‖ ≤ 1e-6·max(1, ‖x‖)).
/// </summary>
public class MghSolveTests(ITestOutputHelper output)
{
    public static TheoryData<int, int> Cases()
    {
        var data = new TheoryData<int, int>();
        for (int k = 0; k < MghCatalog.All.Count; k++)
        {
            data.Add(k, 6);
            data.Add(k, 10);
        }
        return data;
    }

    /// <summary>Settings of the reference runs in docs/mgh.md.</summary>
    public static LbfgsOptions ReferenceOptions(int memory) => new()
    {
        Memory = memory,
        RelativeGradientTolerance = 1e-6,
        MaxIterations = 20_000,
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ReachesAPublishedMinimum(int index, int memory)
    {
        MghCase c = MghCatalog.All[index];
        var (result, _) = c.Solve(ReferenceOptions(memory));
        output.WriteLine($"{c} m={memory}: {result}");
        Assert.True(result.Converged, $"{c}: {result.Termination}");
        double nearest = c.Minima.MinBy(m => Math.Abs(result.Value - m));
        Assert.True(Math.Abs(result.Value - nearest) <= 1e-8 + 1e-5 * nearest, $"{c}: f = {result.Value:R}, published minima {string.Join(", ", c.Minima)}");
    }
}
