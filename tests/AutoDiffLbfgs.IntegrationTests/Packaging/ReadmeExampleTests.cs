namespace AutoDiffLbfgs.IntegrationTests.Packaging;

/// <summary>
/// The README as a new user follows it: the install lines (the package added from a local folder feed, as the
/// README says to until it is published) and its first example pasted, unchanged, as the <c>Program.cs</c> of a new
/// console project, which must build clean and run.
/// </summary>
[Collection(PackedPackageCollection.Name)]
public sealed class ReadmeExampleTests(LocalPackageFeed feed)
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(RepositoryLayout.Root, "README.md"));

    [Fact]
    public async Task TheReadmeExampleRunsAsPrintedInAConsoleProjectThatAddedThePackageAsTheReadmeSays()
    {
        string example = CodeBlocks("csharp").First();
        string project = feed.CreateConsumer("Readme", new Dictionary<string, string> { ["Program.cs"] = example }, withReference: false);

        // The README's add line, with its feed folder replaced by the test's (the version is the test's prerelease).
        var addLine = CodeBlocks("").SelectMany(b => b.Split('\n')).Single(l => l.StartsWith("dotnet add package AutoDiffLbfgs", StringComparison.Ordinal));
        var arguments = addLine.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(a => a == "~/autodifflbfgs-feed" ? feed.Feed : a).ToArray();
        Assert.Contains(feed.Feed, arguments);
        var add = await DotnetCommand.RunAsync(project, arguments);
        Assert.True(add.ExitCode == 0, add.ToString());

        var run = await DotnetCommand.RunAsync(project, "run", "-c", "Release", "--disable-build-servers");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain(": warning ", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"Converged\w*: f = [0-9.eE+-]+ after \d+ iterations", run.Output);
    }

    [Fact]
    public void TheReadmePacksTheFeedItAddsFrom()
    {
        var lines = CodeBlocks("").SelectMany(b => b.Split('\n')).ToList();
        Assert.Contains("dotnet pack src/AutoDiffLbfgs -c Release -o ~/autodifflbfgs-feed", lines);
    }

    /// <summary>The fenced code blocks of README.md whose info string is <paramref name="language"/>, in order.</summary>
    private static IEnumerable<string> CodeBlocks(string language)
    {
        string? info = null;
        var block = new List<string>();
        foreach (var line in Readme.Split('\n'))
        {
            if (!line.StartsWith("```", StringComparison.Ordinal))
            {
                if (info is not null) block.Add(line);
                continue;
            }
            if (info is null)
            {
                info = line[3..].Trim();
                continue;
            }
            if (info == language) yield return string.Join('\n', block) + "\n";
            info = null;
            block.Clear();
        }
    }
}
