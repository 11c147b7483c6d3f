using System.Net;
using System.Text;
using System.Text.Json;
using Todo.DaprEmulator.Hosting;
using Todo.DaprEmulator.Tests.Infrastructure;

namespace Todo.DaprEmulator.Tests.Metadata;

public sealed class MetadataHttpApiTests
{
    private static readonly string Resources = ComponentYaml.Join(
        ComponentYaml.InMemoryStateStore,
        ComponentYaml.InMemoryPubSub,
        ComponentYaml.Component("only-for-b", "state.in-memory", [], ["app-b"]),
        """
        apiVersion: dapr.io/v2alpha1
        kind: Subscription
        metadata:
          name: orders
        spec:
          pubsubname: pubsub
          topic: orders
          routes:
            rules:
            - match: event.type == "big"
              path: /orders/big
            default: /orders
          deadLetterTopic: orders-dead
        scopes:
        - app-a
        ---
        apiVersion: dapr.io/v2alpha1
        kind: Subscription
        metadata:
          name: payments
        spec:
          pubsubname: pubsub
          topic: payments
          routes:
            default: /payments
        scopes:
        - app-a
        """);

    [Fact]
    public async Task HttpMetadataListsTheIdVersionsAndTheComponentsVisibleToTheAppWithTheirCapabilities()
    {
        await using var emulator = await StartAsync();
        using var http = emulator.Http("app-a");

        using var metadata = await GetMetadataAsync(http);
        var root = metadata.RootElement;

        Assert.Equal("app-a", root.GetProperty("id").GetString());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("runtimeVersion").GetString()));
        Assert.Equal(root.GetProperty("runtimeVersion").GetString(), root.GetProperty("extended").GetProperty("daprRuntimeVersion").GetString());
        var components = root.GetProperty("components").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
        Assert.Equal(["pubsub", "statestore"], components.Keys.Order());
        var state = components["statestore"];
        Assert.Equal("state.in-memory", state.GetProperty("type").GetString());
        Assert.Equal("v1", state.GetProperty("version").GetString());
        var capabilities = state.GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()).ToList();
        Assert.Contains("ETAG", capabilities);
        Assert.Contains("TRANSACTIONAL", capabilities);
        Assert.Contains("TTL", capabilities);
        Assert.Equal("pubsub.in-memory", components["pubsub"].GetProperty("type").GetString());
    }

    [Fact]
    public async Task AComponentScopedToAnotherAppIsListedOnlyForThatApp()
    {
        await using var emulator = await StartAsync();
        using var httpB = emulator.Http("app-b");

        using var metadata = await GetMetadataAsync(httpB);

        var names = metadata.RootElement.GetProperty("components").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();
        Assert.Contains("only-for-b", names);
        Assert.Equal("app-b", metadata.RootElement.GetProperty("id").GetString());
    }

    [Fact]
    public async Task HttpMetadataShowsAppConnectionPropertiesAndTheAppsSubscriptionsWithoutAnEmptyDefaultMatch()
    {
        await using var app = await TestApp.StartAsync(_ => { });
        await using var emulator = await EmulatorFixture.StartAsync([("resources.yaml", Resources)],
        [
            new SidecarOptions { AppId = "app-a", AppPort = app.Port },
        ]);
        using var http = emulator.Http("app-a");
        JsonElement subscription = default;
        JsonElement plain = default;
        await Poll.UntilAsync(async () =>
        {
            using var document = await GetMetadataAsync(http);
            if (document.RootElement.TryGetProperty("subscriptions", out var list) && list.GetArrayLength() == 2)
            {
                var byTopic = list.EnumerateArray().ToDictionary(e => e.GetProperty("topic").GetString()!, e => e.Clone());
                subscription = byTopic["orders"];
                plain = byTopic["payments"];
                return true;
            }

            return false;
        }, "the metadata lists both declarative subscriptions");

        Assert.Equal("pubsub", subscription.GetProperty("pubsubname").GetString());
        Assert.Equal("orders", subscription.GetProperty("topic").GetString());
        Assert.Equal("orders-dead", subscription.GetProperty("deadLetterTopic").GetString());
        Assert.Equal("DECLARATIVE", subscription.GetProperty("type").GetString());
        var rules = subscription.GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(2, rules.Count);
        Assert.Equal("event.type == \"big\"", rules[0].GetProperty("match").GetString());
        Assert.Equal("/orders/big", rules[0].GetProperty("path").GetString());
        Assert.False(rules[1].TryGetProperty("match", out _), "daprd omits the match of the default route");
        Assert.Equal("/orders", rules[1].GetProperty("path").GetString());

        Assert.Equal("", plain.GetProperty("deadLetterTopic").GetString());
        Assert.False(plain.TryGetProperty("metadata", out _), "daprd omits empty subscription metadata");
        Assert.Equal("/payments", Assert.Single(plain.GetProperty("rules").EnumerateArray()).GetProperty("path").GetString());

        using var metadata = await GetMetadataAsync(http);
        var connection = metadata.RootElement.GetProperty("appConnectionProperties");
        Assert.Equal(app.Port, connection.GetProperty("port").GetInt32());
        Assert.Equal("http", connection.GetProperty("protocol").GetString());
        Assert.Equal("127.0.0.1", connection.GetProperty("channelAddress").GetString());
    }

    [Fact]
    public async Task PutMetadataIs204AndTheValueShowsUnderExtended()
    {
        await using var emulator = await StartAsync();
        using var http = emulator.Http("app-a");

        using var put = await http.PutAsync("/v1.0/metadata/myDemoAttribute", new StringContent("my value", Encoding.UTF8, "text/plain"));
        using var metadata = await GetMetadataAsync(http);

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.Equal("my value", metadata.RootElement.GetProperty("extended").GetProperty("myDemoAttribute").GetString());
    }

    [Fact]
    public async Task ExtendedMetadataBelongsToOneSidecar()
    {
        await using var emulator = await StartAsync();
        using var httpA = emulator.Http("app-a");
        using var httpB = emulator.Http("app-b");

        using var put = await httpA.PutAsync("/v1.0/metadata/onlyA", new StringContent("1"));
        using var metadataB = await GetMetadataAsync(httpB);

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.False(metadataB.RootElement.GetProperty("extended").TryGetProperty("onlyA", out _));
    }

    [Fact]
    public async Task TheSdkReadsTheSameMetadataOverGrpc()
    {
        await using var emulator = await StartAsync();
        using var client = emulator.Client("app-a");

        var metadata = await client.GetMetadataAsync();

        Assert.Equal("app-a", metadata.Id);
        Assert.True(metadata.Extended.ContainsKey("daprRuntimeVersion"));
        var state = Assert.Single(metadata.Components, c => c.Name == "statestore");
        Assert.Equal("state.in-memory", state.Type);
        Assert.Equal("v1", state.Version);
        Assert.Contains("ETAG", state.Capabilities);
        Assert.DoesNotContain(metadata.Components, c => c.Name == "only-for-b");
    }

    [Fact]
    public async Task TheSdksSetMetadataShowsInHttpAndGrpcMetadata()
    {
        await using var emulator = await StartAsync();
        using var client = emulator.Client("app-a");
        using var http = emulator.Http("app-a");

        await client.SetMetadataAsync("fromGrpc", "yes");
        var viaGrpc = await client.GetMetadataAsync();
        using var viaHttp = await GetMetadataAsync(http);

        Assert.Equal("yes", viaGrpc.Extended["fromGrpc"]);
        Assert.Equal("yes", viaHttp.RootElement.GetProperty("extended").GetProperty("fromGrpc").GetString());
    }

    private static Task<EmulatorFixture> StartAsync() =>
        EmulatorFixture.StartAsync([("resources.yaml", Resources)],
        [
            new SidecarOptions { AppId = "app-a" },
            new SidecarOptions { AppId = "app-b" },
        ]);

    private static async Task<JsonDocument> GetMetadataAsync(HttpClient http)
    {
        using var response = await http.GetAsync("/v1.0/metadata");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }
}
