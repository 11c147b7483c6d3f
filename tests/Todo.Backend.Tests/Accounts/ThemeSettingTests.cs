using System.Net;
using System.Net.Http.Json;
using Todo.Backend.Tests.Infrastructure;
using Todo.Contracts.Accounts;

namespace Todo.Backend.Tests.Accounts;

/// <summary>The light/dark choice saved with the user's settings (<c>PUT /api/me</c>, field <c>theme</c>).</summary>
public sealed class ThemeSettingTests(BackendFixture backend) : IClassFixture<BackendFixture>
{
    [Fact]
    public async Task ANewAccountFollowsTheSystemTheme()
    {
        var (_, client) = await backend.NewUserAsync();

        var profile = await client.GetFromJsonAsync<UserProfile>("api/me");

        Assert.Equal("system", profile!.Theme);
    }

    [Fact]
    public async Task ASavedThemeIsKeptAndLeavingItOutKeepsIt()
    {
        var (user, client) = await backend.NewUserAsync();

        using var saved = await client.PutAsJsonAsync("api/me", new UpdateProfileRequest(user.DisplayName, "UTC", null, "dark"));
        Assert.Equal("dark", (await saved.ReadAsync<UserProfile>()).Theme);

        // An older caller that knows nothing of themes does not reset the choice.
        using var renamed = await client.PutAsJsonAsync("api/me", new { displayName = "Renamed", timeZone = "UTC" });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        var profile = await client.GetFromJsonAsync<UserProfile>("api/me");
        Assert.Equal(("Renamed", "dark"), (profile!.DisplayName, profile.Theme));

        // The choice also comes back with sign-in, which is where todo-web first learns it.
        using var anonymous = backend.Anonymous();
        using var signIn = await anonymous.PostJsonAsync("api/accounts/sign-in", new SignInRequest(user.Username, "correct horse battery"));
        Assert.Equal("dark", (await signIn.ReadAsync<UserProfile>()).Theme);
    }

    [Theory]
    [InlineData("Dark")]
    [InlineData("blue")]
    [InlineData("")]
    public async Task AnUnknownThemeIsABadRequestNamingTheField(string theme)
    {
        var (user, client) = await backend.NewUserAsync();

        using var response = await client.PutAsJsonAsync("api/me", new UpdateProfileRequest(user.DisplayName, "UTC", null, theme));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("'system', 'light' or 'dark'", problem.GetProperty("errors").GetProperty("theme")[0].GetString());
        Assert.Equal("system", (await client.GetFromJsonAsync<UserProfile>("api/me"))!.Theme);
    }
}
