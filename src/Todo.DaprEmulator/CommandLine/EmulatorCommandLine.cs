using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Todo.DaprEmulator.Hosting;

namespace Todo.DaprEmulator.CommandLine;

/// <summary>
/// The emulator's options (the <c>dapr-emulator</c> tool and <c>dotnet Todo.DaprEmulator.dll</c>), read into
/// <see cref="EmulatorOptions"/>. A new instance per parse: System.CommandLine symbols are not shared between runs.
/// </summary>
internal sealed class EmulatorCommandLine
{
    private readonly Option<string[]> _resourcesPaths = new("--resources-path")
    {
        Description = "A folder of components, subscriptions and Configurations (repeatable)",
        HelpName = "DIR",
    };

    private readonly Option<DaprVersion> _daprVersion = new("--dapr-version")
    {
        Description = $"The daprd release to imitate: {Supported} (default 1.{DaprVersion.Default.Minor}, the oldest supported)",
        HelpName = "VERSION",
        CustomParser = DaprVersionParser.Parse,
    };

    private readonly Option<string?> _namespace = new("--namespace")
    {
        // daprd's NAMESPACE: caller identity for access control, secretstores.kubernetes' namespace.
        Description = "The namespace the sidecars run in (metadata, caller identity, Kubernetes secrets)",
        HelpName = "NS",
    };

    private readonly Option<string?> _kubernetesSecrets = new("--kubernetes-secrets")
    {
        Description = "Kubernetes mode for secrets: a file of Secret manifests as `kubectl get secret -o yaml` prints them; adds daprd's built-in `kubernetes` store",
        HelpName = "FILE",
    };

    private readonly Option<KeyValuePair<string, string>[]> _configs = new("--config")
    {
        // The dapr.io/config annotation of that app's pod.
        Description = "appId=configName: the Configuration resource that app's sidecar applies (repeatable)",
        HelpName = "APP=NAME",
        CustomParser = ParseConfigs,
    };

    private readonly Option<SidecarOptions[]> _apps = new("--app")
    {
        Description = "One sidecar as appId:appPort:httpPort:grpcPort, 0 = any free port (repeatable, at least one). DAPR_API_TOKEN and APP_API_TOKEN from the environment apply to each, as they would to each daprd",
        HelpName = "appId:appPort:httpPort:grpcPort",
        CustomParser = ParseApps,
        // Without a sidecar there is nothing to serve; waiting forever would only hide the mistake.
        Required = true,
    };

    public EmulatorCommandLine()
    {
        Command = new RootCommand("A local stand-in for daprd: one process, one emulated sidecar (HTTP and gRPC API) per --app, loading your component YAML.")
        {
            _resourcesPaths, _daprVersion, _namespace, _kubernetesSecrets, _configs, _apps,
        };
    }

    public RootCommand Command { get; }

    private static string Supported => string.Join(", ", DaprVersion.Supported.Select(v => $"1.{v.Minor}"));

    /// <summary>The emulator's settings from a parse without errors.</summary>
    public EmulatorOptions ToOptions(ParseResult parse)
    {
        var configs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (app, name) in parse.GetValue(_configs) ?? [])
        {
            configs[app] = name; // the last one per app wins
        }

        return new EmulatorOptions
        {
            ResourcesPaths = (parse.GetValue(_resourcesPaths) ?? []).Select(Path.GetFullPath).ToList(),
            Apps = (parse.GetValue(_apps) ?? [])
                .Select(a => configs.TryGetValue(a.AppId, out var config) ? a with { ConfigName = config } : a)
                .ToList(),
            DaprVersion = parse.GetValue(_daprVersion) ?? DaprVersion.Default,
            KubernetesSecretsFile = parse.GetValue(_kubernetesSecrets) is { } file ? Path.GetFullPath(file) : null,
            Namespace = parse.GetValue(_namespace),
        };
    }

    private static KeyValuePair<string, string>[] ParseConfigs(ArgumentResult result)
    {
        var configs = new List<KeyValuePair<string, string>>();
        foreach (var token in result.Tokens)
        {
            if (token.Value.Split('=') is [{ Length: > 0 } app, { Length: > 0 } name])
            {
                configs.Add(new(app, name));
            }
            else
            {
                result.AddError($"--config expects appId=configName, got '{token.Value}'");
            }
        }

        return [.. configs];
    }

    private static SidecarOptions[] ParseApps(ArgumentResult result)
    {
        var apps = new List<SidecarOptions>();
        foreach (var token in result.Tokens)
        {
            var parts = token.Value.Split(':');
            var ports = parts.Skip(1).Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : -1).ToList();
            if (parts.Length != 4 || parts[0].Length == 0 || ports.Any(p => p is < 0 or > 65535))
            {
                result.AddError($"--app expects appId:appPort:httpPort:grpcPort, got '{token.Value}'");
                continue;
            }

            apps.Add(new SidecarOptions
            {
                AppId = parts[0],
                AppPort = ports[0] > 0 ? ports[0] : null,
                HttpPort = ports[1],
                GrpcPort = ports[2],
                DaprApiToken = Environment.GetEnvironmentVariable("DAPR_API_TOKEN"),
                AppApiToken = Environment.GetEnvironmentVariable("APP_API_TOKEN"),
            });
        }

        return [.. apps];
    }
}
