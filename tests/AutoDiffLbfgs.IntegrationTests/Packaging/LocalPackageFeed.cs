namespace AutoDiffLbfgs.IntegrationTests.Packaging;

/// <summary>
/// Packs the <c>AutoDiffLbfgs</c> package once per test class into a temporary folder feed, and lays out a scratch
/// folder where consumer projects restore from that feed only, into a packages folder of their own.
/// </summary>
/// <remarks>
/// Layout under <see cref="Root"/>: <c>feed/</c> (the .nupkg and .snupkg), <c>packages/</c> (the consumers' private
/// global packages folder, so neither a stale copy in the user's cache is used nor the test copy left there),
/// <c>NuGet.config</c>, empty <c>Directory.Build.props/targets</c> (so no settings from above the scratch folder reach
/// a consumer) and one folder per consumer project. The package version carries a unique suffix, so even a shared
/// cache could not serve an earlier run's package.
/// </remarks>
public sealed class LocalPackageFeed : IAsyncLifetime
{
    /// <summary>The scratch folder; deleted when the tests are done.</summary>
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "AutoDiffLbfgs.IntegrationTests", Guid.NewGuid().ToString("N"));

    /// <summary>The folder feed holding the packed package.</summary>
    public string Feed => Path.Combine(Root, "feed");

    /// <summary>The version the package was packed with: 0.1.0 plus a suffix unique to this run.</summary>
    public string Version { get; } = $"0.1.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Path of the packed .nupkg.</summary>
    public string PackagePath => Path.Combine(Feed, $"AutoDiffLbfgs.{Version}.nupkg");

    /// <summary>Path of the packed symbol package.</summary>
    public string SymbolPackagePath => Path.Combine(Feed, $"AutoDiffLbfgs.{Version}.snupkg");

    /// <summary>The pack command's result, for assertions on its output.</summary>
    public DotnetCommandResult Pack { get; private set; } = null!;

    /// <inheritdoc/>
    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Feed);
        File.WriteAllText(Path.Combine(Root, "NuGet.config"), """
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="packages" />
              </config>
              <packageSources>
                <clear />
                <add key="local" value="feed" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(Root, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(Root, "Directory.Build.targets"), "<Project />");

        // --no-build: the runtime and the generator are this test project's references, so they are already built in
        // this configuration; packing them again from source would double the time and write into the repository's
        // bin folders while other test assemblies run from them. The nuspec goes to the scratch folder for the same reason.
        Pack = await DotnetCommand.RunAsync(
            RepositoryLayout.Root,
            "pack", RepositoryLayout.RuntimeProject,
            "--no-build",
            "-c", RepositoryLayout.Configuration,
            "-o", Feed,
            $"-p:PackageVersion={Version}",
            $"-p:NuspecOutputPath={Path.Combine(Root, "nuspec")}{Path.DirectorySeparatorChar}");
        Assert.True(Pack.ExitCode == 0, Pack.ToString());
    }

    /// <summary>
    /// Writes a console project that references only the package (no project references), with the given source
    /// files, into its own folder under <see cref="Root"/>, and returns that folder. Without
    /// <paramref name="withReference"/> the project has no PackageReference yet (to add one as a user would).
    /// </summary>
    public string CreateConsumer(string name, IReadOnlyDictionary<string, string> sources, bool withReference = true)
    {
        string directory = Path.Combine(Root, name);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
            {(withReference ? $"""
              <ItemGroup>
                <PackageReference Include="AutoDiffLbfgs" Version="{Version}" />
              </ItemGroup>
            """ : "")}
            </Project>
            """);
        foreach (var (fileName, text) in sources) File.WriteAllText(Path.Combine(directory, fileName), text);
        return directory;
    }

    /// <inheritdoc/>
    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A scratch folder left in the temp directory is harmless; failing the run over it is not worth it.
        }
        return Task.CompletedTask;
    }
}
