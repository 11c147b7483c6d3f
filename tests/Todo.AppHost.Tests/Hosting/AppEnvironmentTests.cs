using Todo.AppHost.Hosting;
using Todo.AppHost.Template;

namespace Todo.AppHost.Tests.Hosting;

public sealed class AppEnvironmentTests
{
    private static readonly TemplateApp Backend = new()
    {
        AppId = "todo-backend",
        AppDirPath = "/repo/src/Todo.Backend",
        AppPort = 5280,
        Env = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:5280;http://localhost:52800",
            ["ASPNETCORE_HTTP_PORTS"] = "5280,15280",
            ["APP_ID"] = "renamed-by-template",
        },
    };

    [Fact]
    public void AnAppGetsTheVariablesTheDaprCliSetsAndNoSidecarEndpoints()
    {
        var env = AppEnvironment.For(Backend with { Env = new Dictionary<string, string>() }, 5280, 3500, 50001);

        Assert.Equal("todo-backend", env["APP_ID"]);
        Assert.Equal("5280", env["APP_PORT"]);
        Assert.Equal("3500", env["DAPR_HTTP_PORT"]);
        Assert.Equal("50001", env["DAPR_GRPC_PORT"]);
        Assert.Equal("127.0.0.1", env["APP_CHANNEL_ADDRESS"]);
        Assert.Equal("http", env["APP_PROTOCOL"]);
        // Present with a null value = removed from the inherited environment.
        Assert.Null(env["DAPR_HTTP_ENDPOINT"]);
        Assert.Null(env["DAPR_GRPC_ENDPOINT"]);
    }

    [Fact]
    public void TheTemplateEnvIsAppliedLastAsWithTheDaprCli()
    {
        var env = AppEnvironment.For(Backend, 5280, 3500, 50001);

        Assert.Equal("renamed-by-template", env["APP_ID"]);
        Assert.Equal("http://127.0.0.1:5280;http://localhost:52800", env["ASPNETCORE_URLS"]);
    }

    [Fact]
    public void AMovedAppPortIsWrittenIntoTheListenAddressesSoTheAppListensWhereItsSidecarCalls()
    {
        var env = AppEnvironment.For(Backend, 41000, 3500, 50001);

        Assert.Equal("41000", env["APP_PORT"]);
        // Only the exact port moves, not a longer number that contains it.
        Assert.Equal("http://127.0.0.1:41000;http://localhost:52800", env["ASPNETCORE_URLS"]);
        Assert.Equal("41000,15280", env["ASPNETCORE_HTTP_PORTS"]);
    }

    [Fact]
    public void AnAppWithoutAnAppPortGetsNoAppPortVariable()
    {
        var env = AppEnvironment.For(Backend with { AppPort = null }, null, 3500, 50001);

        Assert.False(env.ContainsKey("APP_PORT"));
    }
}
