using Todo.Contracts.Diagnostics;
using Todo.Web.Features.Live;

namespace Todo.Web.Tests;

public sealed class RecentPingsTests
{
    [Fact]
    public void OnlyTheLatestTwentyPingsAreKeptNewestLast()
    {
        var pings = new RecentPings();

        for (var i = 1; i <= 25; i++)
        {
            pings.Add(new PingSent($"ping {i}", DateTimeOffset.UnixEpoch.AddSeconds(i)));
        }

        Assert.Equal(Enumerable.Range(6, 20).Select(i => $"ping {i}"), pings.All.Select(p => p.Message));
    }
}
