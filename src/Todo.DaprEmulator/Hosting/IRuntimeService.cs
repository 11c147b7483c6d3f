namespace Todo.DaprEmulator.Hosting;

/// <summary>
/// An emulator-wide service shared by all sidecars (the pub/sub router, the job scheduler). Started once every
/// sidecar listens, stopped before the components are disposed.
/// </summary>
public interface IRuntimeService
{
    Task StartAsync(CancellationToken cancellationToken);

    Task StopAsync(CancellationToken cancellationToken);
}
