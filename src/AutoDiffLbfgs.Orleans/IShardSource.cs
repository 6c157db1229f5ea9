using AutoDiffLbfgs.Sharding;

namespace AutoDiffLbfgs.Orleans;

/// <summary>
/// Where the shards of one problem come from on a silo: given a shard index, it loads that shard's rows and returns
/// its terms. Registered per problem with <see cref="ShardedSumSiloExtensions.AddShardedFiniteSum"/>; the shard grain
/// calls it once per activation, so data never travels with a call.
/// </summary>
public interface IShardSource
{
    /// <summary>Loads shard <paramref name="shard"/> and returns its terms (usually a <see cref="ShardTerms{T, TTerms}"/> over a generated <c>…Terms</c> struct).</summary>
    ValueTask<IShardTerms<double>> LoadAsync(int shard, CancellationToken cancellationToken);
}

/// <summary>Ready-made <see cref="IShardSource"/>s: a user factory, one file per shard, or a stream per shard.</summary>
public static class ShardSources
{
    /// <summary>Shards made by <paramref name="factory"/> (which may read a database, generate data, …).</summary>
    public static IShardSource FromFactory(Func<int, CancellationToken, ValueTask<IShardTerms<double>>> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return new FactorySource(factory);
    }

    /// <summary>
    /// Shard s read from the file <c>string.Format(pathFormat, s)</c> (for example <c>"data/part-{0:D3}.csv"</c>) by
    /// <paramref name="read"/>, which parses the stream and builds the terms.
    /// </summary>
    public static IShardSource FromFiles(string pathFormat, Func<int, Stream, IShardTerms<double>> read)
    {
        ArgumentNullException.ThrowIfNull(pathFormat);
        return FromStreams(s => File.OpenRead(string.Format(System.Globalization.CultureInfo.InvariantCulture, pathFormat, s)), read);
    }

    /// <summary>Shard s read by <paramref name="read"/> from the stream <paramref name="open"/>(s) returns (disposed afterwards).</summary>
    public static IShardSource FromStreams(Func<int, Stream> open, Func<int, Stream, IShardTerms<double>> read)
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(read);
        return new FactorySource((s, _) =>
        {
            using Stream stream = open(s);
            return ValueTask.FromResult(read(s, stream));
        });
    }

    private sealed class FactorySource(Func<int, CancellationToken, ValueTask<IShardTerms<double>>> factory) : IShardSource
    {
        public ValueTask<IShardTerms<double>> LoadAsync(int shard, CancellationToken cancellationToken) => factory(shard, cancellationToken);
    }
}
