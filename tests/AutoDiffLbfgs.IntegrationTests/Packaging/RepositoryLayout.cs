using System.Reflection;

namespace AutoDiffLbfgs.IntegrationTests.Packaging;

/// <summary>Where the repository and the projects the tests pack are, found from the test assembly's location.</summary>
internal static class RepositoryLayout
{
    /// <summary>The folder holding <c>AutoDiffLbfgs.sln</c>, the nearest one above the test assembly.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The runtime project, which packs into the <c>AutoDiffLbfgs</c> package.</summary>
    public static string RuntimeProject => Path.Combine(Root, "src", "AutoDiffLbfgs", "AutoDiffLbfgs.csproj");

    /// <summary>
    /// The configuration this test assembly was built in. The runtime and generator were built in the same one (they
    /// are project references), so packing them in it needs no second build.
    /// </summary>
    public static string Configuration { get; } =
        typeof(RepositoryLayout).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AutoDiffLbfgs.sln"))) return directory.FullName;
        }
        throw new InvalidOperationException($"No AutoDiffLbfgs.sln above {AppContext.BaseDirectory}: the tests must run from the repository's build output.");
    }
}
