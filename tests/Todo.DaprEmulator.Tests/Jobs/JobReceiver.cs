using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Todo.DaprEmulator.Tests.Infrastructure;

namespace Todo.DaprEmulator.Tests.Jobs;

/// <summary>
/// A test app with a <c>POST /job/{name}</c> handler that records when each trigger arrived, answering with the status
/// chosen per job name (200 unless told otherwise).
/// </summary>
public sealed class JobReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<JobTriggerReceived> _received = new();
    private readonly ConcurrentDictionary<string, int> _statusByName = new();
    private readonly object _waitersLock = new();
    private readonly List<(string Name, int Count, TaskCompletionSource Done)> _waiters = [];
    private TestApp? _app;

    public int Port => _app!.Port;

    public IReadOnlyList<JobTriggerReceived> Received => _received.ToList();

    public static async Task<JobReceiver> StartAsync(int port = 0)
    {
        var receiver = new JobReceiver();
        receiver._app = await TestApp.StartAsync(app => app.MapPost("/job/{name}", (string name, HttpRequest request) => receiver.OnTrigger(name, request)), port);
        return receiver;
    }

    public void AnswerWith(string jobName, int status) => _statusByName[jobName] = status;

    public IReadOnlyList<JobTriggerReceived> For(string jobName) => _received.Where(r => r.Name == jobName).ToList();

    /// <summary>Waits until <paramref name="count"/> triggers of a job have arrived.</summary>
    public async Task<IReadOnlyList<JobTriggerReceived>> WaitForAsync(string jobName, int count = 1, int timeoutSeconds = 20)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waitersLock)
        {
            if (For(jobName).Count >= count)
            {
                return For(jobName);
            }

            _waiters.Add((jobName, count, done));
        }

        await done.Task.WaitAsync(TimeSpan.FromSeconds(timeoutSeconds));
        return For(jobName);
    }

    private async Task<IResult> OnTrigger(string name, HttpRequest request)
    {
        var at = DateTimeOffset.UtcNow;
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        _received.Enqueue(new JobTriggerReceived(
            name, at, body, request.ContentType, request.ContentLength,
            request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
        lock (_waitersLock)
        {
            foreach (var waiter in _waiters.Where(w => w.Name == name && For(name).Count >= w.Count).ToList())
            {
                waiter.Done.TrySetResult();
                _waiters.Remove(waiter);
            }
        }

        return Results.StatusCode(_statusByName.GetValueOrDefault(name, 200));
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}

/// <summary>One trigger as the app saw it.</summary>
public sealed record JobTriggerReceived(
    string Name, DateTimeOffset At, string Body, string? ContentType, long? ContentLength, IReadOnlyDictionary<string, string> Headers);
