using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Todo.Backend.Tests.Infrastructure;
using Todo.Contracts;
using Todo.Contracts.Accounts;

namespace Todo.Backend.Tests.Accounts;

/// <summary>
/// Change password and sign out everywhere end sessions through the session stamp: the backend refuses every user
/// token that carries an old one, on every replica, from the next request on.
/// </summary>
public sealed class AccountSessionTests(BackendFixture backend) : IClassFixture<BackendFixture>
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task ChangingThePasswordEndsEveryOtherSessionAndKeepsTheOneThatChangedIt()
    {
        var (user, session) = await backend.NewUserAsync();
        using var otherTab = backend.As(user);
        using var otherReplica = backend.StartReplica();
        otherReplica.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", backend.UserTokenFor(user));
        Assert.Equal(HttpStatusCode.OK, (await otherTab.GetAsync("api/tasks")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await otherReplica.GetAsync("api/tasks")).StatusCode);

        using var changed = await session.PostJsonAsync("api/me/password", new ChangePasswordRequest(Password, "a much newer passphrase"));
        var renewed = await changed.ReadAsync<UserProfile>();
        using var otherTabAfter = await otherTab.GetAsync("api/tasks");
        using var otherReplicaAfter = await otherReplica.GetAsync("api/tasks");
        using var renewedSession = backend.As(renewed);
        using var renewedAfter = await renewedSession.GetAsync("api/tasks");

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.False(string.IsNullOrEmpty(renewed.SessionStamp));
        Assert.Contains("sign in again", (await otherTabAfter.ProblemAsync(HttpStatusCode.Unauthorized)).GetProperty("detail").GetString());
        await otherReplicaAfter.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, renewedAfter.StatusCode);
    }

    [Fact]
    public async Task AfterAPasswordChangeOnlyTheNewPasswordSignsInAndItGivesTheNewStamp()
    {
        var (user, session) = await backend.NewUserAsync();
        var renewed = await (await session.PostJsonAsync("api/me/password", new ChangePasswordRequest(Password, "a much newer passphrase"))).ReadAsync<UserProfile>();
        using var anonymous = backend.Anonymous();

        using var withOld = await anonymous.PostJsonAsync("api/accounts/sign-in", new SignInRequest(user.Username, Password));
        using var withNew = await anonymous.PostJsonAsync("api/accounts/sign-in", new SignInRequest(user.Username, "a much newer passphrase"));

        await withOld.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(renewed.SessionStamp, (await withNew.ReadAsync<UserProfile>()).SessionStamp);
    }

    [Fact]
    public async Task AWrongCurrentPasswordChangesNothingAndSaysWhichFieldIsWrong()
    {
        var (user, session) = await backend.NewUserAsync();
        using var otherTab = backend.As(user);

        using var wrong = await session.PostJsonAsync("api/me/password", new ChangePasswordRequest("not my password", "a much newer passphrase"));
        using var weak = await session.PostJsonAsync("api/me/password", new ChangePasswordRequest(Password, "short"));
        using var same = await session.PostJsonAsync("api/me/password", new ChangePasswordRequest(Password, Password));

        var wrongProblem = await wrong.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("The password is not correct.", wrongProblem.GetProperty("errors").GetProperty("currentPassword")[0].GetString());
        Assert.Contains("at least 8", (await weak.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("newPassword")[0].GetString());
        Assert.Contains("differs", (await same.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("newPassword")[0].GetString());
        Assert.Equal(HttpStatusCode.OK, (await otherTab.GetAsync("api/tasks")).StatusCode);
    }

    [Fact]
    public async Task GuessingTheCurrentPasswordFromAStolenSessionIsLockedOutLikeSignIn()
    {
        var (_, session) = await backend.NewUserAsync();
        for (var i = 0; i < 5; i++)
        {
            using var guess = await session.PostJsonAsync("api/me/password", new ChangePasswordRequest($"guess number {i}", "a much newer passphrase"));
            await guess.ProblemAsync(HttpStatusCode.BadRequest);
        }

        using var right = await session.PostJsonAsync("api/me/password", new ChangePasswordRequest(Password, "a much newer passphrase"));

        Assert.Contains("try again in", (await right.ProblemAsync(HttpStatusCode.TooManyRequests)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ProfileSavesRacingAPasswordChangeNeverUndoIt()
    {
        var (user, session) = await backend.NewUserAsync();
        using var otherTab = backend.As(user);
        var changing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Other tabs keep saving the profile (with the old session) until the password change is answered, and a bit after.
        var savers = Enumerable.Range(0, 6).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; !changing.Task.IsCompleted || i % 20 != 0; i++)
            {
                using var saved = await otherTab.PutAsJsonAsync("api/me", new UpdateProfileRequest($"tab {worker} save {i}", "UTC", 0), TodoJson.Options);
            }
        })).ToList();

        using var changed = await session.PostJsonAsync("api/me/password", new ChangePasswordRequest(Password, "a much newer passphrase"));
        changing.SetResult();
        await Task.WhenAll(savers);
        using var anonymous = backend.Anonymous();
        using var withNew = await anonymous.PostJsonAsync("api/accounts/sign-in", new SignInRequest(user.Username, "a much newer passphrase"));

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withNew.StatusCode);
        Assert.Equal((await changed.ReadAsync<UserProfile>()).SessionStamp, (await withNew.ReadAsync<UserProfile>()).SessionStamp);
        await (await otherTab.GetAsync("api/me")).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task SigningOutEverywhereEndsEverySessionUntilTheNextSignIn()
    {
        var (user, session) = await backend.NewUserAsync();
        using var otherTab = backend.As(user);

        using var signedOut = await session.PostAsync("api/me/sign-out-everywhere", null);
        using var sessionAfter = await session.GetAsync("api/me");
        using var otherTabAfter = await otherTab.GetAsync("api/me");
        using var anonymous = backend.Anonymous();
        var again = await (await anonymous.PostJsonAsync("api/accounts/sign-in", new SignInRequest(user.Username, Password))).ReadAsync<UserProfile>();
        using var newSession = backend.As(again);

        Assert.Equal(HttpStatusCode.NoContent, signedOut.StatusCode);
        await sessionAfter.ProblemAsync(HttpStatusCode.Unauthorized);
        await otherTabAfter.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await newSession.GetAsync("api/me")).StatusCode);
    }

    [Fact]
    public async Task AccessTokensAreNotSessionsAndKeepWorkingAfterAPasswordChange()
    {
        var (_, session) = await backend.NewUserAsync();
        var token = await (await session.PostJsonAsync("api/tokens", new CreateAccessTokenRequest("agent"))).ReadAsync<CreatedAccessToken>();
        using var pat = backend.Anonymous();
        pat.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);

        await session.PostJsonAsync("api/me/password", new ChangePasswordRequest(Password, "a much newer passphrase"));

        Assert.Equal(HttpStatusCode.OK, (await pat.GetAsync("api/tasks")).StatusCode);
    }

    [Theory]
    [InlineData("api/me/password", """{"currentPassword":"correct horse battery","newPassword":"chosen by the thief"}""")]
    [InlineData("api/me/sign-out-everywhere", "{}")]
    [InlineData("api/me/delete", """{"password":"correct horse battery"}""")]
    public async Task AnAccessTokenCannotChangeThePasswordSignOutEverywhereOrDeleteTheAccount(string path, string body)
    {
        var (_, session) = await backend.NewUserAsync();
        var token = await (await session.PostJsonAsync("api/tokens", new CreateAccessTokenRequest("leaked"))).ReadAsync<CreatedAccessToken>();
        using var pat = backend.Anonymous();
        pat.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);

        using var response = await pat.PostAsync(path, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Contains("Sign in to the todo web app", (await response.ProblemAsync(HttpStatusCode.Forbidden)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await pat.GetAsync("api/tasks")).StatusCode);
    }

    [Fact]
    public async Task ACallWithoutAnyTokenGetsAProblemThatSaysHowToSignIn()
    {
        using var anonymous = backend.Anonymous();

        using var response = await anonymous.GetAsync("api/tasks");

        Assert.Contains("Sign in first", (await response.ProblemAsync(HttpStatusCode.Unauthorized)).GetProperty("detail").GetString());
    }
}
