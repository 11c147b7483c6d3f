using System.Diagnostics;
using Todo.AppHost.Output;

namespace Todo.AppHost.Processes;

/// <summary>
/// One command the AppHost runs (an app, or a build): output streamed line by line into the shared console with the
/// source's prefix, stdin empty (as under the Dapr CLI, which gives apps /dev/null), and a stop that takes the whole
/// process tree down.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _outputDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _openStreams = 2;

    private ChildProcess(string source, Process process)
    {
        Source = source;
        _process = process;
    }

    public string Source { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Completes when the process has exited and all its output was written.</summary>
    public async Task WaitForExitAsync(CancellationToken cancellationToken = default)
    {
        await _process.WaitForExitAsync(cancellationToken);
        await _outputDone.Task.WaitAsync(cancellationToken);
    }

    public static ChildProcess Start(
        string source,
        IReadOnlyList<string> command,
        string workingDirectory,
        IReadOnlyDictionary<string, string?> environment,
        ConsoleOutput output)
    {
        var startInfo = new ProcessStartInfo(command[0])
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in command.Skip(1))
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var child = new ChildProcess(source, process);
        process.OutputDataReceived += (_, e) => child.OnLine(e.Data, output, error: false);
        process.ErrorDataReceived += (_, e) => child.OnLine(e.Data, output, error: true);
        process.Start();
        ChildProcessRegistry.Add(child);
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>This process and its descendants right now.</summary>
    public IReadOnlyList<int> Tree() => HasExited ? [] : ProcessTree.Of(Pid);

    /// <summary>
    /// Stops the tree: SIGTERM to every process of it (a graceful ASP.NET Core shutdown), then after
    /// <paramref name="grace"/> a kill of whatever is left.
    /// </summary>
    public async Task StopAsync(TimeSpan grace)
    {
        var tree = HasExited ? [] : ProcessTree.Of(Pid);
        ProcessTree.Terminate(tree);
        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            while (tree.Any(ProcessTree.IsAlive))
            {
                await Task.Delay(50, timeout.Token);
            }
        }
        catch (OperationCanceledException)
        {
        }

        KillNow(tree);
        await _process.WaitForExitAsync();
    }

    /// <summary>Synchronous last resort (AppHost crash, process exit): kill the tree without waiting.</summary>
    public void KillNow(IReadOnlyList<int>? tree = null)
    {
        tree ??= HasExited ? [] : ProcessTree.Of(Pid);
        if (!HasExited)
        {
            try
            {
                _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
            }
        }

        // Descendants listed before the root exited may have been re-parented; kill them by id.
        foreach (var pid in tree.Where(ProcessTree.IsAlive))
        {
            ProcessTree.Kill(pid);
        }
    }

    private void OnLine(string? line, ConsoleOutput output, bool error)
    {
        if (line is null)
        {
            if (Interlocked.Decrement(ref _openStreams) == 0)
            {
                _outputDone.TrySetResult();
            }

            return;
        }

        output.WriteLine(Source, line, error && LooksLikeError(line));
    }

    // Many tools write progress to stderr; only colour it red when it says so.
    private static bool LooksLikeError(string line) =>
        line.Contains("error", StringComparison.OrdinalIgnoreCase) || line.Contains("fail", StringComparison.OrdinalIgnoreCase);

    public ValueTask DisposeAsync()
    {
        ChildProcessRegistry.Remove(this);
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
