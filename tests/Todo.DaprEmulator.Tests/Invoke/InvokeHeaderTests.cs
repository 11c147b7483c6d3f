using System.Net;

namespace Todo.DaprEmulator.Tests.Invoke;

public sealed class InvokeHeaderTests
{
    [Fact]
    public async Task RequestHeadersArriveLowerCasedWithoutHopByHopHeadersAndWithCallerCalleeAndForwardingHeaders()
    {
        await using var pair = await InvokePair.StartAsync();
        using var http = pair.Caller();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1.0/invoke/app-b/method/headers");
        request.Headers.TryAddWithoutValidation("X-Custom-Header", "Value-Kept");
        request.Headers.TryAddWithoutValidation("X-Listed-In-Connection", "dropped");
        request.Headers.Connection.Add("X-Listed-In-Connection");
        request.Headers.TryAddWithoutValidation("Keep-Alive", "timeout=5");
        request.Headers.TryAddWithoutValidation("Proxy-Authorization", "Basic Zm9vOmJhcg==");
        request.Headers.TryAddWithoutValidation("Upgrade", "websocket");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var received = pair.Received();
        Assert.Contains("x-custom-header", received.Headers.Keys);
        Assert.DoesNotContain("X-Custom-Header", received.Headers.Keys);
        Assert.Equal("Value-Kept", received.Headers["x-custom-header"]);
        Assert.False(received.Headers.ContainsKey("x-listed-in-connection"));
        Assert.False(received.Headers.ContainsKey("keep-alive"));
        Assert.False(received.Headers.ContainsKey("proxy-authorization"));
        Assert.False(received.Headers.ContainsKey("upgrade"));
        Assert.Equal("app-a", received.Headers["dapr-caller-app-id"]);
        Assert.Equal("app-b", received.Headers["dapr-callee-app-id"]);
        Assert.Equal("127.0.0.1", received.Headers["x-forwarded-for"]);
        Assert.Equal(http.BaseAddress!.Authority, received.Headers["x-forwarded-host"]);
        Assert.Contains("for=127.0.0.1", received.Headers["forwarded"]);
    }

    [Fact]
    public async Task ACallerCannotSpoofTheIdentityHeadersTheSidecarStamps()
    {
        // dapr/dapr pkg/messaging/direct_messaging.go strips caller-supplied identity headers and stamps its own.
        await using var pair = await InvokePair.StartAsync();
        using var http = pair.Caller();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1.0/invoke/app-b/method/headers");
        request.Headers.TryAddWithoutValidation("dapr-caller-app-id", "spoofed-app");
        request.Headers.TryAddWithoutValidation("dapr-callee-app-id", "spoofed-callee");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var received = pair.Received();
        Assert.Equal("app-a", received.Headers["dapr-caller-app-id"]);
        Assert.Equal("app-b", received.Headers["dapr-callee-app-id"]);
    }

    [Fact]
    public async Task TheCallersApiTokenIsNotForwardedToTheApp()
    {
        await using var pair = await InvokePair.StartAsync(callerDaprApiToken: "caller-token");
        using var http = pair.Caller();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1.0/invoke/app-b/method/secure");
        request.Headers.Add("dapr-api-token", "caller-token");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(pair.Received().Headers.ContainsKey("dapr-api-token"));
    }

    [Fact]
    public async Task TheCalleeSidecarsAppApiTokenReachesTheAppInsteadOfTheCallersToken()
    {
        await using var pair = await InvokePair.StartAsync(callerDaprApiToken: "caller-token", calleeAppApiToken: "app-b-secret");
        using var http = pair.Caller();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1.0/invoke/app-b/method/secure");
        request.Headers.Add("dapr-api-token", "caller-token");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("app-b-secret", pair.Received().Headers["dapr-api-token"]);
    }

    [Fact]
    public async Task AnIncomingTraceparentKeepsItsTraceIdWithANewSpanId()
    {
        const string traceId = "0af7651916cd43dd8448eb211c80319c";
        const string incoming = $"00-{traceId}-b7ad6b7169203331-01";
        await using var pair = await InvokePair.StartAsync();
        using var http = pair.Caller();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1.0/invoke/app-b/method/traced");
        request.Headers.TryAddWithoutValidation("traceparent", incoming);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var forwarded = pair.Received().Headers["traceparent"];
        Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-01$", forwarded);
        Assert.Equal(traceId, forwarded.Split('-')[1]);
        Assert.NotEqual("b7ad6b7169203331", forwarded.Split('-')[2]);
    }

    [Fact]
    public async Task ATraceparentIsCreatedWhenTheCallerSendsNone()
    {
        await using var pair = await InvokePair.StartAsync();
        using var http = pair.Caller();

        using var response = await http.GetAsync("/v1.0/invoke/app-b/method/untraced");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var created = pair.Received().Headers["traceparent"];
        Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$", created);
        Assert.NotEqual(new string('0', 32), created.Split('-')[1]);
    }
}
