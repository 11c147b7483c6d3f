using System.Globalization;
using System.Text.RegularExpressions;
using Todo.AppHost.Template;

namespace Todo.AppHost.Hosting;

/// <summary>
/// The environment an app is started with: what the Dapr CLI sets (APP_ID, APP_PORT, DAPR_HTTP_PORT, DAPR_GRPC_PORT,
/// APP_CHANNEL_ADDRESS, APP_PROTOCOL), then the template's <c>env</c>, on top of the AppHost's own environment.
/// </summary>
internal static class AppEnvironment
{
    public static Dictionary<string, string?> For(TemplateApp app, int? appPort, int daprHttpPort, int daprGrpcPort)
    {
        var env = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            // An inherited *_ENDPOINT would win over the ports in the SDK and point the app at some other sidecar;
            // the CLI sets none, so none may leak in.
            ["DAPR_HTTP_ENDPOINT"] = null,
            ["DAPR_GRPC_ENDPOINT"] = null,
            ["APP_ID"] = app.AppId,
            ["DAPR_HTTP_PORT"] = Text(daprHttpPort),
            ["DAPR_GRPC_PORT"] = Text(daprGrpcPort),
            ["APP_CHANNEL_ADDRESS"] = app.AppChannelAddress,
            ["APP_PROTOCOL"] = app.AppProtocol,
        };
        if (appPort is { } port)
        {
            env["APP_PORT"] = Text(port);
        }

        foreach (var (name, value) in app.Env)
        {
            env[name] = value;
        }

        if (appPort is { } moved && app.AppPort is { } written && moved != written)
        {
            MoveListenPort(env, written, moved);
        }

        return env;
    }

    /// <summary>
    /// With --port-offset or --random-ports the app must listen where its sidecar now expects it: the port written in
    /// ASPNETCORE_URLS / ASPNETCORE_HTTP_PORTS / URLS is replaced by the new one.
    /// </summary>
    private static void MoveListenPort(Dictionary<string, string?> env, int from, int to)
    {
        foreach (var name in new[] { "ASPNETCORE_URLS", "URLS", "DOTNET_URLS" })
        {
            if (env.TryGetValue(name, out var urls) && urls is not null)
            {
                env[name] = Regex.Replace(urls, $@":{from}(?=\D|$)", $":{to}");
            }
        }

        foreach (var name in new[] { "ASPNETCORE_HTTP_PORTS", "HTTP_PORTS", "DOTNET_HTTP_PORTS" })
        {
            if (env.TryGetValue(name, out var ports) && ports is not null)
            {
                env[name] = Regex.Replace(ports, $@"(?<=^|[;,\s]){from}(?=$|[;,\s])", Text(to));
            }
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
