using System.Net;
using System.Net.Sockets;

namespace Todo.Testing;

/// <summary>
/// A loopback port nobody listens on (bound to port 0, then released), for servers that must be told a port up front
/// (PostgreSQL, a sidecar restarted on the port an app knows). Another process may take it before the caller binds;
/// callers that can, retry.
/// </summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
