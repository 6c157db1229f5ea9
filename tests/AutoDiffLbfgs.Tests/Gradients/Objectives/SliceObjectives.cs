namespace AutoDiffLbfgs.Tests.Gradients.Objectives;

/// <summary>
/// Span slices and ranges as model ports write them (issue 13): blocks of the variables with a moving offset, ranges
/// with from-end indices, rows of the data, a local array written through slices and helpers over it.
/// </summary>
public static partial class SliceObjectives
{
    /// <summary>Blocks of <paramref name="width"/> variables as slices at a moving offset, read from both ends.</summary>
    [Objective]
    public static double Blocks(ReadOnlySpan<double> x, int width)
    {
        double s = 0.0;
        for (int b = 0; b < x.Length / width; b++)
        {
            ReadOnlySpan<double> block = x.Slice(b * width, width);
            double q = 0.0;
            for (int i = 0; i < block.Length; i++) q += block[i] * block[i];
            s += Math.Log(1.0 + q) + block[0] * block[^1];
        }
        return s;
    }

    /// <summary>Ranges: the interior, a slice of a slice, the first three, from-end indices, foreach over a range.</summary>
    [Objective]
    public static double Ranges(ReadOnlySpan<double> x)
    {
        ReadOnlySpan<double> inner = x[1..^1];
        double s = 0.0;
        for (int i = 0; i < inner.Length; i++) s += (inner[i] - x[i]) * (inner[i] - x[i + 2]);
        s += SumOfSquares(x[..3]) + Math.Sin(x[^2]) * x[^1];
        s += SumOfSquares(inner[2..]);
        foreach (double v in x[^3..]) s += Math.Cos(v);
        return s;
    }

    /// <summary>Rows of the data as <c>AsSpan(start, length)</c>, dotted with a slice of the variables.</summary>
    [Objective]
    public static double DataRows(ReadOnlySpan<double> x, double[] rows, int width)
    {
        ReadOnlySpan<double> weights = x.Slice(0, width);
        double s = 0.0;
        for (int r = 0; r < rows.Length / width; r++)
        {
            ReadOnlySpan<double> row = rows.AsSpan(r * width, width);
            double z = x[width];
            for (int c = 0; c < width; c++) z += row[c] * weights[c];
            s += Math.Log(1.0 + Math.Exp(z)) - row[^1] * z;
        }
        return s;
    }

    /// <summary>
    /// A local array written through two slices, then helpers over the slices and over the whole array
    /// (log-sum-exp, squared norm): intermediate arrays passed where the variables usually go.
    /// </summary>
    [Objective]
    public static double LocalArrayHelpers(ReadOnlySpan<double> x, int k)
    {
        double[] t = new double[2 * k];
        Span<double> head = t.AsSpan(0, k);
        Span<double> tail = t.AsSpan(k);
        for (int i = 0; i < k; i++)
        {
            head[i] = x[i] * x[k + i];
            tail[i] = Math.Cos(x[i]) - x[k + i];
        }
        return LogSumExp(head) + 0.5 * SquaredNorm(tail) + LogSumExp(t);
    }

    /// <summary>A slice keeps the offset it was declared with when the offset's local changes afterwards.</summary>
    [Objective]
    public static double MovedOffset(ReadOnlySpan<double> x)
    {
        int o = 1;
        ReadOnlySpan<double> a = x.Slice(o, 3);
        o = 3;
        ReadOnlySpan<double> b = x.Slice(o);
        double s = 0.0;
        for (int i = 0; i < 3; i++) s += a[i] * b[i] + Math.Exp(0.1 * a[i]);
        return s;
    }

    /// <summary>
    /// A helper over a span, with statements, called on a different slice of the variables in every pass of a loop:
    /// transformed once, its generated gradient and HVP run on each slice.
    /// </summary>
    [Objective]
    public static double BlockSoftMax(ReadOnlySpan<double> x, int width)
    {
        double s = 0.0;
        for (int b = 0; b < x.Length / width; b++) s += LogSumExp(x.Slice(b * width, width)) - 0.5 * x[b * width];
        return s + SumOfSquares(x[1..]);
    }

    /// <summary>A window given by data, for the bounds check: the method throws when it does not fit, and so must the derivatives.</summary>
    [Objective]
    public static double Window(ReadOnlySpan<double> x, int start, int length)
    {
        ReadOnlySpan<double> w = x.Slice(start, length);
        return SumOfSquares(w) + x[1..^1][0];
    }

    private static double SumOfSquares(ReadOnlySpan<double> v)
    {
        double s = 0.0;
        for (int i = 0; i < v.Length; i++) s += v[i] * v[i];
        return s;
    }

    private static double SquaredNorm(ReadOnlySpan<double> v)
    {
        double s = 0.0;
        foreach (double e in v) s += e * e;
        return s;
    }

    private static double LogSumExp(ReadOnlySpan<double> v)
    {
        double m = v[0];
        for (int i = 1; i < v.Length; i++) m = Math.Max(m, v[i]);
        double s = 0.0;
        for (int i = 0; i < v.Length; i++) s += Math.Exp(v[i] - m);
        return m + Math.Log(s);
    }
}
