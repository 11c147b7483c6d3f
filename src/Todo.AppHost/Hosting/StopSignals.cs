using System.Runtime.InteropServices;

namespace Todo.AppHost.Hosting;

/// <summary>
/// Turns Ctrl+C, SIGTERM (and, when asked, the end of stdin) into one cancellation. A second Ctrl+C does not wait
/// for graceful shutdown: the process exits at once and the exit handler kills the children's trees.
/// </summary>
internal sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<PosixSignalRegistration> _registrations = [];

    public StopSignals(bool exitOnStdinClose)
    {
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal));
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal));
        if (exitOnStdinClose)
        {
            _ = Task.Run(WatchStdinAsync);
        }
    }

    public CancellationToken Token => _stop.Token;

    public string? Reason { get; private set; }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        if (_stop.IsCancellationRequested)
        {
            Environment.Exit(130);
        }

        Reason = context.Signal.ToString();
        _stop.Cancel();
    }

    private async Task WatchStdinAsync()
    {
        using var stdin = Console.OpenStandardInput();
        var buffer = new byte[256];
        while (await stdin.ReadAsync(buffer) > 0)
        {
        }

        Reason ??= "stdin closed";
        await _stop.CancelAsync();
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _stop.Dispose();
    }
}
