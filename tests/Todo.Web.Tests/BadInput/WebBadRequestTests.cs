using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Todo.Contracts;
using Todo.Web.Tests.Hosting;

namespace Todo.Web.Tests.BadInput;

/// <summary>
/// todo-web's POST routes refuse what they cannot read with a ProblemDetails naming the problem, in Development (as
/// the AppHost runs it, where the developer exception page used to answer 500), directly and through its sidecar.
/// </summary>
public sealed class WebBadRequestTests(WebStackFixture stack) : IClassFixture<WebStackFixture>
{
    public static TheoryData<string, bool> Routes => new()
    {
        { "account/sign-in", true }, { "account/sign-in", false },
        { "account/register", true }, { "account/register", false },
        { "events/task-events", true }, { "events/task-events", false },
        { "events/reminders", true }, { "events/reminders", false },
        { "events/project-events", true }, { "events/project-events", false },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task ABodyOverTheLimitAnswers413NamingTheLimit(string path, bool direct)
    {
        using var client = Client(direct);
        var content = new ByteArrayContent(Encoding.ASCII.GetBytes("username=" + new string('u', 1024 * 1024)));
        content.Headers.ContentType = new MediaTypeHeaderValue(path.StartsWith("account", StringComparison.Ordinal) ? "application/x-www-form-urlencoded" : "application/json");

        using var response = await client.PostAsync(path, content);

        if (!direct && IsSidecarOnly(path))
        {
            // Through service invocation the topic routes refuse before reading anything (the runtime's deliveries never come that way).
            Assert.Contains("service invocation", await DetailAsync(response, HttpStatusCode.Forbidden), StringComparison.Ordinal);
            return;
        }

        var detail = await DetailAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("1,048,576 bytes", detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("events/diagnostics", "application/cloudevents+json", "[1]", HttpStatusCode.BadRequest, "JSON object")]
    [InlineData("account/sign-in", "application/json", "{\"username\":\"x\"}", HttpStatusCode.UnsupportedMediaType, "form")]
    [InlineData("account/sign-in", "application/x-www-form-urlencoded", "username=x&password=y", HttpStatusCode.BadRequest, "anti-forgery")]
    public async Task AnUnreadableBodyAnswersAProblemNamingWhatIsWrong(string path, string contentType, string body, HttpStatusCode status, string mentions)
    {
        foreach (var direct in new[] { true, false })
        {
            using var client = Client(direct);
            var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);

            using var response = await client.PostAsync(path, content);

            var invoked = !direct && IsSidecarOnly(path);
            var detail = await DetailAsync(response, invoked ? HttpStatusCode.Forbidden : status);
            var expected = invoked ? "service invocation" : mentions;
            Assert.True(detail.Contains(expected, StringComparison.Ordinal), $"{(direct ? "direct" : "sidecar")}: '{detail}' does not mention '{expected}'");
        }
    }

    [Theory]
    [InlineData("events/reminders", "application/json", "\"str\"")]
    [InlineData("events/reminders", "application/json", "null")]
    [InlineData("events/reminders", "application/json", "{\"remindAt\": Infinity}")]
    [InlineData("events/reminders", "application/json", "{\"remindAt\": \"tomorrow\"}")]
    [InlineData("events/task-events", "text/plain", "hello")]
    [InlineData("events/project-events", "application/json", "[1]")]
    [InlineData("events/project-events", "application/json", "{\"eventId\":\"e\",\"ownerId\":\"u\",\"projectId\":\"p\",\"type\":\"com.todo.project.exploded\"}")]
    [InlineData("events/project-events", "application/json", "{\"eventId\":\"e\",\"type\":\"com.todo.project.created\"}")]
    public async Task AnEventWhoseDataCannotBeReadIsDroppedForTheRuntimeAndRefusedToInvokers(string path, string contentType, string body)
    {
        foreach (var direct in new[] { true, false })
        {
            using var client = Client(direct);
            var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);

            using var response = await client.PostAsync(path, content);

            if (direct)
            {
                // The runtime (with its app token) is told DROP: a message that can never be read must not be
                // redelivered or block its partition (daprd: pkg/runtime/subscription/postman/http/http.go).
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal("DROP", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
            }
            else
            {
                Assert.Contains("service invocation", await DetailAsync(response, HttpStatusCode.Forbidden), StringComparison.Ordinal);
            }
        }
    }

    private static bool IsSidecarOnly(string path) => path.StartsWith("events/", StringComparison.Ordinal);

    private HttpClient Client(bool direct)
    {
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = direct ? stack.WebAddress : new Uri(stack.Emulator[DaprNames.WebAppId].HttpEndpoint, $"/v1.0/invoke/{DaprNames.WebAppId}/method/"),
        };
        if (direct)
        {
            client.DefaultRequestHeaders.Add("dapr-api-token", stack.WebAppToken);
        }

        return client;
    }

    private static async Task<string> DetailAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected} but got {(int)response.StatusCode}: {body[..Math.Min(body.Length, 500)]}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString() ?? "";
    }
}
