namespace AutoDiffLbfgs.Stochastic;

/// <summary>
/// The fixed partition of a term sum into blocks: the first half of the reduction plan that makes every parallel sum
/// bit-identical for any number of threads. A sum of c terms (all rows of a shard, or a batch) is cut into consecutive
/// blocks of <see cref="BlockLength"/> terms; each block is summed sequentially in term order into its own slot, and
/// the slots are then added in block order. The cut depends only on c and on the dimension n, never on the core
/// count, so which thread sums which block cannot change a bit.
/// </summary>
/// <remarks>
/// Blocks hold at least <see cref="MinimumBlockLength"/> terms (enough work to outweigh handing a block to a thread)
/// and there are at most <see cref="MaxBlocks"/>(n) of them, so the partial sums (one vector of length n per block)
/// stay within <see cref="PartialElementBudget"/> elements: 64 blocks, enough to balance up to 16 threads or so, as
/// long as n ≤ 65,536, fewer for larger models. Batches of up to 4,096 terms are therefore cut exactly as the
/// stochastic mode always cut them, into chunks of 64.
/// </remarks>
internal static class TermBlocks
{
    /// <summary>The fewest terms in a block (the last block of a sum may hold fewer).</summary>
    public const int MinimumBlockLength = 64;

    /// <summary>The most blocks a sum is cut into when the dimension allows.</summary>
    public const int BlockLimit = 64;

    /// <summary>Bound on blocks × n, the number of elements of the partial sums (32 MiB of doubles).</summary>
    public const int PartialElementBudget = 1 << 22;

    /// <summary>The most blocks a sum in dimension <paramref name="dimension"/> is cut into: min(64, max(1, 2²² / n)).</summary>
    public static int MaxBlocks(int dimension) => Math.Clamp(PartialElementBudget / Math.Max(dimension, 1), 1, BlockLimit);

    /// <summary>Terms per block for a sum of <paramref name="count"/> terms: max(64, ⌈count / MaxBlocks(n)⌉).</summary>
    public static int BlockLength(int count, int dimension)
    {
        int maxBlocks = MaxBlocks(dimension);
        return Math.Max(MinimumBlockLength, (int)(((long)count + maxBlocks - 1) / maxBlocks));
    }

    /// <summary>The number of blocks a sum of <paramref name="count"/> terms is cut into (0 for an empty sum).</summary>
    public static int BlockCount(int count, int dimension)
    {
        int length = BlockLength(count, dimension);
        return (int)(((long)count + length - 1) / length);
    }
}
