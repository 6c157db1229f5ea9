namespace AutoDiffLbfgs.Tests.Ase;

/// <summary>Comparisons shared by the ASE-mode tests.</summary>
internal static class AseAssert
{
    /// <summary>‖actual − expected‖∞ / max(1, ‖expected‖∞).</summary>
    public static double RelativeError(ReadOnlySpan<double> actual, ReadOnlySpan<double> expected)
    {
        Assert.Equal(expected.Length, actual.Length);
        double diff = 0.0, scale = 1.0;
        for (int i = 0; i < expected.Length; i++)
        {
            diff = Math.Max(diff, Math.Abs(actual[i] - expected[i]));
            scale = Math.Max(scale, Math.Abs(expected[i]));
        }
        return diff / scale;
    }

    public static void Close(ReadOnlySpan<double> actual, ReadOnlySpan<double> expected, double tolerance, string what)
    {
        double error = RelativeError(actual, expected);
        Assert.True(error <= tolerance, $"{what}: relative error {error:E3} > {tolerance:E1}");
    }

    public static void Close(double actual, double expected, double tolerance, string what)
    {
        double error = Math.Abs(actual - expected) / Math.Max(1.0, Math.Abs(expected));
        Assert.True(error <= tolerance, $"{what}: {actual:R} vs {expected:R}, relative error {error:E3} > {tolerance:E1}");
    }
}
