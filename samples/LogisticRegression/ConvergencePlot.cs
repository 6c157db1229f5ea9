using ScottPlot;
using ScottPlot.TickGenerators;

namespace LogisticRegression;

/// <summary>Writes the convergence curves as a PNG with a logarithmic gap axis (ScottPlot 5).</summary>
public static class ConvergencePlot
{
    /// <summary>Plots log₁₀(gap) against data passes for every trace and saves the figure to <paramref name="path"/>.</summary>
    public static void Save(string path, IEnumerable<ConvergenceTrace> traces, string title)
    {
        var plot = new Plot();
        foreach (ConvergenceTrace trace in traces)
        {
            // Gaps at or below rounding level are clipped to 1e-16 so the log axis stays finite.
            double[] y = trace.Gaps.Select(g => Math.Log10(Math.Max(g, 1e-16))).ToArray();
            var line = plot.Add.ScatterLine(trace.Passes.ToArray(), y);
            line.LegendText = trace.Name;
            line.LineWidth = 2;
        }
        plot.Axes.Left.TickGenerator = new NumericAutomatic
        {
            MinorTickGenerator = new LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = y => $"1e{y:0}",
        };
        plot.Title(title);
        plot.XLabel("data passes (term gradients + Hessian-vector products) / N");
        plot.YLabel("L(w) − L*");
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, 900, 560);
    }
}
