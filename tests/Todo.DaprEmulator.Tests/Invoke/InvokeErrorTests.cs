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

    /// <summary>
    /// A caller that announces more body than it sends and keeps the connection open. daprd's HTTP server sets only
    /// ReadHeaderTimeout (dapr/dapr pkg/api/http/server.go), and the caller's sidecar sends the whole body before it
    /// reads the callee's answer (pkg/messaging/direct_messaging.go, invokeRemoteStream: the r.Read loop runs before
    /// RecvMsg; reached from pkg/api/http/directmessaging.go, onDirectMessage), so daprd says nothing until the client
    /// finishes or gives up. The emulator answered 500 ERR_DIRECT_INVOKE after Kestrel's minimum-data-rate grace (5 s):
    /// a 5xx daprd never sends for this.
    /// </summary>
    [Fact]
    public async Task ABodyThatStallsShortOfItsContentLengthGetsNoAnswerFromTheSidecarAsWithDaprd()
    {
        await using var pair = await InvokePair.StartAsync();
        var endpoint = pair.Emulator.Host["app-a"].HttpEndpoint;
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        await socket.ConnectAsync(endpoint.Host, endpoint.Port);
        var request = "POST /v1.0/invoke/app-b/method/echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" +
                      "Content-Length: 100\r\n\r\n{\"short\":";
        await socket.SendAsync(System.Text.Encoding.ASCII.GetBytes(request));

        // Poll answers true as soon as anything arrives or the sidecar closes the connection.
        var answered = socket.Poll(TimeSpan.FromSeconds(8), System.Net.Sockets.SelectMode.SelectRead);

        Assert.False(answered, socket.Available > 0 ? await ReadAllAsync(socket).WaitAsync(TimeSpan.FromSeconds(5)) : "the sidecar closed the connection");
    }

    private static async Task<string> ReadAllAsync(System.Net.Sockets.Socket socket)
    {
        var received = new MemoryStream();
        var buffer = new byte[4096];
        int read;
        while ((read = await socket.ReceiveAsync(buffer)) > 0)
        {
            received.Write(buffer, 0, read);
            var text = System.Text.Encoding.UTF8.GetString(received.ToArray());
            var headerEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            var length = System.Text.RegularExpressions.Regex.Match(text, "Content-Length: (\\d+)", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
            if (headerEnd > 0 && length.Success && received.Length >= headerEnd + 4 + int.Parse(length.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
            {
                break;
            }
        }

        return System.Text.Encoding.UTF8.GetString(received.ToArray());
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
