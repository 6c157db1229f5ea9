using System.Globalization;
using System.Text;

namespace AutoDiffLbfgs.Tests.Mgh;

/// <summary>Writes the table of docs/mgh.md when the environment variable ADL_MGH_REPORT names an output file.</summary>
public class MghReportTests
{
    [Fact]
    public void ReportTableHasOneRowPerCaseAndMemory()
    {
        string table = BuildTable();
        Assert.Equal(2 * MghCatalog.All.Count + 2, table.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        string? path = Environment.GetEnvironmentVariable("ADL_MGH_REPORT");
        if (!string.IsNullOrEmpty(path)) File.WriteAllText(path, table);
    }

    private static string BuildTable()
    {
        var text = new StringBuilder();
        text.AppendLine("| problem | n | m | ours: reason | ours: iter | ours: evals | ours: final f | liblbfgs iter / evals / f | scipy iter / evals / f | published f* |");
        text.AppendLine("| --- | ---: | ---: | --- | ---: | ---: | ---: | --- | --- | ---: |");
        foreach (int memory in new[] { 6, 10 })
        foreach (MghCase c in MghCatalog.All)
        {
            var (result, _) = c.Solve(MghSolveTests.ReferenceOptions(memory));
            var lib = MghReference.Find(MghReference.Liblbfgs, c.ReferenceKey, c.Dimension, memory);
            var sci = MghReference.Find(MghReference.Scipy, c.ReferenceKey, c.Dimension, memory);
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {c.Name} | {c.Dimension} | {memory} | {Reason(result.Termination)} | {result.Iterations} | {result.Evaluations} | {result.Value:G6} | {Format(lib)} | {Format(sci)} | {string.Join(" / ", c.Minima.Select(m => m.ToString("G6", CultureInfo.InvariantCulture)))} |"));
        }
        return text.ToString();
    }

    private static string Reason(LbfgsTermination termination) => termination switch
    {
        LbfgsTermination.ConvergedOnGradient => "gradient",
        LbfgsTermination.LineSearchFailed => "line search (at f*)",
        _ => termination.ToString(),
    };

    private static string Format(MghReferenceRun? run) => run is null
        ? "—"
        : string.Create(CultureInfo.InvariantCulture, $"{run.Iterations} / {run.Evaluations} / {run.FinalValue:G6}");
}
