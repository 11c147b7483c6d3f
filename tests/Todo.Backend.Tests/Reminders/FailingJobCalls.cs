using System.Net;

namespace Todo.Backend.Tests.Reminders;

/// <summary>
/// Answers 500 to the first <c>count</c> Jobs API calls of one method (POST schedules, DELETE deletes), as a scheduler
/// that is briefly down would; plug it into the backend's <c>ReminderJobs</c> HTTP client.
/// </summary>
internal sealed class FailingJobCalls(HttpMethod method, int count)
{
    private readonly HttpMethod _method = method;
    private int _remaining = count;

    public DelegatingHandler Handler() => new Failing(this);

    /// <summary>The scheduler is back: no more failures.</summary>
    public void Recover() => Interlocked.Exchange(ref _remaining, 0);

    private sealed class Failing(FailingJobCalls owner) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            request.Method == owner._method && Interlocked.Decrement(ref owner._remaining) >= 0
                ? Task.FromResult(new HttpResponseMessage(HttpStatusCode.InternalServerError) { Content = new StringContent("scheduler unavailable") })
                : base.SendAsync(request, cancellationToken);
    }
}
