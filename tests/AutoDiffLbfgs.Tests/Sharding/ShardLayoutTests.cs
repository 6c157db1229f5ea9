using AutoDiffLbfgs.Sharding;

namespace AutoDiffLbfgs.Tests.Sharding;

/// <summary>The layout maps global terms to (shard, row), and batches group their terms by shard in order.</summary>
public class ShardLayoutTests
{
    [Fact]
    public void GlobalTermsMapToShardAndRowSkippingEmptyShards()
    {
        var layout = new ShardLayout([3, 0, 2, 4]);
        Assert.Equal(9, layout.TermCount);
        Assert.Equal(4, layout.ShardCount);
        int[] expectedShard = [0, 0, 0, 2, 2, 3, 3, 3, 3];
        for (int i = 0; i < 9; i++) Assert.Equal(expectedShard[i], layout.ShardOf(i));
        Assert.Equal(3, layout.FirstTerm(2));
        Assert.Equal(5, layout.FirstTerm(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => layout.ShardOf(9));
        Assert.Equal(layout, new ShardLayout([3, 0, 2, 4]));
        Assert.NotEqual(layout, new ShardLayout([3, 2, 4]));
    }

    [Fact]
    public void BadLayoutsAreRejectedNamingTheShard()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new ShardLayout([3, -1]));
        Assert.Contains("Shard 1", e.Message);
        Assert.Throws<ArgumentException>(() => new ShardLayout([]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ShardLayout([0, 0]));
    }

    [Fact]
    public void BatchGroupsTermsByShardKeepingTheirOrderAndRepeats()
    {
        var layout = new ShardLayout([3, 0, 2, 4]);
        var batch = new ShardBatch(layout, capacity: 2);
        batch.Assign([8, 1, 3, 0, 8, 4, 2]);
        Assert.Equal(7, batch.Count);
        Assert.Equal([1, 0, 2], batch.Rows(0).ToArray());
        Assert.True(batch.Rows(1).IsEmpty);
        Assert.Equal([0, 1], batch.Rows(2).ToArray());
        Assert.Equal([3, 3], batch.Rows(3).ToArray());
        batch.Assign([5]);
        Assert.True(batch.Rows(0).IsEmpty);
        Assert.Equal([0], batch.Rows(3).ToArray());
    }
}
