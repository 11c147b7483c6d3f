namespace Todo.DaprEmulator.Jobs;

/// <summary>
/// The loop that sleeps on the injected <see cref="TimeProvider"/> until the earliest due job (or a change of the
/// table) and starts a delivery for every due one. It never fires early: a timer that wakes a little early only
/// causes another pass.
/// </summary>
internal sealed class JobTriggerLoop(JobTable table, TimeProvider time, Func<JobEntry, CancellationToken, Task> deliver) : IDisposable
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);

    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _abortDeliveries = new();
    private readonly object _deliveriesLock = new();
    private readonly List<Task> _deliveries = [];
    private Task? _loop;

    public bool IsStopping => _stopping.IsCancellationRequested;

    public void Start() => _loop = Task.Run(RunAsync, CancellationToken.None);

    public async Task StopAsync()
    {
        await _stopping.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }

        Task[] deliveries;
        lock (_deliveriesLock)
        {
            deliveries = _deliveries.ToArray();
        }

        // Triggers in flight get a grace period: one the app has answered is recorded, or a restart would repeat it.
        try
        {
            await Task.WhenAll(deliveries).WaitAsync(StopGrace, CancellationToken.None);
        }
        catch (TimeoutException)
        {
            await _abortDeliveries.CancelAsync();
            await Task.WhenAll(deliveries);
        }
    }

    public void Dispose()
    {
        _stopping.Dispose();
        _abortDeliveries.Dispose();
    }

    private async Task RunAsync()
    {
        var token = _stopping.Token;
        while (!token.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var (earliest, changed) = table.StartDue(now, Track);
            using var sleeping = CancellationTokenSource.CreateLinkedTokenSource(token);
            try
            {
                await Task.WhenAny(changed, Task.Delay(JobDueTime.SleepUntil(earliest, now), time, sleeping.Token));
            }
            finally
            {
                await sleeping.CancelAsync();
            }
        }
    }

    private void Track(JobEntry entry)
    {
        var delivery = deliver(entry, _abortDeliveries.Token);
        lock (_deliveriesLock)
        {
            _deliveries.Add(delivery);
        }

        _ = delivery.ContinueWith(
            t =>
            {
                lock (_deliveriesLock)
                {
                    _deliveries.Remove(t);
                }
            },
            TaskScheduler.Default);
    }
}
