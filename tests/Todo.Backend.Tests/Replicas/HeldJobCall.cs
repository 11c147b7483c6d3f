namespace Todo.Backend.Tests.Replicas;

/// <summary>
/// Holds the next Jobs API schedule call (POST) for one task until released, whichever backend process makes it:
/// a scheduler call that is slow to land, so a later change's job call can overtake it. Plug it into the backend's
/// <c>ReminderJobs</c> HTTP client.
/// </summary>
public sealed class HeldJobCall
{
    private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _jobName;

    /// <summary>Completes once the call is being held.</summary>
    public Task Held => _held.Task;

    /// <summary>Holds the next schedule call of the task's job.</summary>
    public void Arm(string taskId) => Volatile.Write(ref _jobName, $"reminder-{taskId}");

    public void Release() => _release.TrySetResult();

    public DelegatingHandler Handler() => new Holding(this);

    private sealed class Holding(HeldJobCall owner) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var name = Volatile.Read(ref owner._jobName);
            if (request.Method == HttpMethod.Post && name is not null && request.RequestUri!.AbsolutePath.EndsWith("/" + name, StringComparison.Ordinal)
                && Interlocked.CompareExchange(ref owner._jobName, null, name) == name)
            {
                owner._held.TrySetResult();
                await owner._release.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }
}
