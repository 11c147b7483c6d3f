using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Todo.Backend.Tests.BadInput;
using Todo.Backend.Tests.Infrastructure;
using Todo.Contracts.Accounts;
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
        var (user, client) = await backend.NewUserAsync();
        var tasks = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            tasks.Add((await client.CreateTaskAsync($"fuzz target {i}")).Id);
        }

        var sample = await client.GetStringAsync($"api/tasks/{tasks[0]}");
        using var tokenResponse = await client.PostJsonAsync("api/tokens", new CreateAccessTokenRequest("fuzz"));
        var pat = (await tokenResponse.ReadAsync<CreatedAccessToken>()).Token;
        var tools = await ToolNamesAsync(backend, pat);
        client.Dispose();
        var http = via == "direct" ? backend.Direct() : backend.Anonymous();
        http.Timeout = TimeSpan.FromSeconds(30);
        return new FuzzContext
        {
            Client = http,
            Via = via,
            UserToken = backend.As(user).DefaultRequestHeaders.Authorization!.Parameter,
            AccessToken = pat,
            AppToken = appToken,
            TaskIds = tasks,
            SampleTaskJson = sample,
            UserId = user.UserId,
            ToolNames = tools,
        };
    }

    private static async Task<IReadOnlyList<string>> ToolNamesAsync(BackendFixture backend, string pat)
    {
        using var http = backend.Direct();
        using var request = new HttpRequestMessage(HttpMethod.Post, "mcp")
        {
            Content = JsonContent.Create(new { jsonrpc = "2.0", id = 1, method = "tools/list" }),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", pat);
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var json = body.TrimStart().StartsWith('{') ? body : string.Join('\n', body.Split('\n').Where(l => l.StartsWith("data:", StringComparison.Ordinal)).Select(l => l[5..]));
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("result").GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("name").GetString()!).ToList();
    }
}
