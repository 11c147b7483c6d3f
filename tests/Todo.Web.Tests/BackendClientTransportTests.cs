using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Todo.Contracts.Accounts;
using Todo.ServiceDefaults.Auth;
using Todo.Web.Features.Backend;

namespace Todo.Web.Tests;

/// <summary>How answers from the sidecar turn into exceptions the UI can show (a real Kestrel app plays the sidecar).</summary>
public sealed class BackendClientTransportTests
{
    // Anonymous calls (sign-in, register) never sign a token, so no key provider is needed here.
    private static BackendClient Client(int port) =>
        new(new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") }, new UserTokenIssuer(null!, TimeProvider.System));

    [Fact]
    public async Task AProblemDetailsAnswerBecomesABackendProblemWithItsMessage()
    {
        await using var sidecar = await TestApp.StartAsync(app => app.MapPost("/api/accounts/sign-in", () =>
            Results.Problem("Too many failed sign-ins for this account; try again in 5 minute(s).", statusCode: 429, title: "Too many attempts")));

        var problem = await Assert.ThrowsAsync<BackendProblem>(() => Client(sidecar.Port).SignInAsync(new SignInRequest("ann", "pw")));

        Assert.Equal(429, problem.Status);
        Assert.Equal("Too many failed sign-ins for this account; try again in 5 minute(s).", problem.Message);
    }

    [Fact]
    public async Task ValidationErrorsAreKeptPerField()
    {
        await using var sidecar = await TestApp.StartAsync(app => app.MapPost("/api/accounts/register", () =>
            Results.ValidationProblem(new Dictionary<string, string[]> { ["password"] = ["Use at least 8 characters."] })));

        var problem = await Assert.ThrowsAsync<BackendProblem>(() => Client(sidecar.Port).RegisterAsync(new RegisterRequest("ann", "pw")));

        Assert.Equal(["Use at least 8 characters."], problem.For("password"));
    }

    [Fact]
    public async Task ASidecarThatCannotReachTheBackendMeansUnavailable()
    {
        await using var sidecar = await TestApp.StartAsync(app => app.MapPost("/api/accounts/sign-in", () =>
            Results.Json(new { errorCode = "ERR_DIRECT_INVOKE", message = "app todo-backend not reachable" }, statusCode: 500)));

        var error = await Assert.ThrowsAsync<BackendUnavailableException>(() => Client(sidecar.Port).SignInAsync(new SignInRequest("ann", "pw")));

        Assert.Contains("ERR_DIRECT_INVOKE", error.Message);
    }

    [Fact]
    public async Task ASidecarThatIsDownMeansUnavailable()
    {
        int port;
        await using (var gone = await TestApp.StartAsync(_ => { }))
        {
            port = gone.Port;
        }

        await Assert.ThrowsAsync<BackendUnavailableException>(() => Client(port).SignInAsync(new SignInRequest("ann", "pw")));
    }
}
