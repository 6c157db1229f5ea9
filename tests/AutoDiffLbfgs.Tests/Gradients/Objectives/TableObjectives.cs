namespace AutoDiffLbfgs.Tests.Gradients.Objectives;

/// <summary>
/// Tables of data as C# holds them (issue 13): a two-dimensional design matrix read with <c>GetLength</c>, and
/// ragged rows in a jagged array read with <c>rows[i].Length</c>.
/// </summary>
public static partial class TableObjectives
{
    /// <summary>A tanh model over a <c>double[,]</c> design matrix, squared loss.</summary>
    [Objective]
    public static double Grid(ReadOnlySpan<double> x, double[,] design, double[] targets)
    {
        double s = 0.0;
        for (int i = 0; i < design.GetLength(0); i++)
        {
            double z = 0.0;
            for (int j = 0; j < design.GetLength(1); j++) z += design[i, j] * x[j];
            double r = Math.Tanh(z) - targets[i];
            s += r * r;
        }
        return s;
    }

    /// <summary>Ragged rows: row i holds the coefficients of a polynomial evaluated at <c>x[i]</c> by Horner's rule.</summary>
    [Objective]
    public static double Ragged(ReadOnlySpan<double> x, double[][] rows)
    {
        double s = 0.0;
        for (int i = 0; i < rows.Length; i++)
        {
            double p = 0.0;
            for (int k = rows[i].Length - 1; k >= 0; k--) p = p * x[i] + rows[i][k];
            s += Math.Exp(0.1 * p) + rows[i][0] * x[i] * x[i];
        }
        return s;
    }
}
