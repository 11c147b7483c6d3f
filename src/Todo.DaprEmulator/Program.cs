using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Todo.DaprEmulator.Hosting;

namespace Todo.DaprEmulator;

/// <summary>
/// Command-line host: one emulator process, one sidecar per <c>--app</c>.
/// <code>Todo.DaprEmulator --resources-path dapr-components/local --app todo-backend:5280:3500:50001 --app todo-web:5180:3510:50011</code>
/// Each <c>--app</c> is appId:appPort:httpPort:grpcPort (0 = any free port). DAPR_API_TOKEN and APP_API_TOKEN from the
/// environment apply to every sidecar, as they would to each daprd. (An explicit class, not top-level statements, so
/// test projects that also reference an app do not see two global <c>Program</c> types.)
/// </summary>
public static class EmulatorProgram
{
    public static async Task<int> Main(string[] args)
    {
        var resources = new List<string>();
        var apps = new List<SidecarOptions>();
        var version = DaprVersion.V1_18;
        var configs = new Dictionary<string, string>(StringComparer.Ordinal);
        string? kubernetesSecrets = null;
        string? @namespace = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--resources-path" when i + 1 < args.Length:
                    resources.Add(Path.GetFullPath(args[++i]));
                    break;
                case "--dapr-version" when i + 1 < args.Length:
                    try
                    {
                        version = DaprVersion.Parse(args[++i]);
                    }
                    catch (ArgumentException ex)
                    {
                        Console.Error.WriteLine(ex.Message);
                        return 2;
                    }

                    break;
                case "--namespace" when i + 1 < args.Length:
                    // The sidecars' NAMESPACE: caller identity for access control, secretstores.kubernetes' namespace.
                    @namespace = args[++i];
                    break;
                case "--kubernetes-secrets" when i + 1 < args.Length:
                    kubernetesSecrets = Path.GetFullPath(args[++i]);
                    break;
                case "--config" when i + 1 < args.Length && args[i + 1].Split('=') is [{ Length: > 0 } configApp, { Length: > 0 } configName]:
                    // appId=name: the Configuration resource that app's sidecar applies (its dapr.io/config annotation).
                    configs[configApp] = configName;
                    i++;
                    break;
                case "--app" when i + 1 < args.Length:
                    var parts = args[++i].Split(':');
                    if (parts.Length != 4 || !parts.Skip(1).All(p => int.TryParse(p, out _)))
                    {
                        Console.Error.WriteLine($"--app expects appId:appPort:httpPort:grpcPort, got '{args[i]}'");
                        return 2;
                    }

                    apps.Add(new SidecarOptions
                    {
                        AppId = parts[0],
                        AppPort = int.Parse(parts[1]) is > 0 and var appPort ? appPort : null,
                        HttpPort = int.Parse(parts[2]),
                        GrpcPort = int.Parse(parts[3]),
                        DaprApiToken = Environment.GetEnvironmentVariable("DAPR_API_TOKEN"),
                        AppApiToken = Environment.GetEnvironmentVariable("APP_API_TOKEN"),
                    });
                    break;
                default:
                    Console.Error.WriteLine($"unknown or incomplete argument '{args[i]}'. Usage: --resources-path DIR [--dapr-version 1.17|1.18|1.19] [--namespace NS] [--kubernetes-secrets FILE] [--config appId=configName] --app appId:appPort:httpPort:grpcPort ...");
                    return 2;
            }
        }

        if (apps.Count == 0)
        {
            // Without a sidecar there is nothing to serve; waiting forever would only hide the mistake.
            Console.Error.WriteLine("no --app given. Usage: --resources-path DIR --app appId:appPort:httpPort:grpcPort ...");
            return 2;
        }

        using var loggerFactory = LoggerFactory.Create(logging => logging
            .AddSimpleConsole(o => o.SingleLine = true)
            .AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning));
        using var stop = new CancellationTokenSource();
        // SIGINT (Ctrl+C) and SIGTERM (what Kubernetes, systemd and `kill` send) both stop gracefully, as daprd does:
        // the sidecars are disposed (deliveries and calls in flight end), then the process exits 0.
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });
        try
        {
            await using var host = await DaprEmulatorHost.StartAsync(new EmulatorOptions
            {
                ResourcesPaths = resources,
                Apps = apps.Select(a => configs.TryGetValue(a.AppId, out var config) ? a with { ConfigName = config } : a).ToList(),
                DaprVersion = version,
                KubernetesSecretsFile = kubernetesSecrets,
                Namespace = @namespace,
            }, loggerFactory);
            foreach (var sidecar in host.Sidecars.All)
            {
                Console.WriteLine($"{sidecar.AppId}: DAPR_HTTP_ENDPOINT={sidecar.HttpEndpoint} DAPR_GRPC_ENDPOINT={sidecar.GrpcEndpoint}");
            }

            await Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            return 0;
        }
        catch (Todo.DaprEmulator.Components.ComponentLoadException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return 1;
        }
    }
}
