using AutoDiffLbfgs.Sharding;
using static AutoDiffLbfgs.Tests.Stochastic.SqnTestSupport;

namespace AutoDiffLbfgs.Tests.Sharding;

/// <summary>
/// The reduction tree: its total is the documented pairwise tree over shard indices, and it has the same bits
/// however the shards are grouped into reducing nodes (silos) and in whatever order the nodes arrive.
/// </summary>
public class ShardPartialSumsTests
{
    [Fact]
    public void TotalIsThePairwiseTreeOverShardIndices()
    {
        // Values chosen so that different groupings round differently: ((a + b) + (c + d)) + e.
        double[] v = [1e16, 1, -1e16, 1, 3];
        var sums = new ShardPartialSums<double>(5, 1);
        for (int s = 0; s < 5; s++) sums.Add(s, 0, v[s], [v[s]]);
        var total = new double[1];
        double value = sums.Total(total);
        double expected = ((v[0] + v[1]) + (v[2] + v[3])) + v[4];
        Assert.Equal(expected, value);
        Assert.Equal(expected, total[0]);
        Assert.NotEqual(expected, (((v[0] + v[1]) + v[2]) + v[3]) + v[4]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(8)]
    [InlineData(13)]
    public void AnyGroupingAndArrivalOrderGivesTheSameBits(int shardCount)
    {
        const int n = 7;
        var random = new Random(shardCount);
        double[][] partial = Enumerable.Range(0, shardCount)
            .Select(_ => Enumerable.Range(0, n).Select(_ => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-8, 9))).ToArray()).ToArray();
        double[] values = partial.Select(p => p[0]).ToArray();

        var reference = new ShardPartialSums<double>(shardCount, n);
        for (int s = 0; s < shardCount; s++) reference.Add(s, 0, values[s], partial[s]);
        var expected = new double[n];
        double expectedValue = reference.Total(expected);

        for (int trial = 0; trial < 20; trial++)
        {
            // Shards dealt to up to four "silos" at random; each reduces what it holds and sends on its nodes.
            int silos = random.Next(1, 5);
            int[] owner = Enumerable.Range(0, shardCount).Select(_ => random.Next(silos)).ToArray();
            var nodes = new List<(int First, int Level, double Value, double[] Vector)>();
            for (int silo = 0; silo < silos; silo++)
            {
                var local = new ShardPartialSums<double>(shardCount, n);
                foreach (int s in Enumerable.Range(0, shardCount).Where(s => owner[s] == silo).OrderBy(_ => random.Next())) local.Add(s, 0, values[s], partial[s]);
                local.Reduce();
                for (int s = 0; s < shardCount; s++)
                {
                    if (local.LevelAt(s) >= 0) nodes.Add((s, local.LevelAt(s), local.ValueAt(s), local.VectorAt(s).ToArray()));
                }
            }
            var coordinator = new ShardPartialSums<double>(shardCount, n);
            foreach (var node in nodes.OrderBy(_ => random.Next())) coordinator.Add(node.First, node.Level, node.Value, node.Vector);
            var total = new double[n];
            Assert.Equal(BitConverter.DoubleToInt64Bits(expectedValue), BitConverter.DoubleToInt64Bits(coordinator.Total(total)));
            AssertBitwiseEqual(expected, total);
        }
    }

    [Fact]
    public void MissingShardIsNamedAndMisplacedNodesAreRejected()
    {
        var sums = new ShardPartialSums<double>(6, 2);
        sums.Add(0, 0, 1, [1, 2]);
        sums.Add(1, 0, 1, [1, 2]);
        sums.Add(4, 1, 1, [1, 2]);
        var e = Assert.Throws<InvalidOperationException>(() => sums.Total(new double[2]));
        Assert.Contains("shard 2", e.Message);
        Assert.Throws<ArgumentException>(() => sums.Add(3, 1, 0, [0, 0]));   // not aligned
        Assert.Throws<ArgumentException>(() => sums.Add(1, 0, 0, [0, 0]));   // already inside node (1, 0)
        Assert.Throws<ArgumentException>(() => sums.Add(0, 0, 0, [0, 0]));   // taken
    }
}
