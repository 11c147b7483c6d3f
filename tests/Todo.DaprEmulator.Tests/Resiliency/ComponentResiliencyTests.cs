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
        subscriber.Respond = AnswerForM(Results.Ok(new { status = "RETRY" }));
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
        subscriber.Respond = AnswerForM(Results.NotFound());
        await using var emulator = await PubSubKit.StartAsync([("pubsub.yaml", Component()), ("resiliency.yaml", InboundRetry())], App("sub", subscriber));

        await AssertDeliveredOnceAsync(emulator, subscriber);
    }

    [Fact]
    public async Task InboundMatchingLimitsWhichAppStatusesAreRetried()
    {
        await using var subscriber = await Subscriber.StartAsync(Subscribe("t", "in"));
        subscriber.Respond = AnswerForM(Results.StatusCode(500));
        var resiliency = InboundRetry("""
                matching:
                  httpStatusCodes: "503"
            """);
        await using var emulator = await PubSubKit.StartAsync([("pubsub.yaml", Component()), ("resiliency.yaml", resiliency)], App("sub", subscriber));

        await AssertDeliveredOnceAsync(emulator, subscriber);
    }

    [Fact]
    public async Task AnInboundPolicyOfAnotherComponentDoesNotApply()
    {
        await using var subscriber = await Subscriber.StartAsync(Subscribe("t", "in"));
        subscriber.Respond = AnswerForM(Results.StatusCode(500));
        var resiliency = InboundRetry().Replace("  pubsub:", "  other-pubsub:", StringComparison.Ordinal);
        await using var emulator = await PubSubKit.StartAsync([("pubsub.yaml", Component()), ("resiliency.yaml", resiliency)], App("sub", subscriber));

        await AssertDeliveredOnceAsync(emulator, subscriber); // no retry
    }

    [Fact]
    public async Task AnInboundTimeoutCutsASlowDeliveryShortAndTheRetryPostsItAgain()
    {
        await using var subscriber = await Subscriber.StartAsync(Subscribe("t", "in"));
        var slow = new TaskCompletionSource();
        subscriber.Respond = (_, _, count) =>
        {
            if (count == 1)
            {
                slow.Task.Wait(TimeSpan.FromSeconds(5)); // the first post outlives the 300 ms timeout
            }

            return Results.Ok(new { status = "SUCCESS" });
        };
        var resiliency = Resource("""
            timeouts:
              quick: 300ms
            retries:
              again:
                policy: constant
                duration: 10ms
                maxRetries: 1
            """, """
            components:
              pubsub:
                inbound:
                  timeout: quick
                  retry: again
            """);
        await using var emulator = await PubSubKit.StartAsync([("pubsub.yaml", Component()), ("resiliency.yaml", resiliency)], App("sub", subscriber));

        await emulator.PublishAsync("sub", "t", "\"m\"");
        var first = await subscriber.NextAsync("/in");
        var second = await subscriber.NextAsync("/in"); // posted while the first is still waiting
        slow.SetResult();

        Assert.Equal(first.Id, second.Id);
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
        await using var emulator = await StartSecretsAsync(("resiliency.yaml", resiliency));
        using var response = await GetWhileTheFileIsMissingAsync(emulator);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"k":"v"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task WithoutAnOutboundPolicyAFailingSecretStoreCallIsNotRetried()
    {
        await using var emulator = await StartSecretsAsync();
        using var response = await GetWhileTheFileIsMissingAsync(emulator);

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
        await using var emulator = await StartSecretsAsync(("resiliency.yaml", resiliency));
        using var response = await GetWhileTheFileIsMissingAsync(emulator);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static Task<EmulatorFixture> StartSecretsAsync(params (string File, string Yaml)[] extra) =>
        EmulatorFixture.StartAsync([("secrets.json", """{"k":"v"}"""), ("secretstore.yaml", ComponentYaml.LocalFileSecretStore("secrets.json")), .. extra]);

    /// <summary>
    /// Gets secret <c>k</c> while its file is missing for 400 ms: local.file reads the file on every call, so each
    /// attempt fails until the file is back.
    /// </summary>
    private static async Task<HttpResponseMessage> GetWhileTheFileIsMissingAsync(EmulatorFixture emulator)
    {
        var file = Path.Combine(emulator.Resources.Directory, "secrets.json");
        File.Delete(file);
        using var http = emulator.Http();
        var call = http.GetAsync("/v1.0/secrets/secretstore/k");
        await Task.Delay(TimeSpan.FromMilliseconds(400));
        await File.WriteAllTextAsync(file, """{"k":"v"}""");
        return await call;
    }

    /// <summary>Publishes "m" then "next": deliveries are in order, so "next" arriving second proves "m" came once.</summary>
    private static async Task AssertDeliveredOnceAsync(EmulatorFixture emulator, Subscriber subscriber)
    {
        await emulator.PublishAsync("sub", "t", "\"m\"");
        await emulator.PublishAsync("sub", "t", "\"next\"");

        Assert.Equal("m", (await subscriber.NextAsync("/in")).Event.GetProperty("data").GetString());
        Assert.Equal("next", (await subscriber.NextAsync("/in")).Event.GetProperty("data").GetString());
    }

    /// <summary>The subscriber's answer: <paramref name="forM"/> to message "m", SUCCESS to any other.</summary>
    private static Func<string, Delivery, int, IResult> AnswerForM(IResult forM) =>
        (_, delivery, _) => delivery.Body.Contains("\"m\"", StringComparison.Ordinal) ? forM : Results.Ok(new { status = "SUCCESS" });
}
