using Microsoft.Extensions.DependencyInjection;
using Todo.DaprEmulator.Hosting;
using Todo.DaprEmulator.PubSub;
using Todo.DaprEmulator.PubSub.Kafka;
using Todo.DaprEmulator.Tests.Infrastructure;

namespace Todo.DaprEmulator.Tests.PubSub;

/// <summary>
/// An emulator serving <c>pubsub.kafka</c> on a resources folder of its own, which it keeps across
/// <see cref="RestartAsync"/> (the log is a SQLite file under the working directory), as after a crash or a redeploy.
/// </summary>
internal sealed class KafkaEmulator : IAsyncDisposable
{
    private readonly SidecarOptions[] _apps;
    private readonly bool _ownsResources;
    private readonly DaprVersion _version;
    private bool _stopped;

    private KafkaEmulator(TempResources resources, SidecarOptions[] apps, bool ownsResources, DaprVersion version)
    {
        Resources = resources;
        _apps = apps;
        _ownsResources = ownsResources;
        _version = version;
    }

    public TempResources Resources { get; }

    public DaprEmulatorHost Host { get; private set; } = null!;

    public PubSubRuntime Runtime => Host.Services.GetRequiredService<PubSubRuntime>();

    /// <summary>A <c>pubsub.kafka</c> component with the given extra metadata (YAML list items, indented by 4).</summary>
    public static string Component(string extraMetadata = "", string name = "pubsub", int partitions = 4) => $"""
        apiVersion: dapr.io/v1alpha1
        kind: Component
        metadata:
          name: {name}
        spec:
          type: pubsub.kafka
          version: v1
          metadata:
          - name: brokers
            value: "kafka-bootstrap.test:9092"
          - name: authType
            value: "none"
          - name: emulatorPartitions
            value: "{partitions}"
        {extraMetadata}
        """;

    /// <summary>Starts an emulator; <paramref name="shared"/> reuses another emulator's folder (the same cluster).</summary>
    public static async Task<KafkaEmulator> StartAsync(string component, SidecarOptions[] apps, TempResources? shared = null, DaprVersion? version = null)
    {
        return await StartAsync([("pubsub.yaml", component)], apps, shared, version);
    }

    /// <summary>
    /// Starts an emulator on several resource files (written unless <paramref name="shared"/> is given), imitating
    /// daprd 1.18 unless <paramref name="version"/> says otherwise.
    /// </summary>
    public static async Task<KafkaEmulator> StartAsync(
        IEnumerable<(string File, string Yaml)> files, SidecarOptions[] apps, TempResources? shared = null, DaprVersion? version = null)
    {
        var resources = shared ?? new TempResources();
        if (shared is null)
        {
            foreach (var (file, yaml) in files)
            {
                resources.Write(file, yaml);
            }
        }

        var emulator = new KafkaEmulator(resources, apps, ownsResources: shared is null, version ?? DaprVersion.V1_18);
        await emulator.StartHostAsync();
        return emulator;
    }

    public async Task RestartAsync(Func<Task>? whileDown = null)
    {
        await Host.DisposeAsync();
        if (whileDown is not null)
        {
            await whileDown();
        }

        await StartHostAsync();
    }

    public KafkaPubSub Kafka(string name = "pubsub") => (KafkaPubSub)Host.Components.Find(name, _apps[0].AppId)!.Instance;

    public HttpClient Http(string appId) => new() { BaseAddress = Host[appId].HttpEndpoint };

    public Dapr.Client.DaprClient Client(string appId) => new Dapr.Client.DaprClientBuilder()
        .UseHttpEndpoint(Host[appId].HttpEndpoint.ToString())
        .UseGrpcEndpoint(Host[appId].GrpcEndpoint.ToString())
        .Build();

    /// <summary>Publishes with raw HTTP (<c>metadata.partitionKey</c> when a key is given) and asserts 204.</summary>
    public async Task PublishAsync(string appId, string topic, string json, string? key = null)
    {
        using var http = Http(appId);
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        var query = key is null ? "" : $"?metadata.partitionKey={Uri.EscapeDataString(key)}";
        var response = await http.PostAsync($"/v1.0/publish/pubsub/{topic}{query}", content);
        Assert.Equal(System.Net.HttpStatusCode.NoContent, response.StatusCode);
    }

    /// <summary>Stops the emulator for good, keeping the folder (another emulator may go on with it).</summary>
    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await Host.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (_ownsResources)
        {
            Resources.Dispose();
        }
    }

    private async Task StartHostAsync()
    {
        Host = await DaprEmulatorHost.StartAsync(new EmulatorOptions
        {
            ResourcesPaths = [Resources.Directory],
            WorkingDirectory = Resources.Directory,
            Apps = _apps.ToList(),
            DaprVersion = _version,
        });
        foreach (var app in _apps.Where(a => a.AppPort is not null))
        {
            await WaitForFirstLoadAsync(app.AppId);
        }
    }

    private async Task WaitForFirstLoadAsync(string appId)
    {
        var runtime = Runtime;
        var loaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLoaded(string id)
        {
            if (id == appId && runtime.LoadCount(appId) >= 1)
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
}

/// <summary>Keys that the sarama hash partitioner puts on given partitions.</summary>
internal static class KafkaKeys
{
    public static string On(int partition, int partitions, string prefix = "user") =>
        Enumerable.Range(0, 10_000).Select(i => $"{prefix}-{i}").First(k => KafkaPartitioner.Partition(k, null, partitions) == partition);
}
