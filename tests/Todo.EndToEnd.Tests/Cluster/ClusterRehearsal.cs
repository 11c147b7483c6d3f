using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Todo.Backend;
using Todo.DaprEmulator.Hosting;
using Todo.Web;
using YamlDotNet.RepresentationModel;

namespace Todo.EndToEnd.Tests.Cluster;

/// <summary>
/// The cluster as the charts deploy it, on one machine: helm renders both charts, <see cref="PodInjector"/> turns each
/// Deployment into pods (one backend, two web replicas with their own POD_NAME), and each pod gets a sidecar configured
/// from its dapr.io/* annotations on an emulator that loads <c>dapr-components/kubernetes/</c> as written:
/// state.postgresql on a throwaway PostgreSQL, pubsub.kafka on the emulator's partitioned log, secretstores.kubernetes
/// on a file of Secret manifests, the Configuration's secret scopes and access control. Each app runs with exactly its
/// container's env (in process, on a loopback port instead of 8080: pods have a network namespace each, we do not).
/// </summary>
internal sealed class ClusterRehearsal : IAsyncDisposable
{
    private readonly List<IDisposable> _apps = [];
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "todo-cluster-" + Guid.NewGuid().ToString("N")[..12]);
    private PostgresServer? _postgres;

    public DaprEmulatorHost Emulator { get; private set; } = default!;

    public byte[] SigningKey { get; } = RandomNumberGenerator.GetBytes(32);

    public string DaprApiToken { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public string AppApiToken { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <summary>The optional <c>llm-api-key</c> of <c>todo-secrets</c> (README: the Secrets to create).</summary>
    public string LlmApiKey { get; } = "sk-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public List<(PodSpec Pod, Uri App)> Pods { get; } = [];

    public List<WebApplicationFactory<WebAssemblyMarker>> Webs { get; } = [];

    /// <summary>
    /// The environment variable naming another directory holding <c>helm/</c> and <c>dapr-components/kubernetes/</c>
    /// (for example an older commit's, from <c>git archive</c>) to rehearse instead of the repository's own.
    /// </summary>
    public const string DeployRootVariable = "TODO_REHEARSAL_DEPLOY_DIR";

    /// <summary>Where the charts and Kubernetes components come from: <see cref="DeployRootVariable"/> or the repository.</summary>
    public static string DeployRoot =>
        Environment.GetEnvironmentVariable(DeployRootVariable) is { Length: > 0 } other ? Path.GetFullPath(other) : RepoRoot.Path;

    /// <param name="version">The Dapr version mode of every sidecar.</param>
    /// <param name="llmEndpoint">Rendered as the backend chart's <c>chat.endpoint</c> (with a model), or no LLM.</param>
    public static async Task<ClusterRehearsal> StartAsync(DaprVersion version, Uri? llmEndpoint = null)
    {
        var cluster = new ClusterRehearsal();
        try
        {
            await cluster.StartCoreAsync(version, llmEndpoint);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    private async Task StartCoreAsync(DaprVersion version, Uri? llmEndpoint)
    {
        Directory.CreateDirectory(_directory);
        _postgres = await PostgresServer.StartAsync();
        var pgPort = _postgres.Port;
        var secrets = new Dictionary<string, Dictionary<string, string>>
        {
            ["todo-secrets"] = new()
            {
                ["postgres-connection-string"] = $"host=127.0.0.1 port={pgPort} user=postgres dbname=postgres sslmode=disable",
                ["token-signing-key"] = Convert.ToBase64String(SigningKey),
                ["llm-api-key"] = LlmApiKey,
            },
            ["todo-dapr-api-token"] = new() { ["token"] = DaprApiToken },
            ["todo-app-api-token"] = new() { ["token"] = AppApiToken },
        };
        var secretsFile = Path.Combine(_directory, "secrets.yaml");
        File.WriteAllText(secretsFile, string.Join("---\n", secrets.Select(s =>
            $"apiVersion: v1\nkind: Secret\nmetadata:\n  name: {s.Key}\n  namespace: todo\ntype: Opaque\ndata:\n" +
            string.Concat(s.Value.Select(kv => $"  {kv.Key}: {Convert.ToBase64String(Encoding.UTF8.GetBytes(kv.Value))}\n")))));
        string Secret(string name, string key) => secrets[name][key];

        var repo = DeployRoot;
        string[] chat = llmEndpoint is null ? [] : [$"chat.endpoint={llmEndpoint}", "chat.model=rehearsal-model"];
        var pods = PodInjector.Render(repo, "todo-backend", "backend", 1, [.. WithoutCollector(repo, "backend"), .. chat])
            .Concat(PodInjector.Render(repo, "todo-web", "frontend", 2, WithoutCollector(repo, "frontend"))).ToList();

        Emulator = await DaprEmulatorHost.StartAsync(new EmulatorOptions
        {
            ResourcesPaths = [Path.Combine(repo, "dapr-components", "kubernetes")],
            WorkingDirectory = _directory,
            Namespace = "todo",
            KubernetesSecretsFile = secretsFile,
            DaprVersion = version,
            Apps = pods.Select(pod => new SidecarOptions
            {
                AppId = pod.AppId,
                PodName = pod.Name,
                ConfigName = pod.Annotation("dapr.io/config"),
                // The injector's semantics: daprd gets the tokens from the Secrets the annotations name.
                DaprApiToken = pod.Annotation("dapr.io/api-token-secret") is { } api ? Secret(api, "token") : null,
                AppApiToken = pod.Annotation("dapr.io/app-token-secret") is { } app ? Secret(app, "token") : null,
            }).ToList(),
        });

        foreach (var pod in pods)
        {
            var sidecar = Emulator[pod.AppId, pod.Name];
            var env = PodInjector.ResolveEnv(pod, Secret);
            // What the injector adds to the app container, and nothing else.
            env["DAPR_HTTP_PORT"] = sidecar.HttpPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
            env["DAPR_GRPC_PORT"] = sidecar.GrpcPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var address = pod.AppId == Todo.Contracts.DaprNames.BackendAppId ? StartApp<BackendAssemblyMarker>(pod, env) : StartWeb(pod, env);
            sidecar.ConnectApp(address.Port);
            Pods.Add((pod, address));
        }

        foreach (var sidecar in Emulator.Sidecars.All)
        {
            await SidecarHealth.WaitUntilHealthyAsync(sidecar);
        }
    }

    /// <summary>
    /// The OpenTelemetry collector the charts export to does not exist here, so a chart that has the setting renders
    /// without it (older charts have no such value, and their schema refuses it); everything else is rendered as deployed.
    /// </summary>
    private static string[] WithoutCollector(string root, string chart)
    {
        var values = new YamlStream();
        values.Load(new StringReader(File.ReadAllText(Path.Combine(root, "helm", chart, "values.yaml"))));
        return values.Documents[0].RootNode is YamlMappingNode top
            && top.Children.TryGetValue(new YamlScalarNode("telemetry"), out var telemetry)
            && telemetry is YamlMappingNode settings && settings.Children.ContainsKey(new YamlScalarNode("otlpEndpoint"))
            ? ["telemetry.otlpEndpoint="]
            : [];
    }

    private Uri StartWeb(PodSpec pod, Dictionary<string, string> env)
    {
        var factory = Configure(new WebApplicationFactory<WebAssemblyMarker>(), pod, env);
        Webs.Add(factory);
        return Start(factory);
    }

    private Uri StartApp<TMarker>(PodSpec pod, Dictionary<string, string> env) where TMarker : class =>
        Start(Configure(new WebApplicationFactory<TMarker>(), pod, env));

    private WebApplicationFactory<T> Configure<T>(WebApplicationFactory<T> factory, PodSpec pod, Dictionary<string, string> env) where T : class =>
        factory.WithWebHostBuilder(web =>
        {
            foreach (var (name, value) in env)
            {
                // Environment variables reach configuration with "__" as the section separator.
                web.UseSetting(name.Replace("__", ":", StringComparison.Ordinal), value);
            }

            web.UseEnvironment(env.GetValueOrDefault("ASPNETCORE_ENVIRONMENT", "Production"));
            web.UseSetting("Logging:LogLevel:Default", "Warning");
            web.UseUrls("http://127.0.0.1:0");
            web.ConfigureServices(services => services.AddSingleton<IPostConfigureOptions<KeyManagementOptions>>(provider =>
                new PodKeyRing(Path.Combine(_directory, pod.Name, "data-protection-keys"), provider.GetRequiredService<ILoggerFactory>())));
        });

    private Uri Start<T>(WebApplicationFactory<T> factory) where T : class
    {
        factory.UseKestrel(0);
        factory.StartServer();
        _apps.Add(factory);
        return factory.ClientOptions.BaseAddress;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps)
        {
            app.Dispose();
        }

        if (Emulator is not null)
        {
            await Emulator.DisposeAsync();
        }

        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
