namespace Todo.DaprEmulator.Tests.State;

/// <summary>
/// Waits for a condition that no event announces (a TTL running out): checks it on a timer and fails with a clear
/// message at the deadline. Generous deadlines, because the machine is shared.
/// </summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        using var deadline = new CancellationTokenSource(timeout);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
        while (!await condition())
        {
            try
            {
                await timer.WaitForNextTickAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"timed out after {timeout.TotalSeconds:0}s waiting until {what}");
            }
        }
    }
}
