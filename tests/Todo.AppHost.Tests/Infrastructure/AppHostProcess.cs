using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Todo.AppHost.Tests.Infrastructure;

/// <summary>
/// The real AppHost as a child process (<c>dotnet Todo.AppHost.dll --random-ports</c> from the repo root), with its
/// output collected and the lines it prints about itself parsed: sidecar endpoints, app process ids, readiness.
/// </summary>
public sealed partial class AppHostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Seen)> _waiters = [];
    private readonly Lock _lock = new();

    private AppHostProcess(Process process) => _process = process;

    public int Pid => _process.Id;

    public IReadOnlyCollection<string> Lines => _lines;

    public static AppHostProcess Start(params string[] arguments)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepoRoot.Path,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        startInfo.ArgumentList.Add(AppHostDll);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = startInfo };
        var host = new AppHostProcess(process);
        process.OutputDataReceived += (_, e) => host.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => host.OnLine(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>The AppHost built next to these tests (same configuration), run from its own output folder.</summary>
    private static string AppHostDll
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<Configuration>/net10.0/
            var dll = Path.Combine(RepoRoot.Path, "src", "Todo.AppHost", "bin", configuration, "net10.0", "Todo.AppHost.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException("build src/Todo.AppHost first", dll);
        }
    }

    /// <summary>The first output line (already seen or still to come) that matches, or a TimeoutException.</summary>
    public Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (_lines.FirstOrDefault(match) is { } line)
            {
                return Task.FromResult(line);
            }

            _waiters.Add((match, seen));
        }

        return seen.Task.WaitAsync(timeout);
    }

    public Task<string> WaitForReadyAsync(TimeSpan timeout) => WaitForLineAsync(l => ReadyLine().IsMatch(l), timeout);

    /// <summary>The sidecar HTTP endpoint, gRPC endpoint and app URL of an app, from its <c>sidecar</c> line.</summary>
    public (Uri Http, Uri Grpc, Uri App) Sidecar(string appId)
    {
        var match = _lines.Select(l => SidecarLine().Match(l)).First(m => m.Success && m.Groups["id"].Value == appId);
        return (new Uri(match.Groups["http"].Value), new Uri(match.Groups["grpc"].Value), new Uri(match.Groups["app"].Value));
    }

    /// <summary>Every process id of an app's tree, from its <c>pids</c> line.</summary>
    public IReadOnlyList<int> Pids(string appId) => _lines.Select(l => PidsLine().Match(l))
        .First(m => m.Success && m.Groups["id"].Value == appId)
        .Groups["pids"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList();

    /// <summary>SIGTERM, as `kill` or a container runtime sends it (Ctrl+C takes the same path in the AppHost).</summary>
    public void Terminate() => Process.Start("kill", ["-TERM", Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lock)
        {
            _lines.Enqueue(line);
            foreach (var waiter in _waiters.Where(w => w.Match(line)).ToList())
            {
                waiter.Seen.TrySetResult(line);
                _waiters.Remove(waiter);
            }
        }
    }

    [GeneratedRegex(@"^\[apphost\] ready in (?<seconds>[\d.]+) s")]
    public static partial Regex ReadyLine();

    [GeneratedRegex(@"^\[apphost\] sidecar (?<id>\S+) http=(?<http>\S+) grpc=(?<grpc>\S+) app=(?<app>\S+)$")]
    private static partial Regex SidecarLine();

    [GeneratedRegex(@"^\[apphost\] pids (?<id>\S+) (?<pids>[\d ]+)$")]
    private static partial Regex PidsLine();

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
