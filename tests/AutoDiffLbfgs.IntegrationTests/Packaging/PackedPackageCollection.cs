namespace AutoDiffLbfgs.IntegrationTests.Packaging;

/// <summary>
/// The tests that need the packed package share one <see cref="LocalPackageFeed"/>: the package is packed once, and
/// the tests of the collection run one after another (their builds would only compete for the same cores).
/// </summary>
[CollectionDefinition(Name)]
public sealed class PackedPackageCollection : ICollectionFixture<LocalPackageFeed>
{
    /// <summary>The collection's name, for <see cref="CollectionAttribute"/>.</summary>
    public const string Name = "Packed AutoDiffLbfgs package";
}
