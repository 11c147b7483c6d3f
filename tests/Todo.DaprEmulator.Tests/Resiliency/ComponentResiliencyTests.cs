using System.Net;
using Todo.DaprEmulator.Tests.Infrastructure;
using Todo.DaprEmulator.Tests.PubSub;
using static Todo.DaprEmulator.Tests.PubSub.PubSubKit;
using static Todo.DaprEmulator.Tests.Resiliency.ResiliencyKit;

namespace Todo.DaprEmulator.Tests.Resiliency;

/// <summary>
/// Component policies: <c>inbound</c> around the post of a pub/sub message to the subscriber
/// (dapr/dapr pkg/runtime/subscription/subscription.go) and <c>outbound</c> around the sidecar's calls to a component
/// (pkg/api/universal/secrets.go, pkg/api/http/http.go, pkg/runtime/pubsub/publisher/publisher.go), v1.18.3.
/// </summary>
public sealed class ComponentResiliencyTests
{
    private static string InboundRetry(string matching = "") => Resource($"""
        retries:
          deliver:
            policy: constant
            duration: 20ms
            maxRetries: 3
        {matching}
        """, """
        components:
          pubsub:
            inbound:
              retry: deliver
        """);

    [Fact]
    public async Task AnInboundRetryRedeliversToTheSubscriberUntilItSucceeds()
    {
        await using var subscriber = await Subscriber.StartAsync(Subscribe("t", "in"));
        subscriber.Respond = (_, _, count) => count < 3 ? Results.StatusCode(500) : Results.Ok(new { status = "SUCCESS" });
        await using var emulator = await PubSubKit.StartAsync([("pubsub.yaml", Component()), ("resiliency.yaml", InboundRetry())], App("sub", subscriber));

        await emulator.PublishAsync("sub", "t", "\"m\"");
        await emulator.PublishAsync("sub", "t", "\"next\"");
        var deliveries = new List<Delivery>();
        for (var i = 0; i < 4; i++)
        {
            deliveries.Add(await subscriber.NextAsync("/in"));
        }

        Assert.Equal(["m", "m", "m", "next"], deliveries.Select(d => d.Event.GetProperty("data").GetString()));
        Assert.All(deliveries.Take(3), d => Assert.Equal(deliveries[0].Id, d.Id)); // the same message, redelivered
    }

    [Fact]
    public async Task AnInboundRetryAlsoRetriesARetryStatusAndStopsAtMaxRetries()
    {
        await using var subscriber = await Subscriber.StartAsync(Subscribe("t", "in"));
        subscriber.Respond = (_, delivery, _) => delivery.Body.Contains("\"m\"", StringComparison.Ordinal)
            ? Results.Ok(new { status = "RETRY" })
            : Results.Ok(new { status = "SUCCESS" });
        await using var emulator = await PubSubKit.StartAsync([("pubsub.yaml", Component()), ("resiliency.yaml", InboundRetry())], App("sub", subscriber));

        await emulator.PublishAsync("sub", "t", "\"m\"");
        await emulator.PublishAsync("sub", "t", "\"next\"");
        var data = new List<string?>();
        for (var i = 0; i < 5; i++)
        {
            data.Add((await subscriber.NextAsync("/in")).Event.GetProperty("data").GetString());
        }

        Assert.Equal(["m", "m", "m", "m", "next"], data); // 1 + maxRetries: 3
    }

    [Fact]
    public async Task AnInboundRetryDoesNotRetryADropOrA404()
    {
        await using var subscriber = await Subscriber.StartAsync(Subscribe("t", "in"));
        subscriber.Respond = (_, delivery, _) => delivery.Body.Contains("\"m\"", StringComparison.Ordinal)
            ? Results.NotFound()
            : Results.Ok(new { status = "SUCCESS" });
        await using var emulator = await PubSubKit.StartAsync([("pubsub.yaml", Component()), ("resiliency.yaml", InboundRetry())], App("sub", subscriber));

        await emulator.PublishAsync("sub", "t", "\"m\"");
        await emulator.PublishAsync("sub", "t", "\"next\"");

        Assert.Equal("m", (await subscriber.NextAsync("/in")).Event.GetProperty("data").GetString());
        Assert.Equal("next", (await subscriber.NextAsync("/in")).Event.GetProperty("data").GetString());
    }

    [Fact]
    public async Task InboundMatchingLimitsWhichAppStatusesAreRetried()
    {
        await using var subscriber = await Subscriber.StartAsync(Subscribe("t", "in"));
        subscriber.Respond = (_, delivery, _) => delivery.Body.Contains("\"m\"", StringComparison.Ordinal)
            ? Results.StatusCode(500)
            : Results.Ok(new { status = "SUCCESS" });
        var resiliency = InboundRetry("""
                matching:
                  httpStatusCodes: "503"
            """);
        await using var emulator = await PubSubKit.StartAsync([("pubsub.yaml", Component()), ("resiliency.yaml", resiliency)], App("sub", subscriber));

        await emulator.PublishAsync("sub", "t", "\"m\"");
        await emulator.PublishAsync("sub", "t", "\"next\"");

        Assert.Equal("m", (await subscriber.NextAsync("/in")).Event.GetProperty("data").GetString());
        Assert.Equal("next", (await subscriber.NextAsync("/in")).Event.GetProperty("data").GetString());
    }

    [Fact]
    public async Task AnInboundPolicyOfAnotherComponentDoesNotApply()
    {
        await using var subscriber = await Subscriber.StartAsync(Subscribe("t", "in"));
        subscriber.Respond = (_, delivery, _) => delivery.Body.Contains("\"m\"", StringComparison.Ordinal)
            ? Results.StatusCode(500)
            : Results.Ok(new { status = "SUCCESS" });
        var resiliency = InboundRetry().Replace("  pubsub:", "  other-pubsub:", StringComparison.Ordinal);
        await using var emulator = await PubSubKit.StartAsync([("pubsub.yaml", Component()), ("resiliency.yaml", resiliency)], App("sub", subscriber));

        await emulator.PublishAsync("sub", "t", "\"m\"");
        await emulator.PublishAsync("sub", "t", "\"next\"");

        Assert.Equal("m", (await subscriber.NextAsync("/in")).Event.GetProperty("data").GetString());
        Assert.Equal("next", (await subscriber.NextAsync("/in")).Event.GetProperty("data").GetString()); // no retry
    }

    [Fact]
    public async Task AnOutboundRetryRecoversASecretStoreCallThatFailsAtFirst()
    {
        var resiliency = Resource("""
            retries:
              secrets:
                policy: constant
                duration: 100ms
                maxRetries: 20
            """, """
            components:
              secretstore:
                outbound:
                  retry: secrets
            """);
        await using var emulator = await EmulatorFixture.StartAsync(
            [("secrets.json", """{"k":"v"}"""), ("secretstore.yaml", ComponentYaml.LocalFileSecretStore("secrets.json")), ("resiliency.yaml", resiliency)]);
        var file = Path.Combine(emulator.Resources.Directory, "secrets.json");
        File.Delete(file); // local.file reads its file per call: every attempt fails until it is back
        using var http = emulator.Http();

        var call = http.GetAsync("/v1.0/secrets/secretstore/k");
        await Task.Delay(TimeSpan.FromMilliseconds(400));
        await File.WriteAllTextAsync(file, """{"k":"v"}""");
        using var response = await call;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"k":"v"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task WithoutAnOutboundPolicyAFailingSecretStoreCallIsNotRetried()
    {
        await using var emulator = await EmulatorFixture.StartAsync(
            [("secrets.json", """{"k":"v"}"""), ("secretstore.yaml", ComponentYaml.LocalFileSecretStore("secrets.json"))]);
        var file = Path.Combine(emulator.Resources.Directory, "secrets.json");
        File.Delete(file);
        using var http = emulator.Http();

        var call = http.GetAsync("/v1.0/secrets/secretstore/k");
        await Task.Delay(TimeSpan.FromMilliseconds(400));
        await File.WriteAllTextAsync(file, """{"k":"v"}""");
        using var response = await call;

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
    }

    [Fact]
    public async Task ADefaultComponentOutboundPolicyAppliesToComponentsNoTargetNames()
    {
        var resiliency = Resource("""
            retries:
              DefaultSecretstoreComponentOutboundRetryPolicy:
                policy: constant
                duration: 100ms
                maxRetries: 20
            """, "apps: {}");
        await using var emulator = await EmulatorFixture.StartAsync(
            [("secrets.json", """{"k":"v"}"""), ("secretstore.yaml", ComponentYaml.LocalFileSecretStore("secrets.json")), ("resiliency.yaml", resiliency)]);
        var file = Path.Combine(emulator.Resources.Directory, "secrets.json");
        File.Delete(file);
        using var http = emulator.Http();

        var call = http.GetAsync("/v1.0/secrets/secretstore/k");
        await Task.Delay(TimeSpan.FromMilliseconds(400));
        await File.WriteAllTextAsync(file, """{"k":"v"}""");
        using var response = await call;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
