using AutoDiffLbfgs.Tests.Gradients.Objectives;

namespace AutoDiffLbfgs.Tests.Gradients;

/// <summary>
/// DESIGN.md §2: generated code is safe to call from several threads at once. The taped objectives are the ones
/// at risk (a tape shared between calls would mix iterations of different threads), so two threads hammer them
/// concurrently and every result must equal the single-threaded one bit for bit.
/// </summary>
public sealed class ConcurrencyTests
{
    private const int Iterations = 300;

    [Fact]
    public void TapedGradientsGiveIdenticalResultsWhenCalledConcurrently()
    {
        GradientFunctionCase[] cases =
        [
            new("Horner", (x, g) => ClassicObjectives.HornerGradient(x, g, GradientCases.HornerCoefficients)),
            new("Product", ClassicObjectives.ProductGradient),
            new("LogSumExp", ClassicObjectives.LogSumExpGradient),
            new("WhileWithBreak", ControlFlowObjectives.WhileWithBreakGradient),
        ];

        foreach (var testCase in cases)
        {
            // Different lengths per thread make a shared tape fail loudly rather than by coincidence.
            double[][] points = [GradientCases.Uniform(40, -1.2, 1.2)(new Random(5)), GradientCases.Uniform(70, -1.2, 1.2)(new Random(6))];
            var expected = points.Select(x =>
            {
                var g = new double[x.Length];
                double v = testCase.Gradient(x, g);
                return (Value: v, Gradient: g);
            }).ToArray();

            var failures = new int[points.Length];
            var threads = Enumerable.Range(0, points.Length).Select(t => new Thread(() =>
            {
                var g = new double[points[t].Length];
                for (int i = 0; i < Iterations; i++)
                {
                    double v = testCase.Gradient(points[t], g);
                    if (v != expected[t].Value || !g.AsSpan().SequenceEqual(expected[t].Gradient)) failures[t]++;
                }
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());

            Assert.True(failures.All(f => f == 0), $"{testCase.Name}: {string.Join(", ", failures)} mismatching calls per thread.");
        }
    }

    private sealed record GradientFunctionCase(string Name, GradientFunction<double> Gradient);
}
