using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Todo.Backend.Tests.Infrastructure;
using Todo.Contracts;
using Todo.Contracts.Accounts;

namespace Todo.Backend.Tests.Tokens;

/// <summary>
/// Only a signed-in web session manages access tokens. A leaked token must not mint more tokens (which would survive
/// its revocation), see the others or revoke them; and a revoked token is dead on every replica at once.
/// </summary>
public sealed class TokenManagementTests(BackendFixture backend) : IClassFixture<BackendFixture>
{
    public enum Route
    {
        Direct,
        ThroughTheSidecar,
    }

    [Theory]
    [InlineData(Route.Direct)]
    [InlineData(Route.ThroughTheSidecar)]
    public async Task AnAccessTokenCannotMintAnotherToken(Route route)
    {
        var (_, session) = await backend.NewUserAsync();
        var leaked = await CreateAsync(session, "leaked");
        using var attacker = WithToken(route, leaked.Token);

        using var minted = await attacker.PostAsJsonAsync("api/tokens", new CreateAccessTokenRequest("persistence"), TodoJson.Options);

        var problem = await minted.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("Access tokens cannot manage access tokens", problem.GetProperty("detail").GetString());
        Assert.Equal(["leaked"], (await ListAsync(session)).Select(t => t.Name));
    }

    [Theory]
    [InlineData(Route.Direct)]
    [InlineData(Route.ThroughTheSidecar)]
    public async Task AnAccessTokenCannotListOrRevokeTokens(Route route)
    {
        var (_, session) = await backend.NewUserAsync();
        var leaked = await CreateAsync(session, "leaked");
        var other = await CreateAsync(session, "other");
        using var attacker = WithToken(route, leaked.Token);

        using var list = await attacker.GetAsync("api/tokens");
        using var revoke = await attacker.DeleteAsync($"api/tokens/{other.Id}");

        await list.ProblemAsync(HttpStatusCode.Forbidden);
        await revoke.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(["leaked", "other"], (await ListAsync(session)).Select(t => t.Name).Order());
    }

    [Fact]
    public async Task RevokingATokenStopsItOnEveryReplicaAtOnce()
    {
        var (_, session) = await backend.NewUserAsync();
        var token = await CreateAsync(session, "agent");
        using var replica = backend.StartReplica();
        replica.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        using var viaSidecar = WithToken(Route.ThroughTheSidecar, token.Token);
        // Both replicas have just accepted it, so anything they might cache is warm.
        Assert.Equal(HttpStatusCode.OK, (await replica.GetAsync("api/tasks")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viaSidecar.GetAsync("api/tasks")).StatusCode);

        using var revoked = await session.DeleteAsync($"api/tokens/{token.Id}");
        using var onReplica = await replica.GetAsync("api/tasks");
        using var onFirst = await viaSidecar.GetAsync("api/tasks");

        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Contains("revoked", (await onReplica.ProblemAsync(HttpStatusCode.Unauthorized)).GetProperty("detail").GetString());
        await onFirst.ProblemAsync(HttpStatusCode.Unauthorized);
    }

    private HttpClient WithToken(Route route, string token)
    {
        var client = route == Route.Direct ? backend.Direct() : backend.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<CreatedAccessToken> CreateAsync(HttpClient session, string name)
    {
        using var response = await session.PostJsonAsync("api/tokens", new CreateAccessTokenRequest(name));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadAsync<CreatedAccessToken>();
    }

    private static async Task<List<AccessTokenInfo>> ListAsync(HttpClient session) =>
        await (await session.GetAsync("api/tokens")).ReadAsync<List<AccessTokenInfo>>();
}
