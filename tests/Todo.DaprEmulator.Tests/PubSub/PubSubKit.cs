using Microsoft.Extensions.DependencyInjection;
using Todo.DaprEmulator.Hosting;
using Todo.DaprEmulator.PubSub;
using Todo.DaprEmulator.Tests.Infrastructure;

namespace Todo.DaprEmulator.Tests.PubSub;

/// <summary>YAML and waits shared by the pub/sub tests.</summary>
internal static class PubSubKit
{
    /// <summary>An in-memory pub/sub named <c>pubsub</c> (contrib's in-memory component has no metadata of its own).</summary>
    public static string Component(string extraMetadata = "", string name = "pubsub", string scopes = "") => $"""
        apiVersion: dapr.io/v1alpha1
        kind: Component
        metadata:
          name: {name}
        spec:
          type: pubsub.in-memory
          version: v1
          metadata:
        {extraMetadata}
        {scopes}
        """;

    /// <summary>A v1 programmatic subscription list as Dapr.AspNetCore's MapSubscribeHandler writes it.</summary>
    public static string Subscribe(string topic, string route, string extra = "") =>
        $$"""[{"pubsubName":"pubsub","topic":"{{topic}}","route":"{{route}}"{{extra}}}]""";

    public static SidecarOptions App(string appId, Subscriber? subscriber = null, string? appApiToken = null) =>
        new() { AppId = appId, AppPort = subscriber?.Port, AppApiToken = appApiToken };

    public static Task<EmulatorFixture> StartAsync(string component, params SidecarOptions[] apps) =>
        StartAsync([("pubsub.yaml", component)], apps);

    /// <summary>Starts the emulator and waits until every app with a port has loaded its subscriptions once.</summary>
    public static async Task<EmulatorFixture> StartAsync(IEnumerable<(string File, string Yaml)> files, params SidecarOptions[] apps)
    {
        var emulator = await EmulatorFixture.StartAsync(files, apps);
        foreach (var app in apps.Where(a => a.AppPort is not null))
        {
            await WaitForLoadsAsync(emulator, app.AppId, 1);
        }

        return emulator;
    }

    public static PubSubRuntime Runtime(this EmulatorFixture emulator) => emulator.Host.Services.GetRequiredService<PubSubRuntime>();

    /// <summary>Waits until an app's subscriptions have been loaded at least <paramref name="count"/> times.</summary>
    public static async Task WaitForLoadsAsync(EmulatorFixture emulator, string appId, int count)
    {
        var runtime = emulator.Runtime();
        var loaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLoaded(string id)
        {
            if (id == appId && runtime.LoadCount(appId) >= count)
            {
                loaded.TrySetResult();
            }
        }

        runtime.SubscriptionsLoaded += OnLoaded;
        try
        {
            OnLoaded(appId);
            await loaded.Task.WaitAsync(Subscriber.Timeout);
        }
        finally
        {
            runtime.SubscriptionsLoaded -= OnLoaded;
        }
    }

    /// <summary>Publishes with raw HTTP and asserts 204.</summary>
    public static async Task PublishAsync(this EmulatorFixture emulator, string appId, string topic, string body, string? contentType = "application/json", string query = "")
    {
        using var http = emulator.Http(appId);
        using var content = new StringContent(body);
        content.Headers.ContentType = contentType is null ? null : System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        var response = await http.PostAsync($"/v1.0/publish/pubsub/{topic}{query}", content);
        Assert.Equal(System.Net.HttpStatusCode.NoContent, response.StatusCode);
    }
}
