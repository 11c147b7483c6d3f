using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using Todo.Backend.Tests.Infrastructure;
using Todo.ServiceDefaults.Auth;

namespace Todo.Backend.Tests.Tokens;

/// <summary>The short-lived user token todo-web signs: anything but a fresh, correctly signed one is refused.</summary>
public sealed class UserTokenTests(BackendFixture backend) : IClassFixture<BackendFixture>
{
    [Fact]
    public async Task AFreshTokenIsAccepted()
    {
        var (user, _) = await backend.NewUserAsync();

        using var response = await Call(UserTokenIssuer.Issue(backend.SigningKey, user.UserId, user.Username, DateTimeOffset.UtcNow));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AnExpiredTokenIsRefused()
    {
        var (user, _) = await backend.NewUserAsync();

        using var response = await Call(UserTokenIssuer.Issue(backend.SigningKey, user.UserId, user.Username, DateTimeOffset.UtcNow.AddMinutes(-10)));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ATokenLivingLongerThanFiveMinutesIsRefused()
    {
        var (user, _) = await backend.NewUserAsync();

        using var response = await Call(UserTokenIssuer.Issue(backend.SigningKey, user.UserId, user.Username, DateTimeOffset.UtcNow, TimeSpan.FromHours(1)));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ATokenSignedWithAnotherKeyIsRefused()
    {
        var (user, _) = await backend.NewUserAsync();
        var otherKey = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32));

        using var response = await Call(UserTokenIssuer.Issue(otherKey, user.UserId, user.Username, DateTimeOffset.UtcNow));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AValidTokenForADeletedOrUnknownUserIsRefused()
    {
        using var response = await Call(UserTokenIssuer.Issue(backend.SigningKey, new string('a', 32), "ghost", DateTimeOffset.UtcNow));

        await response.ProblemAsync(HttpStatusCode.Unauthorized);
    }

    private async Task<HttpResponseMessage> Call(string token)
    {
        using var client = backend.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.GetAsync("api/tasks");
    }
}
