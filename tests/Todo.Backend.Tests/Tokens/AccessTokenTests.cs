using System.Net;
using System.Net.Http.Headers;
using Todo.Backend.Tests.Infrastructure;
using Todo.Contracts.Accounts;
using Todo.Contracts.Tasks;

namespace Todo.Backend.Tests.Tokens;

public sealed class AccessTokenTests(BackendFixture backend) : IClassFixture<BackendFixture>
{
    [Fact]
    public async Task ATokenIsShownOnceWorksAsTheUserRecordsLastUseAndStopsWorkingWhenRevoked()
    {
        var (_, client) = await backend.NewUserAsync();
        await client.CreateTaskAsync("visible to my token");

        using var createdResponse = await client.PostJsonAsync("api/tokens", new CreateAccessTokenRequest("Claude Desktop"));
        var created = await createdResponse.ReadAsync<CreatedAccessToken>();
        using var pat = backend.Anonymous();
        pat.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created.Token);
        var tasksWithToken = await (await pat.GetAsync("api/tasks")).ReadAsync<TaskPage>();
        var listed = await (await client.GetAsync("api/tokens")).ReadAsync<List<AccessTokenInfo>>();
        var listedJson = await (await client.GetAsync("api/tokens")).Content.ReadAsStringAsync();
        using var revoke = await client.DeleteAsync($"api/tokens/{created.Id}");
        using var afterRevoke = await pat.GetAsync("api/tasks");

        Assert.Equal(HttpStatusCode.Created, createdResponse.StatusCode);
        Assert.StartsWith("todo_pat_", created.Token);
        Assert.Equal(["visible to my token"], tasksWithToken.Items.Select(t => t.Title));
        var info = Assert.Single(listed);
        Assert.Equal(("Claude Desktop", created.Id), (info.Name, info.Id));
        Assert.NotNull(info.LastUsedAt);
        Assert.DoesNotContain(created.Token, listedJson);
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterRevoke.StatusCode);
        Assert.Contains("Bearer", afterRevoke.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task OneUsersTokenNeverSeesAnotherUsersTasks()
    {
        var (_, alice) = await backend.NewUserAsync();
        var (_, bob) = await backend.NewUserAsync();
        await alice.CreateTaskAsync("alice only");
        var bobsToken = await (await bob.PostJsonAsync("api/tokens", new CreateAccessTokenRequest("cli"))).ReadAsync<CreatedAccessToken>();
        using var pat = backend.Anonymous();
        pat.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bobsToken.Token);

        var page = await (await pat.GetAsync("api/tasks")).ReadAsync<TaskPage>();

        Assert.Empty(page.Items);
    }

    [Theory]
    [InlineData("todo_pat_doesnotexist")]
    [InlineData("todo_pat_")]
    [InlineData("not-a-jwt-at-all")]
    public async Task AnUnknownTokenIsUnauthorized(string token)
    {
        using var client = backend.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await client.GetAsync("api/tasks");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task ATokenNeedsAName(string name)
    {
        var (_, client) = await backend.NewUserAsync();

        using var response = await client.PostJsonAsync("api/tokens", new CreateAccessTokenRequest(name));

        await response.ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task RevokingAnotherUsersTokenIsNotFound()
    {
        var (_, alice) = await backend.NewUserAsync();
        var (_, bob) = await backend.NewUserAsync();
        var token = await (await alice.PostJsonAsync("api/tokens", new CreateAccessTokenRequest("mine"))).ReadAsync<CreatedAccessToken>();

        using var response = await bob.DeleteAsync($"api/tokens/{token.Id}");

        await response.ProblemAsync(HttpStatusCode.NotFound);
    }
}
