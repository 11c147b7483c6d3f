using System.Net;
using System.Net.Sockets;
using System.Text;
using Todo.Backend.Tests.Infrastructure;

namespace Todo.Backend.Tests.BadInput;

/// <summary>
/// Requests Kestrel itself looks at before any middleware: overlong URLs and unusable paths. What reaches the app
/// answers a ProblemDetails; what Kestrel rejects on its own (a NUL in the path, a request line over 64 KiB) answers
/// its bodiless 4xx, never a 5xx: ASP.NET Core has no hook for those bodies (Kestrel's Http1Connection calls
/// SetBadRequestState and ProduceEnd without running the pipeline).
/// </summary>
public sealed class BadRequestLineTests(BadInputFixture fixture) : IClassFixture<BadInputFixture>
{
    [Fact]
    public async Task AUrlOverEightKibAnswers414ProblemNamingTheLimit()
    {
        var (_, viaSidecar) = await fixture.Backend.NewUserAsync();
        using var direct = fixture.Backend.Direct();
        direct.DefaultRequestHeaders.Authorization = viaSidecar.DefaultRequestHeaders.Authorization;

        using var response = await direct.GetAsync("api/tasks?q=" + new string('q', 9_000));

        var problem = await response.ProblemAsync(HttpStatusCode.RequestUriTooLong);
        Assert.Contains("8,192 bytes", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALongUrlUnderTheLimitStillWorks()
    {
        var (_, client) = await fixture.Backend.NewUserAsync();

        // Long but under the limit: a tracking parameter the API ignores.
        using var response = await client.GetAsync("api/tasks?q=milk&ref=" + new string('r', 6_000));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/api/tasks/a%00b", HttpStatusCode.BadRequest)]
    [InlineData("/api/%00", HttpStatusCode.BadRequest)]
    public async Task APathKestrelRefusesAnswersItsOwn4xxNotA5xx(string path, HttpStatusCode expected)
    {
        var status = await RawStatusAsync($"GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        Assert.Equal((int)expected, status);
    }

    [Fact]
    public async Task ARequestLineOverKestrelsCeilingAnswers414NotA5xx()
    {
        var status = await RawStatusAsync($"GET /api/tasks?q={new string('q', 70_000)} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        Assert.Equal(414, status);
    }

    private async Task<int> RawStatusAsync(string request)
    {
        var address = fixture.Backend.BackendAddress;
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(address.Host, address.Port);
        await socket.SendAsync(Encoding.ASCII.GetBytes(request));
        var buffer = new byte[64];
        var read = await socket.ReceiveAsync(buffer, SocketFlags.None).WaitAsync(TimeSpan.FromSeconds(10));
        var line = Encoding.ASCII.GetString(buffer, 0, read);
        Assert.StartsWith("HTTP/1.1 ", line, StringComparison.Ordinal);
        return int.Parse(line.AsSpan(9, 3), System.Globalization.CultureInfo.InvariantCulture);
    }
}
