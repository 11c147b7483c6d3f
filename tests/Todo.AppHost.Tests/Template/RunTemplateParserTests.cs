using Todo.AppHost.Template;
using Todo.AppHost.Tests.Infrastructure;
using Todo.DaprEmulator.Hosting;

namespace Todo.AppHost.Tests.Template;

public sealed class RunTemplateParserTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [Fact]
    public void TheRepositoryTemplateRunsBothAppsOnTheirDocumentedPortsWithTheLocalComponents()
    {
        var template = RunTemplateParser.Load(Path.Combine(RepoRoot.Path, "dapr.yaml"));

        Assert.Equal(1, template.Version);
        // Set explicitly, and to the oldest supported release (issue 9), so local runs catch version drift.
        Assert.Same(DaprVersion.V1_17, template.DaprVersion);
        Assert.Equal(["todo-backend", "todo-web"], template.Apps.Select(a => a.AppId));
        var backend = template.Apps[0];
        Assert.Equal(Path.Combine(RepoRoot.Path, "src", "Todo.Backend"), backend.AppDirPath);
        Assert.Equal((5280, 3500, 50001), (backend.AppPort, backend.DaprHttpPort, backend.DaprGrpcPort));
        Assert.Equal(["dotnet", "run", "--no-launch-profile"], backend.Command);
        Assert.Equal("http://127.0.0.1:5280", backend.Env["ASPNETCORE_URLS"]);
        Assert.Equal([Path.Combine(RepoRoot.Path, "dapr-components", "local")], backend.ResourcesPaths);
        var web = template.Apps[1];
        Assert.Equal(Path.Combine(RepoRoot.Path, "src", "Todo.Web"), web.AppDirPath);
        Assert.Equal((5180, 3510, 50011), (web.AppPort, web.DaprHttpPort, web.DaprGrpcPort));
        Assert.Equal("http://127.0.0.1:5180", web.Env["ASPNETCORE_URLS"]);
        // common.env reaches every app.
        Assert.Equal("Development", web.Env["ASPNETCORE_ENVIRONMENT"]);
    }

    [Fact]
    public void AnAppsOwnFieldsWinOverCommonAndEnvMapsMergeWithTheAppsKeysWinning()
    {
        _temp.Folder("components/common");
        _temp.Folder("svc/own-components");
        _temp.Folder("other");
        var template = Parse("""
            version: 1
            common:
              resourcesPaths: [./components/common]
              appProtocol: http
              env:
                SHARED: from-common
                OVERRIDDEN: from-common
            apps:
              - appDirPath: ./svc
                resourcesPaths: [./own-components]
                env:
                  OVERRIDDEN: from-app
                  OWN: 42
              - appDirPath: ./other
            """);

        var svc = template.Apps[0];
        Assert.Equal("from-common", svc.Env["SHARED"]);
        Assert.Equal("from-app", svc.Env["OVERRIDDEN"]);
        Assert.Equal("42", svc.Env["OWN"]);
        // Per-app paths resolve against the app folder, common ones against the template's folder.
        Assert.Equal([Path.Combine(_temp.Path, "svc", "own-components")], svc.ResourcesPaths);
        Assert.Equal([Path.Combine(_temp.Path, "components", "common")], template.Apps[1].ResourcesPaths);
        Assert.Equal("from-common", template.Apps[1].Env["OVERRIDDEN"]);
    }

    [Fact]
    public void AnAppFolderWithDotDaprResourcesBeatsCommonResourcesButNotTheAppsOwnList()
    {
        _temp.Folder("components");
        _temp.Folder("a/.dapr/resources");
        _temp.Folder("b/.dapr/resources");
        _temp.Folder("b/mine");
        var template = Parse("""
            version: 1
            common:
              resourcesPaths: [./components]
            apps:
              - appDirPath: ./a
              - appDirPath: ./b
                resourcesPaths: [mine]
                resourcesPath: ../components
            """);

        Assert.Equal([Path.Combine(_temp.Path, "a", ".dapr", "resources")], template.Apps[0].ResourcesPaths);
        // The deprecated single resourcesPath is appended to the list, as the CLI does.
        Assert.Equal([Path.Combine(_temp.Path, "b", "mine"), Path.Combine(_temp.Path, "components")], template.Apps[1].ResourcesPaths);
    }

    [Fact]
    public void TheAppIdDefaultsToTheAppFolderNameAndUnsetPortsStayUnset()
    {
        _temp.Folder("services/orders");
        var template = Parse("""
            version: 1
            apps:
              - appDirPath: services/orders/
                appPort: 0
                someFutureField: { nested: true }
            """, home: _temp.Folder("home"));

        var app = Assert.Single(template.Apps);
        Assert.Equal("orders", app.AppId);
        Assert.Null(app.AppPort);
        Assert.Null(app.DaprHttpPort);
        Assert.Null(app.DaprGrpcPort);
        Assert.Equal("127.0.0.1", app.AppChannelAddress);
        // Nothing configured anywhere: the CLI's default folder ~/.dapr/components.
        Assert.Equal([Path.Combine(_temp.Path, "home", ".dapr", "components")], app.ResourcesPaths);
    }

    [Theory]
    [InlineData("apps:\n  - appDirPath: ./app\n", "version")]
    [InlineData("version: 0\napps:\n  - appDirPath: ./app\n", "version")]
    [InlineData("version: 1\napps:\n  - appID: x\n", "apps[0].appDirPath")]
    [InlineData("version: 1\napps:\n  - appDirPath: ./missing\n", "apps[0].appDirPath")]
    [InlineData("version: 1\napps:\n  - appDirPath: ./app\n    appPort: abc\n", "apps[0].appPort")]
    [InlineData("version: 1\napps:\n  - appDirPath: ./app\n    daprHTTPPort: 70000\n", "apps[0].daprHTTPPort")]
    [InlineData("version: 1\napps:\n  - appDirPath: ./app\n    command: dotnet run\n", "apps[0].command")]
    [InlineData("version: 1\ncommon:\n  env: [a, b]\napps:\n  - appDirPath: ./app\n", "common.env")]
    [InlineData("version: 1\ncommon:\n  resourcesPaths: [./nowhere]\napps:\n  - appDirPath: ./app\n", "common.resourcesPaths[0]")]
    [InlineData("version: 1\napps: []\n", "apps")]
    [InlineData("version: 1\napps:\n  - appDirPath: ./app\n  - appDirPath: ./app\n", "apps")]
    [InlineData("version: 1\napps:\n  - appDirPath: ./app\n    appProtocol: grpc\n", "apps[0].appProtocol")]
    [InlineData("version: 1\ndaprVersion: 1.16\napps:\n  - appDirPath: ./app\n", "daprVersion")]
    [InlineData("version: 1\ndaprVersion: [1.17]\napps:\n  - appDirPath: ./app\n", "daprVersion")]
    public void ABadTemplateIsRejectedWithAnErrorNamingTheField(string yaml, string field)
    {
        _temp.Folder("app");

        var error = Assert.Throws<RunTemplateException>(() => Parse(yaml));

        Assert.StartsWith($"dapr.yaml: {field}: ", error.Message);
    }

    [Theory]
    [InlineData("daprVersion: 1.18\n", 18)]
    [InlineData("daprVersion: \"v1.19\"\n", 19)]
    [InlineData("daprVersion: 1.17.13\n", 17)]
    public void TheTopLevelDaprVersionChoosesTheReleaseTheSidecarsImitate(string field, int minor)
    {
        _temp.Folder("app");

        var template = Parse($"version: 1\n{field}apps:\n  - appDirPath: ./app\n");

        Assert.Equal(minor, template.DaprVersion?.Minor);
    }

    [Fact]
    public void ATemplateWithoutDaprVersionLeavesTheChoiceToTheCommandLineOrTheDefault()
    {
        _temp.Folder("app");

        var template = Parse("version: 1\napps:\n  - appDirPath: ./app\n");

        Assert.Null(template.DaprVersion);
    }

    [Fact]
    public void InvalidYamlIsReportedWithItsLine()
    {
        var error = Assert.Throws<RunTemplateException>(() => Parse("version: 1\napps:\n  - appDirPath: [unclosed\n"));

        Assert.Contains("not valid YAML at line", error.Message);
    }

    private RunTemplate Parse(string yaml, string? home = null) =>
        RunTemplateParser.Parse(yaml, _temp.File("dapr.yaml", yaml), home ?? _temp.Folder("home"));

    public void Dispose() => _temp.Dispose();
}
