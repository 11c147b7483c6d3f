using System.Diagnostics;
using System.Net;
using System.Text;
using Todo.DaprEmulator.Tests.Infrastructure;
using static Todo.DaprEmulator.Tests.Resiliency.ResiliencyKit;

namespace Todo.DaprEmulator.Tests.Resiliency;

/// <summary>
/// A state store's outbound retry and the ETag errors daprd does or does not retry (dapr/dapr v1.18.3
/// pkg/components/state/bulk.go: a single save's ETag error is permanent; pkg/api/http/http.go: a transaction runs
/// inside the policy as it is). Retries are 400 ms apart, so a retried call takes at least 1.2 s.
/// </summary>
public sealed class StateResiliencyTests
{
    private static readonly string Policy = Resource("""
        retries:
          slow:
            policy: constant
            duration: 400ms
            maxRetries: 3
        """, """
        components:
          statestore:
            outbound:
              retry: slow
        """);

    private static async Task<(HttpStatusCode Status, TimeSpan Elapsed)> PostAsync(HttpClient http, string path, string json)
    {
        var watch = Stopwatch.StartNew();
        using var response = await http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        return (response.StatusCode, watch.Elapsed);
    }

    [Fact]
    public async Task ASingleSaveWithAStaleETagIsNotRetried()
    {
        await using var emulator = await EmulatorFixture.StartAsync([("statestore.yaml", ComponentYaml.InMemoryStateStore), ("resiliency.yaml", Policy)]);
        using var http = emulator.Http();
        await PostAsync(http, "/v1.0/state/statestore", """[{"key":"k","value":1}]""");

        var (status, elapsed) = await PostAsync(http, "/v1.0/state/statestore", """[{"key":"k","value":2,"etag":"999"}]""");

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.True(elapsed < TimeSpan.FromMilliseconds(1000), $"took {elapsed}");
    }

    [Fact]
    public async Task ATransactionWithAStaleETagIsRetriedAsDaprdDoes()
    {
        await using var emulator = await EmulatorFixture.StartAsync([("statestore.yaml", ComponentYaml.InMemoryStateStore), ("resiliency.yaml", Policy)]);
        using var http = emulator.Http();
        await PostAsync(http, "/v1.0/state/statestore", """[{"key":"k","value":1}]""");

        var (status, elapsed) = await PostAsync(http, "/v1.0/state/statestore/transaction",
            """{"operations":[{"operation":"upsert","request":{"key":"k","value":2,"etag":"999"}}]}""");

        Assert.NotEqual(HttpStatusCode.NoContent, status);
        // Three waits of 400 ms. Timers may wake a few ms early (seen: 1197 ms), and two waits would be 800 ms, so
        // 1100 ms still tells three retries from fewer.
        Assert.True(elapsed >= TimeSpan.FromMilliseconds(1100), $"took {elapsed}");
    }

    [Fact]
    public async Task WithoutAPolicyATransactionConflictIsNotRetried()
    {
        await using var emulator = await EmulatorFixture.StartAsync([("statestore.yaml", ComponentYaml.InMemoryStateStore)]);
        using var http = emulator.Http();
        await PostAsync(http, "/v1.0/state/statestore", """[{"key":"k","value":1}]""");

        var (status, elapsed) = await PostAsync(http, "/v1.0/state/statestore/transaction",
            """{"operations":[{"operation":"upsert","request":{"key":"k","value":2,"etag":"999"}}]}""");

        Assert.NotEqual(HttpStatusCode.NoContent, status);
        Assert.True(elapsed < TimeSpan.FromMilliseconds(1000), $"took {elapsed}");
    }
}
