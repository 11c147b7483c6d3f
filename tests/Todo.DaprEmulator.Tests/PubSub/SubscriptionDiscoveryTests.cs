using System.Text.Json;
using Todo.DaprEmulator.Hosting;
using Todo.DaprEmulator.Tests.Infrastructure;
using static Todo.DaprEmulator.Tests.PubSub.PubSubKit;

namespace Todo.DaprEmulator.Tests.PubSub;

public sealed class SubscriptionDiscoveryTests
{
    private const string RoutedByType = """
        [{"pubsubName":"pubsub","topic":"task-events","routes":{"rules":[
            {"match":"event.type == \"com.todo.task.created\"","path":"created"},
            {"match":"event.type == \"com.todo.task.completed\" && event.source != \"ignored\"","path":"/completed"}],
          "default":"other"}}]
        """;

    [Fact]
    public async Task V2RulesRouteByEventTypeAndTheRestGoesToTheDefault()
    {
        await using var subscriber = await Subscriber.StartAsync(RoutedByType);
        await using var emulator = await StartAsync(Component(), App("sub", subscriber));

        await emulator.PublishAsync("sub", "task-events", "{}", query: "?metadata.cloudevent.type=com.todo.task.created");
        await emulator.PublishAsync("sub", "task-events", "{}", query: "?metadata.cloudevent.type=com.todo.task.completed");
        await emulator.PublishAsync("sub", "task-events", "{}", query: "?metadata.cloudevent.type=com.todo.task.completed&metadata.cloudevent.source=ignored");

        Assert.Equal("com.todo.task.created", (await subscriber.NextAsync("/created")).Field("type"));
        Assert.Equal("com.todo.task.completed", (await subscriber.NextAsync("/completed")).Field("type"));
        Assert.Equal("ignored", (await subscriber.NextAsync("/other")).Field("source"));
    }

    [Fact]
    public async Task FieldNamesOfTheSubscribeAnswerAreCaseInsensitive()
    {
        await using var subscriber = await Subscriber.StartAsync("""[{"PUBSUBNAME":"pubsub","Topic":"t","ROUTE":"/in"}]""");
        await using var emulator = await StartAsync(Component(), App("sub", subscriber));

        await emulator.PublishAsync("sub", "t", "1");

        Assert.Equal(1, (await subscriber.NextAsync("/in")).Event.GetProperty("data").GetInt32());
    }

    [Fact]
    public async Task AMatchExpressionThatDoesNotParseDropsOnlyThatSubscription()
    {
        await using var subscriber = await Subscriber.StartAsync("""
            [{"pubsubName":"pubsub","topic":"bad","routes":{"rules":[{"match":"event.type.startsWith(\"x\")","path":"bad"}]}},
             {"pubsubName":"pubsub","topic":"good","route":"good"}]
            """);
        await using var emulator = await StartAsync(Component(), App("sub", subscriber));

        await emulator.PublishAsync("sub", "good", "1");

        await subscriber.NextAsync("/good");
        Assert.Equal(["good"], emulator.Host["sub"].Subscriptions.Select(s => s.Topic));
    }

    [Fact]
    public async Task ADeclarativeSubscriptionDeliversToItsScopedApp()
    {
        const string declarative = """
            apiVersion: dapr.io/v2alpha1
            kind: Subscription
            metadata:
              name: reminders
            spec:
              pubsubname: pubsub
              topic: reminders
              routes:
                rules:
                - match: event.type == "com.todo.reminder.due"
                  path: /due
                default: /reminders
              deadLetterTopic: reminders-dead
            scopes:
            - sub
            """;
        await using var subscriber = await Subscriber.StartAsync("[]");
        await using var other = await Subscriber.StartAsync("[]");
        await using var emulator = await StartAsync([("pubsub.yaml", Component()), ("subscription.yaml", declarative)],
            App("sub", subscriber), App("other", other));

        await emulator.PublishAsync("sub", "reminders", "{}", query: "?metadata.cloudevent.type=com.todo.reminder.due");
        var due = await subscriber.NextAsync("/due");

        Assert.Equal("reminders", due.Field("topic"));
        var info = Assert.Single(emulator.Host["sub"].Subscriptions);
        Assert.Equal("DECLARATIVE", info.Type);
        Assert.Equal("reminders-dead", info.DeadLetterTopic);
        Assert.Empty(emulator.Host["other"].Subscriptions);
    }

    [Fact]
    public async Task AProgrammaticSubscriptionReplacesTheDeclarativeOneForTheSameTopic()
    {
        const string declarative = """
            apiVersion: dapr.io/v1alpha1
            kind: Subscription
            metadata:
              name: orders
            spec:
              pubsubname: pubsub
              topic: orders
              route: /declared
            """;
        await using var subscriber = await Subscriber.StartAsync(Subscribe("orders", "programmed"));
        await using var emulator = await StartAsync([("pubsub.yaml", Component()), ("subscription.yaml", declarative)], App("sub", subscriber));

        await emulator.PublishAsync("sub", "orders", "1");
        await emulator.PublishAsync("sub", "orders", "2");
        await subscriber.NextAsync("/programmed");
        await subscriber.NextAsync("/programmed");

        Assert.Empty(subscriber.Drain("/declared"));
        var info = Assert.Single(emulator.Host["sub"].Subscriptions);
        Assert.Equal("PROGRAMMATIC", info.Type);
    }

    [Fact]
    public async Task TheMetadataApiListsTheSubscriptionsOverHttpAndGrpc()
    {
        await using var subscriber = await Subscriber.StartAsync("""
            [{"pubsubName":"pubsub","topic":"task-events","routes":{"rules":[{"match":"event.type == \"a\"","path":"a"}],"default":"rest"},
              "metadata":{"rawPayload":"true"},"deadLetterTopic":"dead"}]
            """);
        await using var emulator = await StartAsync(Component(), App("sub", subscriber));
        using var http = emulator.Http("sub");
        // DaprClient.GetMetadataAsync does not surface subscriptions; the generated gRPC client does.
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(emulator.Host["sub"].GrpcEndpoint);
        var grpcClient = new Dapr.Client.Autogen.Grpc.v1.Dapr.DaprClient(channel);

        var json = JsonDocument.Parse(await http.GetStringAsync("/v1.0/metadata")).RootElement;
        var metadata = await grpcClient.GetMetadataAsync(new Dapr.Client.Autogen.Grpc.v1.GetMetadataRequest());

        var subscription = Assert.Single(json.GetProperty("subscriptions").EnumerateArray());
        Assert.Equal("pubsub", subscription.GetProperty("pubsubname").GetString());
        Assert.Equal("task-events", subscription.GetProperty("topic").GetString());
        Assert.Equal("dead", subscription.GetProperty("deadLetterTopic").GetString());
        Assert.Equal("PROGRAMMATIC", subscription.GetProperty("type").GetString());
        Assert.Equal("true", subscription.GetProperty("metadata").GetProperty("rawPayload").GetString());
        var rules = subscription.GetProperty("rules").EnumerateArray().Select(r => (r.TryGetProperty("match", out var match) ? match.GetString() : "", r.GetProperty("path").GetString())).ToList();
        Assert.Equal([("event.type == \"a\"", "a"), ("", "rest")], rules);
        var grpc = Assert.Single(metadata.Subscriptions);
        Assert.Equal("task-events", grpc.Topic);
        Assert.Equal("dead", grpc.DeadLetterTopic);
        Assert.Equal(2, grpc.Rules.Rules.Count);
    }

    [Fact]
    public async Task ASubscriberThatRestartsHasItsSubscriptionsReadAgain()
    {
        var subscriber = await Subscriber.StartAsync(Subscribe("before", "before"));
        await using var emulator = await StartAsync(Component(), App("sub", subscriber));
        var gone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        emulator.Runtime().DeliveryFailed += f =>
        {
            if (f.Reason.StartsWith("connection error", StringComparison.Ordinal))
            {
                gone.TrySetResult();
            }
        };

        var loads = emulator.Runtime().LoadCount("sub");
        await subscriber.DisposeAsync();
        // A delivery attempt is how the sidecar notices that the app went away.
        await emulator.PublishAsync("sub", "before", "1");
        await gone.Task.WaitAsync(Subscriber.Timeout);
        await using var restarted = await Subscriber.StartAsync(Subscribe("after", "after"), subscriber.Port);
        await WaitForLoadsAsync(emulator, "sub", loads + 1);
        await emulator.PublishAsync("sub", "after", "2");

        Assert.Equal(2, (await restarted.NextAsync("/after")).Event.GetProperty("data").GetInt32());
        Assert.Equal(["after"], emulator.Host["sub"].Subscriptions.Select(s => s.Topic));
        Assert.Single(restarted.SubscribeRequests);
    }

    [Fact]
    public async Task AnAppWithoutASubscribeEndpointHasNoSubscriptions()
    {
        await using var app = await TestApp.StartAsync(_ => { });
        await using var emulator = await StartAsync(Component(), new SidecarOptions { AppId = "plain", AppPort = app.Port });

        Assert.Empty(emulator.Host["plain"].Subscriptions);
        Assert.Contains(app.Requests, r => r.PathAndQuery == "/dapr/subscribe");
    }
}
