using System.Collections.Concurrent;
using Todo.Contracts.Diagnostics;

namespace Todo.Web.Features.Live;

/// <summary>
/// The latest diagnostics pings that arrived over pub/sub: the walking skeleton's publish → subscribe smoke test for
/// the AppHost and operators (<c>GET /diagnostics/pings</c>). Pings reach no circuit, so they stay out of
/// <see cref="LiveEventNotifier"/>.
/// </summary>
public sealed class RecentPings
{
    private const int Kept = 20;
    private readonly ConcurrentQueue<PingSent> _pings = new();

    /// <summary>The kept pings, newest last.</summary>
    public IReadOnlyList<PingSent> All => _pings.ToArray();

    public void Add(PingSent ping)
    {
        _pings.Enqueue(ping);
        while (_pings.Count > Kept && _pings.TryDequeue(out _))
        {
        }
    }
}
