using System.Collections.Concurrent;
using Todo.Contracts.Diagnostics;

namespace Todo.Web.Features.Live;

/// <summary>
/// The bridge from Dapr subscriptions (HTTP requests from the sidecar) to open Blazor circuits: a singleton that
/// components subscribe to. Handlers run on the publisher's thread, so components must marshal with InvokeAsync.
/// </summary>
public sealed class LiveEventNotifier
{
    private const int Kept = 20;
    private readonly ConcurrentQueue<PingSent> _recent = new();

    public event Action<PingSent>? PingReceived;

    /// <summary>The latest pings, newest last (diagnostics and tests).</summary>
    public IReadOnlyList<PingSent> RecentPings => _recent.ToArray();

    public void Publish(PingSent ping)
    {
        _recent.Enqueue(ping);
        while (_recent.Count > Kept && _recent.TryDequeue(out _))
        {
        }

        PingReceived?.Invoke(ping);
    }
}
