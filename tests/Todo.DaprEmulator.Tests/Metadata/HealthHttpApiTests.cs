using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Todo.DaprEmulator.Hosting;
using Todo.DaprEmulator.Tests.Infrastructure;
using Todo.DaprEmulator.Tests.Invoke;

namespace Todo.DaprEmulator.Tests.Metadata;

public sealed class HealthHttpApiTests
{
    [Fact]
    public async Task HealthzIsNotReadyUntilTheAppPortAcceptsConnectionsThen204()
    {
        var appPort = InvokePair.UnusedPort();
        await using var emulator = await EmulatorFixture.StartAsync([], [new SidecarOptions { AppId = "app-a", AppPort = appPort }]);
        using var http = emulator.Http();

        using (var notReady = await http.GetAsync("/v1.0/healthz"))
        {
            await AssertErrorAsync(notReady, "ERR_HEALTH_NOT_READY");
        }

        await using var app = await TestApp.StartAsync(_ => { }, appPort);
        await Poll.UntilAsync(async () => (await http.GetAsync("/v1.0/healthz")).StatusCode, status => status == HttpStatusCode.NoContent,
            "healthz answers 204 after the app started listening");
    }

    [Fact]
    public async Task HealthzStaysNotReadyWhileTheAppsSubscriptionsAreStillBeingRead()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var asked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var app = await TestApp.StartAsync(a => a.MapGet("/dapr/subscribe", async () =>
        {
            asked.TrySetResult();
            await release.Task;
            return Results.Json(Array.Empty<object>());
        }));
        await using var emulator = await EmulatorFixture.StartAsync([("pubsub.yaml", ComponentYaml.InMemoryPubSub)], [new SidecarOptions { AppId = "app-a", AppPort = app.Port }]);
        using var http = emulator.Http();

        await asked.Task.WaitAsync(TimeSpan.FromSeconds(20));
        using (var whileReading = await http.GetAsync("/v1.0/healthz"))
        {
            await AssertErrorAsync(whileReading, "ERR_HEALTH_NOT_READY");
        }

        release.SetResult();
        await Poll.UntilAsync(async () => (await http.GetAsync("/v1.0/healthz")).StatusCode, status => status == HttpStatusCode.NoContent,
            "healthz answers 204 once /dapr/subscribe was answered");
    }

    [Fact]
    public async Task HealthzStays204WhenTheAppGoesAwayAfterStartUp()
    {
        var app = await TestApp.StartAsync(a => a.MapGet("/ping", () => "pong"));
        await using var emulator = await EmulatorFixture.StartAsync([], [new SidecarOptions { AppId = "app-a", AppPort = app.Port }]);
        using var http = emulator.Http();
        await Poll.UntilAsync(async () => (await http.GetAsync("/v1.0/healthz")).StatusCode, status => status == HttpStatusCode.NoContent,
            "healthz answers 204 once the app listens");

        await app.DisposeAsync();
        using var invoke = await http.GetAsync("/v1.0/invoke/app-a/method/ping");
        using var health = await http.GetAsync("/v1.0/healthz");

        // daprd marks itself ready once; only the opt-in app health checks watch the app afterwards.
        Assert.Equal(HttpStatusCode.InternalServerError, invoke.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, health.StatusCode);
    }

    [Fact]
    public async Task OutboundHealthIs204AsSoonAsTheSidecarListensEvenWithoutTheApp()
    {
        await using var emulator = await EmulatorFixture.StartAsync([], [new SidecarOptions { AppId = "app-a", AppPort = InvokePair.UnusedPort() }]);
        using var http = emulator.Http();

        using var outbound = await http.GetAsync("/v1.0/healthz/outbound");
        using var inbound = await http.GetAsync("/v1.0/healthz");

        Assert.Equal(HttpStatusCode.NoContent, outbound.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, inbound.StatusCode);
    }

    [Fact]
    public async Task HealthzIs204AtOnceForASidecarWithoutAnAppPort()
    {
        await using var emulator = await EmulatorFixture.StartAsync([]);
        using var http = emulator.Http();

        using var response = await http.GetAsync("/v1.0/healthz");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task AnAppIdQueryThatDoesNotMatchTheSidecarIs500AppIdNotMatch()
    {
        await using var emulator = await EmulatorFixture.StartAsync([]);
        using var http = emulator.Http();

        using var mismatch = await http.GetAsync("/v1.0/healthz?appid=someone-else");
        using var match = await http.GetAsync("/v1.0/healthz?appid=app-a");

        await AssertErrorAsync(mismatch, "ERR_HEALTH_APPID_NOT_MATCH");
        Assert.Equal(HttpStatusCode.NoContent, match.StatusCode);
    }

    [Fact]
    public async Task TheSdkHealthChecksAgreeWithTheHttpRoutes()
    {
        var appPort = InvokePair.UnusedPort();
        await using var emulator = await EmulatorFixture.StartAsync([], [new SidecarOptions { AppId = "app-a", AppPort = appPort }]);
        using var client = emulator.Client();

        Assert.False(await client.CheckHealthAsync());
        Assert.True(await client.CheckOutboundHealthAsync());
        await client.WaitForSidecarAsync(new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token);

        await using var app = await TestApp.StartAsync(_ => { }, appPort);
        await Poll.UntilAsync(() => client.CheckHealthAsync(), "the SDK's CheckHealthAsync turns true");
    }

    [Fact]
    public async Task TheSdkReportsAStoppedSidecarAsUnhealthy()
    {
        var emulator = await EmulatorFixture.StartAsync([]);
        using var client = emulator.Client();
        Assert.True(await client.CheckHealthAsync());

        await emulator.DisposeAsync();

        Assert.False(await client.CheckHealthAsync());
        Assert.False(await client.CheckOutboundHealthAsync());
    }

    private static async Task AssertErrorAsync(HttpResponseMessage response, string errorCode)
    {
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(errorCode, body.RootElement.GetProperty("errorCode").GetString());
    }
}
