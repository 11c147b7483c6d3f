using System.Net;
using Todo.Contracts;
using Todo.Testing.Fuzz;
using Todo.Web.Tests.Hosting;
using Xunit.Abstractions;

namespace Todo.Web.Tests.Fuzz;

/// <summary>
/// Seeded, bounded fuzz over todo-web's POST routes (the account forms and the topic handlers), directly (its public
/// entry behind the Ingress) and through its sidecar: 100 requests per route each way, never a 5xx, every refusal a
/// ProblemDetails with a message.
/// </summary>
public sealed class WebFuzzTests(WebStackFixture stack, ITestOutputHelper output) : IClassFixture<WebStackFixture>
{
    private const int Seed = 20261202;

    [Theory]
    [InlineData("direct")]
    [InlineData("sidecar")]
    public async Task NoFuzzedPostToTheWebAnswers5xxAndEveryRefusalNamesTheProblem(string via)
    {
        var context = await WebFuzzSetup.ContextAsync(stack, via, stack.WebAppToken);

        var report = await FuzzRunner.RunAsync(FuzzCatalog.Web, context, 100, Seed);

        output.WriteLine($"{report.Total:N0} requests in {report.Elapsed.TotalSeconds:F1} s");
        output.WriteLine(report.Table());
        Assert.True(report.Findings.Count == 0, $"{report.Findings.Count} unacceptable answers:\n{report.Describe()}");
    }

    [Fact]
    public async Task TheWebsTopicRoutesRefuseEveryFuzzedCallWithoutTheAppToken()
    {
        var context = await WebFuzzSetup.ContextAsync(stack, "direct", appToken: null);

        var report = await FuzzRunner.RunAsync(FuzzCatalog.WebSidecarOnly, context, 50, Seed);

        output.WriteLine(report.Table());
        Assert.True(report.Findings.Count == 0, report.Describe());
        Assert.Equal(report.Total, report.CountWhere(status => status is >= 400 and < 500));
        Assert.True(report.Count(HttpStatusCode.Unauthorized) > report.Total / 2, report.Table());
    }
}

/// <summary>One page visit's anti-forgery pair: what the web's fuzz requests use.</summary>
public static class WebFuzzSetup
{
    public static async Task<FuzzContext> ContextAsync(WebStackFixture stack, string via, string? appToken)
    {
        using var browser = stack.Browser();
        var antiforgery = await FuzzSetup.AntiforgeryAsync(browser);
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = via == "direct" ? stack.WebAddress : new Uri(stack.Emulator[DaprNames.WebAppId].HttpEndpoint, $"/v1.0/invoke/{DaprNames.WebAppId}/method/"),
            Timeout = TimeSpan.FromSeconds(30),
        };
        return new FuzzContext
        {
            Client = client,
            Via = via,
            AppToken = appToken,
            Antiforgery = antiforgery,
            UserId = $"u{Guid.NewGuid():N}",
            SampleTaskJson = FuzzCatalog.SampleTask,
        };
    }
}
