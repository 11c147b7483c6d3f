using System.Net;
using System.Net.Http.Json;
using Todo.Backend.Tests.Infrastructure;
using Todo.Contracts.Accounts;

namespace Todo.Backend.Tests.Accounts;

public sealed class AccountTests(BackendFixture backend) : IClassFixture<BackendFixture>
{
    [Fact]
    public async Task RegisteringReturnsTheProfileWithDefaults()
    {
        using var client = backend.Anonymous();
        var name = Unique();

        using var response = await client.PostJsonAsync("api/accounts/register", new RegisterRequest(name.ToUpperInvariant(), "long enough password"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var profile = await response.ReadAsync<UserProfile>();
        Assert.Equal(name, profile.Username);
        Assert.Equal(name, profile.DisplayName);
        Assert.Equal("UTC", profile.TimeZone);
        Assert.Equal(32, profile.UserId.Length);
    }

    [Theory]
    [InlineData("ab", "long enough password", null, "username")]
    [InlineData("has space", "long enough password", null, "username")]
    [InlineData("a-name-that-is-far-too-long-for-us", "long enough password", null, "username")]
    [InlineData("validname", "short", null, "password")]
    [InlineData("validname", "long enough password", "Mars/Olympus", "timeZone")]
    [InlineData("validname", "long enough password", "Europe/", "timeZone")] // a folder of the zone database: SecurityException on Linux
    public async Task RegistrationRulesAreEnforcedWithTheFieldNamed(string username, string password, string? timeZone, string field)
    {
        using var client = backend.Anonymous();

        using var response = await client.PostJsonAsync("api/accounts/register", new RegisterRequest(username, password, null, timeZone));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task ATakenUsernameIsAConflict()
    {
        using var client = backend.Anonymous();
        var name = Unique();
        (await client.PostJsonAsync("api/accounts/register", new RegisterRequest(name, "long enough password"))).EnsureSuccessStatusCode();

        using var second = await client.PostJsonAsync("api/accounts/register", new RegisterRequest(name, "another password"));

        var problem = await second.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains(name, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ConcurrentRegistrationsOfOneNameLetExactlyOneWin()
    {
        using var client = backend.Anonymous();
        var name = Unique();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            client.PostJsonAsync("api/accounts/register", new RegisterRequest(name, "long enough password"))));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(7, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
    }

    [Fact]
    public async Task SignInAcceptsTheRightPasswordAndSaysNothingSpecificOtherwise()
    {
        using var client = backend.Anonymous();
        var name = Unique();
        (await client.PostJsonAsync("api/accounts/register", new RegisterRequest(name, "long enough password"))).EnsureSuccessStatusCode();

        using var ok = await client.PostJsonAsync("api/accounts/sign-in", new SignInRequest(name, "long enough password"));
        using var wrongPassword = await client.PostJsonAsync("api/accounts/sign-in", new SignInRequest(name, "wrong password!"));
        using var unknownUser = await client.PostJsonAsync("api/accounts/sign-in", new SignInRequest(Unique(), "long enough password"));

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(name, (await ok.ReadAsync<UserProfile>()).Username);
        var first = await wrongPassword.ProblemAsync(HttpStatusCode.Unauthorized);
        var second = await unknownUser.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(first.GetProperty("detail").GetString(), second.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task RepeatedFailedSignInsLockTheAccountForAWhile()
    {
        using var client = backend.Anonymous();
        var name = Unique();
        (await client.PostJsonAsync("api/accounts/register", new RegisterRequest(name, "long enough password"))).EnsureSuccessStatusCode();
        for (var i = 0; i < 5; i++)
        {
            using var failed = await client.PostJsonAsync("api/accounts/sign-in", new SignInRequest(name, "wrong password!"));
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        using var locked = await client.PostJsonAsync("api/accounts/sign-in", new SignInRequest(name, "long enough password"));

        var problem = await locked.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Contains("try again", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task TheProfileCanBeReadAndChanged()
    {
        var (_, client) = await backend.NewUserAsync();

        using var put = await client.PutAsJsonAsync("api/me", new UpdateProfileRequest("Ada", "Europe/Berlin", 15));
        var profile = await (await client.GetAsync("api/me")).ReadAsync<UserProfile>();

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(("Ada", "Europe/Berlin", (int?)15), (profile.DisplayName, profile.TimeZone, profile.DefaultReminderMinutes));
    }

    [Fact]
    public async Task AnInvalidProfileChangeIsRejected()
    {
        var (_, client) = await backend.NewUserAsync();

        using var put = await client.PutAsJsonAsync("api/me", new UpdateProfileRequest("", "Nowhere/Special", -5));

        var problem = await put.ProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("displayName", out _));
        Assert.True(errors.TryGetProperty("timeZone", out _));
        Assert.True(errors.TryGetProperty("defaultReminderMinutes", out _));
    }

    [Fact]
    public async Task MalformedJsonIsAClearBadRequest()
    {
        using var client = backend.Anonymous();

        using var response = await client.PostAsync("api/accounts/register", new StringContent("{\"username\": ", System.Text.Encoding.UTF8, "application/json"));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("not valid JSON", problem.GetProperty("detail").GetString());
    }

    private static string Unique() => $"user{Guid.NewGuid():N}"[..20];
}
