using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Todo.DaprEmulator.Hosting;
using Todo.DaprEmulator.Tests.Infrastructure;

namespace Todo.DaprEmulator.Tests.Invoke;

/// <summary>
/// Two sidecars on loopback: app-a has no app (the caller's side), app-b serves a real <see cref="TestApp"/>.
/// By default the app echoes every request: same status 200, the request body and content type back, and the verb in
/// <c>x-echo-method</c>.
/// </summary>
internal sealed class InvokePair : IAsyncDisposable
{
    private InvokePair(TestApp app, EmulatorFixture emulator)
    {
        App = app;
        Emulator = emulator;
    }

    public TestApp App { get; }

    public EmulatorFixture Emulator { get; }

    public static async Task<InvokePair> StartAsync(
        Action<WebApplication>? map = null, string? callerDaprApiToken = null, string? calleeAppApiToken = null)
    {
        var app = await TestApp.StartAsync(map ?? MapEcho);
        var emulator = await EmulatorFixture.StartAsync([],
        [
            new SidecarOptions { AppId = "app-a", DaprApiToken = callerDaprApiToken },
            new SidecarOptions { AppId = "app-b", AppPort = app.Port, AppApiToken = calleeAppApiToken },
        ]);
        return new InvokePair(app, emulator);
    }

    /// <summary>A raw HTTP client on the caller's sidecar.</summary>
    public HttpClient Caller() => Emulator.Http("app-a");

    /// <summary>The one request the app received apart from the runtime's own <c>/dapr/*</c> calls.</summary>
    public RecordedRequest Received() =>
        Assert.Single(App.Requests, r => !r.PathAndQuery.StartsWith("/dapr/", StringComparison.Ordinal));

    public static void MapEcho(WebApplication app) => app.Map("/{**path}", async (HttpContext context) =>
    {
        context.Response.Headers["x-echo-method"] = context.Request.Method;
        context.Response.ContentType = context.Request.ContentType ?? "text/plain";
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await context.Request.Body.CopyToAsync(context.Response.Body);
        }
    });

    /// <summary>A URL sent exactly as written: no dot-segment removal or unescaping by <see cref="Uri"/>.</summary>
    public static Uri Raw(Uri baseAddress, string pathAndQuery) =>
        new(baseAddress.GetLeftPart(UriPartial.Authority) + pathAndQuery,
            new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });

    /// <summary>A loopback port nobody listens on (bound, then released).</summary>
    public static int UnusedPort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        await Emulator.DisposeAsync();
        await App.DisposeAsync();
    }
}
