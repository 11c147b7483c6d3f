using System.Net;
using Todo.Backend.Tests.BadInput;
using Todo.Backend.Tests.Infrastructure;
using Todo.Testing.Fuzz;
using Xunit.Abstractions;

namespace Todo.Backend.Tests.Fuzz;

/// <summary>
/// Seeded, bounded fuzz over every route of todo-backend (REST, <c>/mcp</c>, the topic handler and the job callback),
/// directly and through the sidecar: 100 requests per route each way. Nothing a client sends may answer 5xx, and
/// every refusal is a ProblemDetails (JSON-RPC error on /mcp) with a message. The full run (≥ 1,000 per route) is
/// <c>dotnet run -c Release --project bench/Todo.Benchmarks -- fuzz</c>.
/// </summary>
public sealed class BackendFuzzTests(BadInputFixture fixture, ITestOutputHelper output) : IClassFixture<BadInputFixture>
{
    private const int Seed = 20261202;
    private const int PerRoute = 100;

    [Theory]
    [InlineData("direct")]
    [InlineData("sidecar")]
    public async Task NoFuzzedRequestAnswers5xxAndEveryRefusalNamesTheProblem(string via)
    {
        var context = await BackendFuzzSetup.ContextAsync(fixture.Backend, via, fixture.AppToken);

        var report = await FuzzRunner.RunAsync(FuzzCatalog.Backend, context, PerRoute, Seed);

        output.WriteLine($"{report.Total:N0} requests in {report.Elapsed.TotalSeconds:F1} s");
        output.WriteLine(report.Table());
        Assert.True(report.Findings.Count == 0, $"{report.Findings.Count} unacceptable answers:\n{report.Describe()}");
    }

    /// <summary>
    /// Without the app token no fuzzed call reaches a sidecar-only handler: every answer is a 4xx ProblemDetails,
    /// mostly 401. A body that cannot be read at all (too large, not JSON, wrong content type) is refused as such
    /// first, because the app-token check is an endpoint filter and minimal APIs bind the body before filters run.
    /// </summary>
    [Fact]
    public async Task SidecarOnlyRoutesRefuseEveryFuzzedCallWithoutTheAppToken()
    {
        var context = await BackendFuzzSetup.ContextAsync(fixture.Backend, "direct", appToken: null);

        var report = await FuzzRunner.RunAsync(FuzzCatalog.BackendSidecarOnly, context, 50, Seed);

        output.WriteLine(report.Table());
        Assert.True(report.Findings.Count == 0, report.Describe());
        Assert.Equal(report.Total, report.CountWhere(status => status is >= 400 and < 500));
        Assert.True(report.Count(HttpStatusCode.Unauthorized) > report.Total / 2, report.Table());
    }
}

/// <summary>A signed-in user with tasks, an access token and the MCP tool names: what the fuzz requests use.</summary>
internal static class BackendFuzzSetup
{
    public static async Task<FuzzContext> ContextAsync(BackendFixture backend, string via, string? appToken)
    {
        var (user, asUser) = await backend.NewUserAsync();
        using var direct = backend.Direct();
        var material = await FuzzSetup.PrepareUserAsync(asUser, direct);
        var http = via == "direct" ? backend.Direct() : backend.Anonymous();
        http.Timeout = TimeSpan.FromSeconds(30);
        var context = new FuzzContext
        {
            Client = http,
            Via = via,
            UserToken = asUser.DefaultRequestHeaders.Authorization!.Parameter,
            AccessToken = material.AccessToken,
            AppToken = appToken,
            TaskIds = material.TaskIds,
            SampleTaskJson = material.SampleTaskJson,
            UserId = user.UserId,
            ToolNames = material.ToolNames,
        };
        asUser.Dispose();
        return context;
    }
}
