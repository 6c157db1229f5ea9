using System.Globalization;

namespace AutoDiffLbfgs.Orleans;

/// <summary>The grain keys: "problem/shard" for a shard, "siloAddress|problem" for a silo's aggregator.</summary>
internal static class ShardKeys
{
    public static string Shard(string problem, int shard) => string.Create(CultureInfo.InvariantCulture, $"{problem}/{shard}");

    public static (string Problem, int Shard) ParseShard(string key)
    {
        int slash = key.LastIndexOf('/');
        return (key[..slash], int.Parse(key.AsSpan(slash + 1), CultureInfo.InvariantCulture));
    }

    public static string Aggregator(string silo, string problem) => $"{silo}|{problem}";

    public static string SiloOfAggregator(string key) => key[..key.IndexOf('|')];
}
