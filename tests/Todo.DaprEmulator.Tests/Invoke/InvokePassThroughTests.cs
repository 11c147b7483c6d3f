using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Todo.DaprEmulator.Tests.Invoke;

public sealed class InvokePassThroughTests
{
    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    [InlineData("DELETE")]
    [InlineData("HEAD")]
    [InlineData("OPTIONS")]
    public async Task EveryVerbReachesTheAppWithTheSameVerbPathRawQueryAndBody(string verb)
    {
        await using var pair = await InvokePair.StartAsync();
        using var http = pair.Caller();
        const string query = "?a=1&a=2&b=x%20y%2Fz&c=%C3%A9&d=";
        using var request = new HttpRequestMessage(new HttpMethod(verb),
            InvokePair.Raw(http.BaseAddress!, "/v1.0/invoke/app-b/method/orders/42" + query));
        var hasBody = verb is "POST" or "PUT" or "PATCH" or "DELETE";
        if (hasBody)
        {
            request.Content = new StringContent("""{"n":1}""", Encoding.UTF8, new MediaTypeHeaderValue("application/x-order"));
        }

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(verb, response.Headers.GetValues("x-echo-method").Single());
        var received = pair.Received();
        Assert.Equal(verb, received.Method);
        Assert.Equal("/orders/42" + query, received.PathAndQuery);
        Assert.Equal(hasBody ? """{"n":1}""" : "", received.Body);
        if (hasBody)
        {
            Assert.StartsWith("application/x-order", received.Headers["Content-Type"]);
            Assert.Equal("""{"n":1}""", await response.Content.ReadAsStringAsync());
        }
    }

    [Theory]
    [InlineData("/missing", 404, "text/csv", "a,b")]
    [InlineData("/boom", 500, "application/json", """{"errorCode":"APP_FAILED","message":"kaputt"}""")]
    [InlineData("/created", 201, "application/json", """{"id":7}""")]
    [InlineData("/teapot", 418, "text/plain", "short and stout")]
    public async Task TheAppsStatusHeadersContentTypeAndBodyComeBackVerbatim(string path, int status, string contentType, string body)
    {
        await using var pair = await InvokePair.StartAsync(app => app.Map("/{**path}", async (HttpContext context) =>
        {
            context.Response.StatusCode = status;
            context.Response.Headers["x-app-header"] = "from-app";
            context.Response.Headers.Location = "/somewhere/else";
            context.Response.ContentType = contentType;
            await context.Response.WriteAsync(body);
        }));
        using var http = pair.Caller();

        using var response = await http.GetAsync("/v1.0/invoke/app-b/method" + path);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("from-app", response.Headers.GetValues("x-app-header").Single());
        Assert.Equal("/somewhere/else", response.Headers.Location?.OriginalString);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.ToString());
        Assert.Equal(body, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AOneMebibyteBodyStreamsToTheAppAndBack()
    {
        await using var pair = await InvokePair.StartAsync();
        using var http = pair.Caller();
        var payload = new byte[1024 * 1024];
        new Random(42).NextBytes(payload);
        using var content = new ByteArrayContent(payload);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");

        using var response = await http.PostAsync("/v1.0/invoke/app-b/method/upload", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(payload, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task TheDaprAppIdHeaderFormUsesTheWholePathAsTheMethodAndIsNotForwarded()
    {
        await using var pair = await InvokePair.StartAsync();
        using var http = pair.Caller();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/orders/7/items?expand=true") { Content = new StringContent("x") };
        request.Headers.Add("dapr-app-id", "app-b");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var received = pair.Received();
        Assert.Equal("/orders/7/items?expand=true", received.PathAndQuery);
        Assert.False(received.Headers.ContainsKey("dapr-app-id"));
    }

    [Fact]
    public async Task TheBasicAuthFormWithDaprAppIdAsUserReachesTheApp()
    {
        await using var pair = await InvokePair.StartAsync();
        using var http = pair.Caller();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/orders/8");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("dapr-app-id:app-b")));

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/orders/8", pair.Received().PathAndQuery);
    }

    [Theory]
    [InlineData("/v1.0/invoke/app%2Db/method/ping")]
    [InlineData("/v1.0/invoke/app-b.default/method/ping")]
    public async Task AnEscapedOrNamespacedAppIdIsResolved(string url)
    {
        await using var pair = await InvokePair.StartAsync();
        using var http = pair.Caller();

        using var response = await http.GetAsync(InvokePair.Raw(http.BaseAddress!, url));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/ping", pair.Received().PathAndQuery);
    }

    [Theory]
    [InlineData("/v1.0/invoke/app-b/method/files/hello.txt", "/files/hello.txt")]
    [InlineData("/v1.0/invoke/app-b/method/hello.txt", "/hello.txt")]
    [InlineData("/v1.0/invoke/app-b/method/a/b/../c", "/a/c")]
    [InlineData("/v1.0/invoke/app-b/method/a/%2E%2E/c", "/c")]
    [InlineData("/v1.0/invoke/app-b/method/../../etc/passwd", "/etc/passwd")]
    [InlineData("/v1.0/invoke/app-b/method/a//b/./c", "/a/b/c")]
    public async Task TheMethodPathIsDecodedAndCleanedBeforeItReachesTheApp(string url, string expectedPath)
    {
        await using var pair = await InvokePair.StartAsync();
        using var http = pair.Caller();

        using var response = await http.GetAsync(InvokePair.Raw(http.BaseAddress!, url));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expectedPath, pair.Received().PathAndQuery);
    }

    [Fact]
    public async Task AnAppCanInvokeItselfThroughItsOwnSidecar()
    {
        await using var pair = await InvokePair.StartAsync();
        using var http = pair.Emulator.Http("app-b");

        using var response = await http.PostAsync("/v1.0/invoke/app-b/method/self", new StringContent("me"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("me", await response.Content.ReadAsStringAsync());
        Assert.Equal("/self", pair.Received().PathAndQuery);
    }

    [Fact]
    public async Task TheSdksInvokableHttpClientReachesAnotherAppThroughItsOwnSidecar()
    {
        await using var pair = await InvokePair.StartAsync();
        using var client = pair.Emulator.Client("app-a");
        using var http = client.CreateInvokableHttpClient("app-b");

        using var response = await http.PostAsync("orders?source=sdk", new StringContent("hello", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("hello", await response.Content.ReadAsStringAsync());
        var received = pair.Received();
        Assert.Equal("POST", received.Method);
        Assert.Equal("/orders?source=sdk", received.PathAndQuery);
        Assert.Equal("app-a", received.Headers["dapr-caller-app-id"]);
    }
}
