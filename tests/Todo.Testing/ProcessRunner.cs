using System.Diagnostics;

namespace Todo.Testing;

/// <summary>
/// Runs a real tool (pg_ctl, helm, node) to completion with its output captured, killing it at a deadline so a hung
/// tool fails the test instead of hanging the run.
/// </summary>
public static class ProcessRunner
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public static async Task<ProcessResult> RunAsync(string file, IEnumerable<string> arguments, TimeSpan? timeout = null,
        string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var limit = timeout ?? DefaultTimeout;
        using var process = Start(file, arguments, workingDirectory, environment, out var commandLine);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{commandLine} did not finish in {limit.TotalSeconds:0}s");
        }

        return new ProcessResult(commandLine, process.ExitCode, await stdout, await stderr);
    }

    /// <summary>As <see cref="RunAsync"/>, for callers (helm in xUnit theories) that are synchronous.</summary>
    public static ProcessResult Run(string file, IEnumerable<string> arguments, TimeSpan? timeout = null,
        string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var limit = timeout ?? DefaultTimeout;
        using var process = Start(file, arguments, workingDirectory, environment, out var commandLine);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{commandLine} did not finish in {limit.TotalSeconds:0}s");
        }

        return new ProcessResult(commandLine, process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Runs the tool and returns its standard output; a non-zero exit throws with what it wrote.</summary>
    public static async Task<string> RunCheckedAsync(string file, params string[] arguments) =>
        (await RunAsync(file, arguments)).EnsureSuccess().Stdout;

    private static Process Start(string file, IEnumerable<string> arguments, string? workingDirectory,
        IReadOnlyDictionary<string, string>? environment, out string commandLine)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        commandLine = string.Join(' ', [file, .. start.ArgumentList]);
        return Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
    }
}

/// <summary>How a tool run ended: exit code and everything it wrote.</summary>
public sealed record ProcessResult(string CommandLine, int ExitCode, string Stdout, string Stderr)
{
    /// <summary>This result, or an <see cref="InvalidOperationException"/> carrying the tool's output when it failed.</summary>
    public ProcessResult EnsureSuccess() => ExitCode == 0
        ? this
        : throw new InvalidOperationException($"{CommandLine} failed ({ExitCode}): {Stderr}{Stdout}");
}
