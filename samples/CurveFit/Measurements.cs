namespace CurveFit;

/// <summary>Measured values <see cref="Values"/>[i] at times <see cref="Times"/>[i].</summary>
/// <param name="Times">Measurement times.</param>
/// <param name="Values">Measured values, one per time.</param>
public sealed record Measurements(double[] Times, double[] Values)
{
    /// <summary>Number of measurements.</summary>
    public int Count => Times.Length;

    /// <summary>
    /// Samples the decay model with <paramref name="trueParameters"/> at <paramref name="count"/> evenly spaced times
    /// in [0, <paramref name="duration"/>] and adds Gaussian noise of standard deviation <paramref name="noise"/>.
    /// The same seed gives the same measurements on every run and platform (a seeded <see cref="Random"/> keeps its
    /// algorithm across .NET versions).
    /// </summary>
    public static Measurements Synthesize(ReadOnlySpan<double> trueParameters, int count, double duration, double noise, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 2);
        var random = new Random(seed);
        var times = new double[count];
        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            times[i] = duration * i / (count - 1);
            values[i] = DecayModel.Evaluate(trueParameters, times[i]) + noise * StandardNormal(random);
        }
        return new Measurements(times, values);
    }

    /// <summary>A standard normal variate by the Box–Muller transform (1 − u keeps the logarithm's argument in (0, 1]).</summary>
    private static double StandardNormal(Random random)
    {
        double u = 1.0 - random.NextDouble(), v = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * v);
    }
}
