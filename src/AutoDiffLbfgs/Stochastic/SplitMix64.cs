namespace AutoDiffLbfgs.Stochastic;

/// <summary>
/// The SplitMix64 generator (Steele, Lea &amp; Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014): a
/// 64-bit counter advanced by the golden-ratio increment and passed through a bijective mixer. Tiny state, good
/// statistical quality, and the mixer also serves to derive independent stream seeds from (seed, stream, counter).
/// </summary>
internal struct SplitMix64
{
    private ulong _state;

    /// <summary>Starts a stream from a 64-bit state.</summary>
    public SplitMix64(ulong state) => _state = state;

    /// <summary>The stream for (seed, purpose, index): the three are mixed so neighbouring indices give unrelated streams.</summary>
    public static SplitMix64 ForStream(ulong seed, ulong purpose, ulong index) =>
        new(Mix(Mix(seed ^ Mix(purpose + 0x9E3779B97F4A7C15UL)) + index));

    /// <summary>Returns the next 64 random bits.</summary>
    public ulong Next()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>Returns an unbiased integer in [0, <paramref name="bound"/>) by Lemire's multiply-and-reject method (ACM TOMACS 2019).</summary>
    public int NextBelow(int bound)
    {
        ulong range = (ulong)bound;
        UInt128 product = (UInt128)Next() * range;
        if ((ulong)product < range)
        {
            ulong threshold = (0UL - range) % range;
            while ((ulong)product < threshold) product = (UInt128)Next() * range;
        }
        return (int)(ulong)(product >> 64);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
