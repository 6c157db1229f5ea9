using System.Reflection;
using System.Runtime.CompilerServices;

namespace AutoDiffLbfgs.Generator.Tests.Infrastructure;

/// <summary>
/// Approval testing of generated source (Verify is not available here, so this is a small one of our own).
/// Baselines are committed as <c>Snapshots/{name}.verified.cs</c> next to the calling test file. On a mismatch the
/// actual text is written to <c>{name}.received.cs</c> (git-ignored) and the test fails with a diff command; a
/// reviewed received file becomes the new baseline by renaming it, or run the tests with
/// <c>ADL_UPDATE_SNAPSHOTS=1</c> to rewrite every baseline that is compared.
/// </summary>
internal static class Snapshot
{
    /// <summary>The environment variable that turns comparisons into baseline updates.</summary>
    public const string UpdateVariable = "ADL_UPDATE_SNAPSHOTS";

    /// <summary>Compares <paramref name="actual"/> with the baseline <paramref name="name"/>.</summary>
    /// <param name="actual">The generated text; line endings are normalised to <c>\n</c>.</param>
    /// <param name="name">The baseline's name, unique within the snapshot folder.</param>
    /// <param name="callerFilePath">Supplied by the compiler: locates the source tree's Snapshots folder.</param>
    public static void Verify(string actual, string name, [CallerFilePath] string callerFilePath = "")
    {
        actual = Normalize(actual);
        var directory = SnapshotDirectory(callerFilePath);
        var verified = Path.Combine(directory, name + ".verified.cs");
        var received = Path.Combine(directory, name + ".received.cs");

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(verified, actual);
            File.Delete(received);
            return;
        }

        if (!File.Exists(verified))
        {
            File.WriteAllText(received, actual);
            Assert.Fail($"No baseline {verified}. Review {received} and rename it to .verified.cs, or run the tests with {UpdateVariable}=1.");
        }

        var expected = Normalize(File.ReadAllText(verified));
        if (expected == actual)
        {
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, actual);
        Assert.Fail(
            $"Generated source differs from the baseline {FirstDifference(expected, actual)}.{Environment.NewLine}" +
            $"  diff -u '{verified}' '{received}'{Environment.NewLine}" +
            $"If the change is intended, rename the received file to .verified.cs or rerun with {UpdateVariable}=1.");
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    /// <summary>
    /// The Snapshots folder beside the calling test file. Deterministic CI builds map source paths to <c>/_/</c>; then
    /// the project directory recorded in the test assembly's metadata (see the csproj) is used instead.
    /// </summary>
    private static string SnapshotDirectory(string callerFilePath)
    {
        var callerDirectory = Path.GetDirectoryName(callerFilePath);
        if (callerDirectory is not null && Directory.Exists(callerDirectory))
        {
            return Path.Combine(callerDirectory, "Snapshots");
        }

        var projectDirectory = typeof(Snapshot).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "ProjectDirectory").Value!;
        return Path.Combine(projectDirectory, "Snapshots");
    }

    private static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (int line = 0; line < Math.Min(e.Length, a.Length); line++)
        {
            if (e[line] != a[line])
            {
                return $"at line {line + 1}:{Environment.NewLine}  expected: {e[line]}{Environment.NewLine}  actual:   {a[line]}";
            }
        }

        return $"in length ({e.Length} baseline lines, {a.Length} generated lines)";
    }
}
