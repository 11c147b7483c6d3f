using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Todo.Backend.Tests.Infrastructure;

namespace Todo.Backend.Tests.BadInput;

/// <summary>
/// What a careless or hostile client sends (too much, not JSON, the wrong JSON) answers a 4xx ProblemDetails that
/// names the limit, the field or the problem: directly and through the sidecar, in Development (how the AppHost and
/// these tests run the backend) as anywhere else.
/// </summary>
public sealed class BadRequestBodyTests(BadInputFixture fixture) : IClassFixture<BadInputFixture>
{
    private BackendFixture Backend => fixture.Backend;

    /// <summary>Every route that reads a body, as (method, path, needs a signed-in user).</summary>
    public static TheoryData<string, string, bool> BodyRoutes => new()
    {
        { "POST", "api/accounts/register", false },
        { "POST", "api/accounts/sign-in", false },
        { "PUT", "api/me", true },
        { "POST", "api/tasks", true },
        { "PATCH", "api/tasks/{task}", true },
        { "POST", "api/tasks/{task}/snooze", true },
        { "POST", "api/tokens", true },
        { "POST", "api/ping", false },
        { "POST", "api/chat", true },
        { "POST", "mcp", false },
        { "POST", "job/reminder-0123456789abcdef0123456789abcdef", false },
        { "POST", "events/task-events", false },
        { "POST", "events/project-events", false },
    };

    [Theory]
    [MemberData(nameof(BodyRoutes))]
    public async Task ABodyOverTheLimitAnswers413NamingTheLimitDirectly(string method, string path, bool signedIn)
    {
        using var client = await ClientAsync(direct: true, signedIn);

        using var response = await client.SendAsync(await RequestAsync(client, method, path, Oversized()));

        await AssertTooLargeAsync(response);
    }

    [Theory]
    [MemberData(nameof(BodyRoutes))]
    public async Task ABodyOverTheLimitAnswers413NamingTheLimitThroughTheSidecar(string method, string path, bool signedIn)
    {
        using var client = await ClientAsync(direct: false, signedIn);

        using var response = await client.SendAsync(await RequestAsync(client, method, path, Oversized()));

        if (IsSidecarOnly(path))
        {
            // Refused before the body is read, and drained, so the caller's sidecar passes the answer on.
            await AssertInvocationRefusedAsync(response);
            return;
        }

        await AssertTooLargeAsync(response);
    }

    // Job triggers and topic deliveries answer only the runtime; through service invocation they are refused.
    private static bool IsSidecarOnly(string path) =>
        path.StartsWith("events/", StringComparison.Ordinal) || path.StartsWith("job/", StringComparison.Ordinal);

    private static async Task AssertInvocationRefusedAsync(HttpResponseMessage response)
    {
        var problem = await response.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("service invocation", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("POST", "api/tasks")]
    [InlineData("POST", "api/tokens")]
    [InlineData("POST", "events/task-events")]
    public async Task AChunkedBodyThatGrowsOverTheLimitAnswers413(string method, string path)
    {
        using var client = await ClientAsync(direct: true, signedIn: true);
        var content = Oversized();
        content.Headers.ContentLength = null;
        var request = await RequestAsync(client, method, path, new StreamContent(new MemoryStream(await content.ReadAsByteArrayAsync())));
        request.Content!.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TransferEncodingChunked = true;

        using var response = await client.SendAsync(request);

        await AssertTooLargeAsync(response);
    }

    public static TheoryData<string, string, string, HttpStatusCode, string> Malformed => new()
    {
        // Routes that bind a typed body (minimal APIs) and routes that read JSON themselves.
        { "api/tokens", "application/json", "\"str\"", HttpStatusCode.BadRequest, "JSON" },
        { "api/tokens", "application/json", "null", HttpStatusCode.BadRequest, "name" },
        { "api/tokens", "application/json", "{\"name\": Infinity}", HttpStatusCode.BadRequest, "not valid JSON" },
        { "api/tokens", "application/json", "{\"name\": 42}", HttpStatusCode.BadRequest, "'name'" },
        { "api/tokens", "application/json", Deep(100_000), HttpStatusCode.BadRequest, "JSON object" },
        { "api/tokens", "text/plain", "{\"name\":\"x\"}", HttpStatusCode.UnsupportedMediaType, "application/json" },
        { "api/ping", "application/json", "{\"message\": [1, 2]}", HttpStatusCode.BadRequest, "'message'" },
        { "api/ping", "application/json", "{\"message\": ", HttpStatusCode.BadRequest, "not valid JSON" },
        { "api/ping", "text/plain", "hello", HttpStatusCode.UnsupportedMediaType, "\"text/plain\"" },
        { "api/ping", "application/json; charset=klingon", "{}", HttpStatusCode.UnsupportedMediaType, "'klingon'" },
        { "api/tasks", "application/json; charset=klingon", "{}", HttpStatusCode.UnsupportedMediaType, "'klingon'" },
        { "api/tasks", "application/json", Deep(100_000), HttpStatusCode.BadRequest, "deeper than 64" },
        { "api/tasks", "application/json", "{\"title\": NaN}", HttpStatusCode.BadRequest, "not valid JSON" },
        // A topic route tells the runtime DROP for data that can never be read (200 with daprd's status body), so the
        // message is neither redelivered nor left blocking its partition; a broken CloudEvent envelope is refused.
        { "events/task-events", "application/json", "\"str\"", HttpStatusCode.OK, "DROP" },
        { "events/task-events", "application/json", "null", HttpStatusCode.OK, "DROP" },
        { "events/task-events", "application/json", Deep(100_000), HttpStatusCode.OK, "DROP" },
        { "events/task-events", "text/plain", "hello", HttpStatusCode.OK, "DROP" },
        { "events/project-events", "application/json", "[1]", HttpStatusCode.OK, "DROP" },
        { "events/project-events", "application/json", "{\"eventId\":\"e\",\"projectId\":\"p\",\"type\":\"com.todo.project.exploded\"}", HttpStatusCode.OK, "DROP" },
        { "events/task-events", "application/cloudevents+json", "{\"data\": ", HttpStatusCode.BadRequest, "not valid JSON" },
        { "events/task-events", "application/cloudevents+json", "[1]", HttpStatusCode.BadRequest, "JSON object" },
        { "events/task-events", "application/cloudevents+json", "\"str\"", HttpStatusCode.BadRequest, "JSON object" },
        { "events/task-events", "application/cloudevents+json; charset=klingon", "{}", HttpStatusCode.UnsupportedMediaType, "klingon" },
        { "events/task-events", "application/cloudevents+json", "{\"data_base64\": \"%%%\"}", HttpStatusCode.BadRequest, "base64" },
        { "events/task-events", "application/cloudevents+json", Deep(100_000), HttpStatusCode.BadRequest, "deeper than 64" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task AMalformedBodyAnswersAProblemNamingWhatIsWrong(string path, string contentType, string body, HttpStatusCode status, string mentions)
    {
        foreach (var direct in new[] { true, false })
        {
            using var client = await ClientAsync(direct, signedIn: true);
            var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);

            using var response = await client.SendAsync(await RequestAsync(client, "POST", path, content));

            if (IsSidecarOnly(path) && !direct)
            {
                await AssertInvocationRefusedAsync(response);
                continue;
            }

            if (status == HttpStatusCode.OK)
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal(mentions, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
                continue;
            }

            var problem = await response.ProblemAsync(status);
            var detail = problem.GetProperty("detail").GetString() ?? "";
            Assert.True(detail.Contains(mentions, StringComparison.Ordinal), $"{(direct ? "direct" : "sidecar")}: '{detail}' does not mention '{mentions}'");
            Assert.DoesNotContain("Todo.", detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AnMcpInitializeWithWronglyTypedParamsAnswersAJsonRpcErrorNotA500()
    {
        using var client = Backend.Direct();
        using var request = await McpRequestAsync(
            """{"jsonrpc":"2.0","id":7,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":"all of them","clientInfo":{"name":"x","version":"1"}}}""",
            "application/json");

        using var response = await client.SendAsync(request);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
        var error = JsonDocument.Parse(body).RootElement.GetProperty("error");
        Assert.Equal(-32602, error.GetProperty("code").GetInt32());
        Assert.Contains("capabilities", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private async Task<HttpRequestMessage> McpRequestAsync(string json, string? contentType)
    {
        var (_, user) = await Backend.NewUserAsync();
        using var created = await user.PostJsonAsync("api/tokens", new Todo.Contracts.Accounts.CreateAccessTokenRequest("mcp"));
        var token = (await created.ReadAsync<Todo.Contracts.Accounts.CreatedAccessToken>()).Token;
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        var request = new HttpRequestMessage(HttpMethod.Post, "mcp") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        return request;
    }

    [Theory]
    [InlineData(null)]
    [InlineData("text/plain")]
    public async Task AnMcpMessageNotDeclaredAsJsonAnswers415(string? contentType)
    {
        var (_, user) = await Backend.NewUserAsync();
        using var created = await user.PostJsonAsync("api/tokens", new Todo.Contracts.Accounts.CreateAccessTokenRequest("mcp"));
        var token = (await created.ReadAsync<Todo.Contracts.Accounts.CreatedAccessToken>()).Token;
        using var client = Backend.Direct();
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":1,"method":"tools/list"}"""));
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "mcp") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await client.SendAsync(request);

        var problem = await response.ProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("application/json", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static string Deep(int depth) => new string('[', depth) + new string(']', depth);

    private static ByteArrayContent Oversized()
    {
        // Valid JSON, so only its size is wrong: {"title":"xxxx…"} one byte over 1 MiB.
        var limit = Todo.ServiceDefaults.ServiceDefaultsExtensions.MaxRequestBodyBytes;
        var filler = new string('x', (int)limit - 11);
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes($"{{\"title\":\"{filler}\"}}"));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        Assert.Equal(limit + 1, content.Headers.ContentLength);
        return content;
    }

    private static async Task AssertTooLargeAsync(HttpResponseMessage response)
    {
        var problem = await response.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("1,048,576 bytes", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private async Task<HttpClient> ClientAsync(bool direct, bool signedIn)
    {
        HttpClient client;
        if (signedIn)
        {
            var (user, viaSidecar) = await Backend.NewUserAsync();
            if (direct)
            {
                client = Backend.Direct();
                client.DefaultRequestHeaders.Authorization = viaSidecar.DefaultRequestHeaders.Authorization;
                viaSidecar.Dispose();
            }
            else
            {
                client = viaSidecar;
            }

            _ = user;
        }
        else
        {
            client = direct ? Backend.Direct() : Backend.Anonymous();
        }

        if (direct)
        {
            // The sidecar adds the app token to everything it forwards; a direct caller must bring it.
            client.DefaultRequestHeaders.Add("dapr-api-token", fixture.AppToken);
        }

        return client;
    }

    private static async Task<HttpRequestMessage> RequestAsync(HttpClient client, string method, string path, HttpContent content)
    {
        if (path.Contains("{task}", StringComparison.Ordinal))
        {
            var task = await client.CreateTaskAsync("target");
            path = path.Replace("{task}", task.Id, StringComparison.Ordinal);
        }

        var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = content };
        if (path == "mcp")
        {
            request.Headers.Accept.ParseAdd("application/json");
            request.Headers.Accept.ParseAdd("text/event-stream");
        }

        return request;
    }
}
