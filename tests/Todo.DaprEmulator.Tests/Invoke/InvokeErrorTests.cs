using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Todo.DaprEmulator.Hosting;
using Todo.DaprEmulator.Tests.Infrastructure;

namespace Todo.DaprEmulator.Tests.Invoke;

public sealed class InvokeErrorTests
{
    [Fact]
    public async Task AnUnknownAppIdIs500DirectInvoke()
    {
        await using var pair = await InvokePair.StartAsync();
        using var http = pair.Caller();

        using var response = await http.GetAsync("/v1.0/invoke/nobody/method/ping");

        await AssertErrorAsync(response, HttpStatusCode.InternalServerError, "ERR_DIRECT_INVOKE", "nobody");
    }

    [Fact]
    public async Task ARequestWithoutAnyAppIdIs404DirectInvoke()
    {
        await using var pair = await InvokePair.StartAsync();
        using var http = pair.Caller();

        using var response = await http.GetAsync("/not/an/api/route");

        await AssertErrorAsync(response, HttpStatusCode.NotFound, "ERR_DIRECT_INVOKE", "dapr-app-id");
        Assert.DoesNotContain(pair.App.Requests, r => !r.PathAndQuery.StartsWith("/dapr/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnAppThatDoesNotListenIs500DirectInvokeWithoutHanging()
    {
        await using var emulator = await EmulatorFixture.StartAsync([],
        [
            new SidecarOptions { AppId = "app-a" },
            new SidecarOptions { AppId = "app-b", AppPort = InvokePair.UnusedPort() },
        ]);
        using var http = emulator.Http("app-a");
        http.Timeout = TimeSpan.FromSeconds(30);
        var watch = Stopwatch.StartNew();

        using var response = await http.GetAsync("/v1.0/invoke/app-b/method/ping");

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
        await AssertErrorAsync(response, HttpStatusCode.InternalServerError, "ERR_DIRECT_INVOKE", "app-b");
    }

    [Fact]
    public async Task ASidecarWhoseAppPortIsNotKnownYetIs500DirectInvoke()
    {
        await using var emulator = await EmulatorFixture.StartAsync([],
        [
            new SidecarOptions { AppId = "app-a" },
            new SidecarOptions { AppId = "app-b" },
        ]);
        using var http = emulator.Http("app-a");

        using var response = await http.GetAsync("/v1.0/invoke/app-b/method/ping");

        await AssertErrorAsync(response, HttpStatusCode.InternalServerError, "ERR_DIRECT_INVOKE", "app-b");
    }

    [Theory]
    [InlineData("/v1.0/invoke/app-b/method/a%23b")]
    [InlineData("/v1.0/invoke/app-b/method/a%3Fb")]
    [InlineData("/v1.0/invoke/app-b/method/a%01b")]
    [InlineData("/v1.0/invoke/app-b/method/a%00b")]
    public async Task AMethodWithAHashQuestionMarkOrControlCharacterIs400(string url)
    {
        await using var pair = await InvokePair.StartAsync();
        using var http = pair.Caller();

        using var response = await http.GetAsync(InvokePair.Raw(http.BaseAddress!, url));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(pair.App.Requests, r => !r.PathAndQuery.StartsWith("/dapr/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnAppIdWithMoreThanOneDotIsRejectedWithDirectInvoke()
    {
        await using var pair = await InvokePair.StartAsync();
        using var http = pair.Caller();

        using var response = await http.GetAsync("/v1.0/invoke/app-b.ns.extra/method/ping");

        Assert.False(response.IsSuccessStatusCode);
        Assert.Contains("ERR_DIRECT_INVOKE", await response.Content.ReadAsStringAsync());
    }

    private static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string errorCode, string messagePart)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(errorCode, body.RootElement.GetProperty("errorCode").GetString());
        Assert.Contains(messagePart, body.RootElement.GetProperty("message").GetString());
    }
}
