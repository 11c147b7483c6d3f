namespace Todo.DaprEmulator.Tests.Infrastructure;

/// <summary>
/// Waits for a state no event announces (a sidecar noticing that a port opened): checks on a timer and fails with a
/// clear message at a generous deadline, because the machine is shared.
/// </summary>
internal static class Until
{
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(20);
        using var deadline = new CancellationTokenSource(limit);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        while (!await condition())
        {
            try
            {
                await timer.WaitForNextTickAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"timed out after {limit.TotalSeconds:0}s waiting until {what}");
            }
        }
    }
}
