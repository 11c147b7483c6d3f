using System.Net;
using System.Net.Sockets;
using Todo.AppHost.Ports;
using Todo.AppHost.Template;

namespace Todo.AppHost.Tests.Hosting;

public sealed class PortPlanTests
{
    [Fact]
    public void RandomPortsGiveEveryAppItsOwnFreeAppPortAndLeaveSidecarPortsToTheEmulator()
    {
        var plan = PortPlan.For(Template(PortPlan.FreePort(), PortPlan.FreePort()), new PortMode.Random());

        Assert.Equal([0, 0, 0, 0], plan.Values.SelectMany(p => new[] { p.DaprHttpPort, p.DaprGrpcPort }));
        var appPorts = plan.Values.Select(p => p.AppPort!.Value).ToList();
        Assert.Equal(2, appPorts.Distinct().Count());
        Assert.All(appPorts, port => Assert.InRange(port, 1, 65535));
    }

    [Fact]
    public void AnOffsetMovesEveryWrittenPortAndLeavesUnsetOnesFree()
    {
        var written = FreePortWithFreeNeighbour();
        var template = Template(written, null);

        var plan = PortPlan.For(template, new PortMode.Offset(1));

        Assert.Equal(written + 1, plan["a"].AppPort);
        Assert.Null(plan["b"].AppPort);
        Assert.Equal(0, plan["b"].DaprHttpPort);
    }

    [Fact]
    public void AWrittenPortThatIsTakenStopsTheStartWithAHint()
    {
        using var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        var port = ((IPEndPoint)busy.LocalEndpoint).Port;

        var error = Assert.Throws<PortInUseException>(() => PortPlan.For(Template(port, null), new PortMode.AsWritten()));

        Assert.Contains($"port {port} (a appPort)", error.Message);
        Assert.Contains("--port-offset", error.Message);
        // The same template runs fine with random ports.
        Assert.NotEqual(port, PortPlan.For(Template(port, null), new PortMode.Random())["a"].AppPort);
    }

    // The offset port must be free too, or the plan rightly refuses it; other tests on this machine use ports.
    private static int FreePortWithFreeNeighbour()
    {
        while (true)
        {
            var port = PortPlan.FreePort();
            try
            {
                using var neighbour = new TcpListener(IPAddress.Loopback, port + 1);
                neighbour.Start();
                return port;
            }
            catch (SocketException)
            {
            }
        }
    }

    private static RunTemplate Template(int? portA, int? portB) => new("/t/dapr.yaml", 1, null,
    [
        new TemplateApp { AppId = "a", AppDirPath = "/t/a", AppPort = portA },
        new TemplateApp { AppId = "b", AppDirPath = "/t/b", AppPort = portB },
    ]);
}
