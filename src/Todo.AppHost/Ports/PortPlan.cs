using System.Net;
using System.Net.Sockets;
using Todo.AppHost.Template;

namespace Todo.AppHost.Ports;

/// <summary>The ports one app runs with. Sidecar ports of 0 are bound by the emulator itself (no race).</summary>
internal sealed record AppPorts(int? AppPort, int DaprHttpPort, int DaprGrpcPort);

/// <summary>Turns the template's ports into the ports to use, and refuses fixed ports that are already taken.</summary>
internal static class PortPlan
{
    public static IReadOnlyDictionary<string, AppPorts> For(RunTemplate template, PortMode mode)
    {
        var plan = template.Apps.ToDictionary(app => app.AppId, app => mode switch
        {
            PortMode.Random => new AppPorts(app.AppPort is null ? null : FreePort(), 0, 0),
            PortMode.Offset(var by) => new AppPorts(Shift(app.AppPort, by), Shift(app.DaprHttpPort, by) ?? 0, Shift(app.DaprGrpcPort, by) ?? 0),
            _ => new AppPorts(app.AppPort, app.DaprHttpPort ?? 0, app.DaprGrpcPort ?? 0),
        });
        EnsureFree(plan, mode);
        return plan;
    }

    /// <summary>A port nobody listens on right now (the OS picks it; it stays free until someone binds it).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static int? Shift(int? port, int by)
    {
        if (port is not { } value)
        {
            return null;
        }

        var shifted = value + by;
        return shifted is > 0 and <= 65535
            ? shifted
            : throw new ArgumentOutOfRangeException(nameof(by), $"--port-offset {by} moves port {value} out of range");
    }

    private static void EnsureFree(IReadOnlyDictionary<string, AppPorts> plan, PortMode mode)
    {
        var fixedPorts = plan.SelectMany(entry => new[]
            {
                (Port: entry.Value.AppPort ?? 0, What: $"{entry.Key} appPort"),
                (Port: entry.Value.DaprHttpPort, What: $"{entry.Key} daprHTTPPort"),
                (Port: entry.Value.DaprGrpcPort, What: $"{entry.Key} daprGRPCPort"),
            })
            .Where(p => p.Port > 0 && mode is not PortMode.Random);
        foreach (var (port, what) in fixedPorts)
        {
            if (!IsFree(port))
            {
                throw new PortInUseException(
                    $"port {port} ({what}) is already in use - is another copy running? Use --port-offset N or --random-ports.");
            }
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}

/// <summary>A fixed port of the template is taken.</summary>
internal sealed class PortInUseException(string message) : Exception(message);
