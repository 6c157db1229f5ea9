using System.Diagnostics;
using System.Text;

namespace AutoDiffLbfgs.IntegrationTests.Packaging;

/// <summary>The exit code and the interleaved standard output and error of a finished <c>dotnet</c> command.</summary>
/// <param name="CommandLine">The command as run, for failure messages.</param>
/// <param name="ExitCode">The process's exit code.</param>
/// <param name="Output">Standard output and standard error, line by line in arrival order.</param>
public sealed record DotnetCommandResult(string CommandLine, int ExitCode, string Output)
{
    /// <inheritdoc/>
    public override string ToString() => $"`{CommandLine}` exited with {ExitCode}:{Environment.NewLine}{Output}";
}

/// <summary>Runs the <c>dotnet</c> CLI as a child process, isolated from the test host's build environment.</summary>
internal static class DotnetCommand
{
    /// <summary>
    /// Generous: a cold restore and build on a busy 2-core machine takes well under a minute. The limit only stops a
    /// hung child from hanging the test run; no test asserts on elapsed time.
    /// </summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    /// <summary>Runs <c>dotnet <paramref name="arguments"/></c> in <paramref name="workingDirectory"/> and waits for it.</summary>
    /// <exception cref="TimeoutException">The command ran longer than <see cref="Timeout"/>; it and its children were killed.</exception>
    public static async Task<DotnetCommandResult> RunAsync(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(DotnetExecutable())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        IsolateEnvironment(start.Environment);

        string commandLine = "dotnet " + string.Join(' ', arguments);
        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        DataReceivedEventHandler append = (_, e) =>
        {
            if (e.Data is null) return;
            lock (output) output.AppendLine(e.Data);
        };
        process.OutputDataReceived += append;
        process.ErrorDataReceived += append;

        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{commandLine}` did not finish within {Timeout}; killed. Output so far:{Environment.NewLine}{Snapshot(output)}");
        }
        return new DotnetCommandResult(commandLine, process.ExitCode, Snapshot(output));
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output) return output.ToString();
    }

    /// <summary>The <c>dotnet</c> host running the tests when the SDK says so, else the one on PATH.</summary>
    private static string DotnetExecutable()
    {
        string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return host is not null && File.Exists(host) ? host : "dotnet";
    }

    /// <summary>
    /// Makes the child behave like a user's fresh shell. MSBuild variables inherited from the `dotnet test` that started
    /// this host would point the child at the parent build's state; a NUGET_PACKAGES override would bypass the private
    /// packages folder the consumer projects use. Node reuse and build servers are off because a lingering server that
    /// inherited our output pipes would keep this call waiting after the command itself has exited.
    /// </summary>
    private static void IsolateEnvironment(IDictionary<string, string?> environment)
    {
        foreach (var name in environment.Keys.ToList())
        {
            if (name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || name.Equals("NUGET_PACKAGES", StringComparison.OrdinalIgnoreCase))
            {
                environment.Remove(name);
            }
        }
        environment["MSBUILDDISABLENODEREUSE"] = "1";
        environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        environment["UseSharedCompilation"] = "false";
        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["DOTNET_NOLOGO"] = "1";
        environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
    }
}
