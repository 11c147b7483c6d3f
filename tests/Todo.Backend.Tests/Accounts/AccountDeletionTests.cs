using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Todo.Backend.Features.Reminders;
using Todo.Backend.Tests.Infrastructure;
using Todo.Backend.Tests.Reminders;
using Todo.Contracts.Accounts;
using Todo.Contracts.Chat;
using Todo.Contracts.Projects;
using Todo.Contracts.Tasks;

namespace Todo.Backend.Tests.Accounts;

/// <summary>
/// Deleting an account removes everything it owns. The state store is SQLite here, so the test can list what really
/// remains: every state row and every scheduler row (the emulator keeps jobs in the same file), decoded, searched for
/// the user's id, username, task ids and token hashes.
/// </summary>
public sealed class AccountDeletionTests(AccountDeletionTests.SqliteBackend stack) : IClassFixture<AccountDeletionTests.SqliteBackend>
{
    private const string Password = "correct horse battery";
    private BackendFixture Backend => stack.Backend;

    [Fact]
    public async Task DeletingAnAccountLeavesNothingOfItInTheStateStoreOrTheScheduler()
    {
        var (alice, aliceClient) = await Backend.NewUserAsync();
        var (bob, bobClient) = await Backend.NewUserAsync();
        var aliceTasks = await CreateBelongingsAsync(aliceClient);
        var bobTasks = await CreateBelongingsAsync(bobClient);
        var before = await Remains.ReadAsync(Backend);
        // The search finds each kind of thing alice owns, so "nothing found" afterwards means something.
        Assert.Contains(before.StateKeysOf(alice), k => k.EndsWith($"user-{alice.UserId}", StringComparison.Ordinal));
        Assert.Contains(before.StateKeysOf(alice), k => k.EndsWith($"username-{alice.Username}", StringComparison.Ordinal));
        Assert.Contains(before.StateKeysOf(alice), k => k.Contains("||pat-", StringComparison.Ordinal));
        Assert.Contains(before.StateKeysOf(alice), k => k.Contains("||pats-", StringComparison.Ordinal));
        Assert.Contains(before.StateKeysOf(alice), k => k.Contains("||chat-", StringComparison.Ordinal));
        Assert.Contains(before.StateKeysOf(alice), k => k.Contains("||chats-", StringComparison.Ordinal));
        Assert.Contains(before.StateKeysOf(alice), k => k.Contains("||tasks-", StringComparison.Ordinal));
        Assert.Equal(2, before.JobsOf(alice, aliceTasks).Count);
        Assert.Contains(before.StateKeysOf(alice), k => k.Contains("||project-", StringComparison.Ordinal));
        Assert.Contains(before.StateKeysOf(alice), k => k.Contains("||projects-", StringComparison.Ordinal));
        // A project's index and pages hold task ids, not the user's: count them for both users instead.
        Assert.Equal(4, before.State.Count(s => s.Key.Contains("||ptasks-", StringComparison.Ordinal)));

        using var deleted = await aliceClient.PostJsonAsync("api/me/delete", new DeleteAccountRequest(Password));
        var after = await Remains.ReadAsync(Backend);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty(after.StateKeysOf(alice));
        Assert.Empty(after.JobsOf(alice, aliceTasks));
        Assert.Equal(before.StateKeysOf(bob), after.StateKeysOf(bob));
        Assert.Equal(2, after.State.Count(s => s.Key.Contains("||ptasks-", StringComparison.Ordinal)));
        Assert.Equal(before.JobsOf(bob, bobTasks), after.JobsOf(bob, bobTasks));
        Assert.Equal(bobTasks.Order(), (await (await bobClient.GetAsync("api/tasks?status=all")).ReadAsync<TaskPage>()).Items.Select(t => t.Id).Order());
    }

    [Fact]
    public async Task ADeletedAccountsSessionsAndAccessTokensStopWorkingAndItsUsernameIsFreeAgain()
    {
        var (alice, session) = await Backend.NewUserAsync();
        using var otherTab = Backend.As(alice);
        var token = await (await session.PostJsonAsync("api/tokens", new CreateAccessTokenRequest("agent"))).ReadAsync<CreatedAccessToken>();
        using var pat = Backend.Anonymous();
        pat.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        Assert.Equal(HttpStatusCode.OK, (await pat.GetAsync("api/tasks")).StatusCode);

        using var deleted = await session.PostJsonAsync("api/me/delete", new DeleteAccountRequest(Password));
        using var tabAfter = await otherTab.GetAsync("api/tasks");
        using var patAfter = await pat.GetAsync("api/tasks");
        using var anonymous = Backend.Anonymous();
        using var signIn = await anonymous.PostJsonAsync("api/accounts/sign-in", new SignInRequest(alice.Username, Password));
        using var registerAgain = await anonymous.PostJsonAsync("api/accounts/register", new RegisterRequest(alice.Username, "someone else entirely"));

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Contains("no longer exists", (await tabAfter.ProblemAsync(HttpStatusCode.Unauthorized)).GetProperty("detail").GetString());
        await patAfter.ProblemAsync(HttpStatusCode.Unauthorized);
        await signIn.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.Created, registerAgain.StatusCode);
        Assert.NotEqual(alice.UserId, (await registerAgain.ReadAsync<UserProfile>()).UserId);
    }

    [Fact]
    public async Task DeletingNeedsTheRightPasswordAndAWrongOneDeletesNothing()
    {
        var (alice, session) = await Backend.NewUserAsync();
        await session.CreateTaskAsync("keep me");

        using var wrong = await session.PostJsonAsync("api/me/delete", new DeleteAccountRequest("not my password"));
        using var missing = await session.PostJsonAsync("api/me/delete", new DeleteAccountRequest(null));

        Assert.Equal("The password is not correct.", (await wrong.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("password")[0].GetString());
        Assert.Contains("Enter your password", (await missing.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("detail").GetString());
        Assert.Equal(["keep me"], (await (await session.GetAsync("api/tasks")).ReadAsync<TaskPage>()).Items.Select(t => t.Title));
        Assert.NotEmpty((await Remains.ReadAsync(Backend)).StateKeysOf(alice));
    }

    [Fact]
    public async Task ADeletionInterruptedByTheSchedulerLocksTheAccountAndTheNextSignInFinishesIt()
    {
        var failures = new FailingJobCalls(HttpMethod.Delete, 1);
        var backend = new BackendFixture
        {
            StateStoreYaml = SqliteBackend.StateStore,
            ConfigureServices = services => services.AddHttpClient<ReminderJobs>().AddHttpMessageHandler(() => failures.Handler()),
        };
        await backend.InitializeAsync();
        try
        {
            var (alice, session) = await backend.NewUserAsync();
            var task = await session.CreateTaskAsync(new CreateTaskRequest("with a reminder", Reminder: new ReminderDto(At: DateTimeOffset.UtcNow.AddDays(7))));

            using var interrupted = await session.PostJsonAsync("api/me/delete", new DeleteAccountRequest(Password));
            using var sessionAfter = await session.GetAsync("api/tasks");
            var locked = await Remains.ReadAsync(backend);
            using var anonymous = backend.Anonymous();
            using var signIn = await anonymous.PostJsonAsync("api/accounts/sign-in", new SignInRequest(alice.Username, Password));
            var after = await Remains.ReadAsync(backend);

            Assert.Contains("Sign in again with your password", (await interrupted.ProblemAsync(HttpStatusCode.ServiceUnavailable)).GetProperty("detail").GetString());
            await sessionAfter.ProblemAsync(HttpStatusCode.Unauthorized);
            Assert.NotEmpty(locked.JobsOf(alice, [task.Id]));
            await signIn.ProblemAsync(HttpStatusCode.Unauthorized);
            Assert.Empty(after.StateKeysOf(alice));
            Assert.Empty(after.JobsOf(alice, [task.Id]));
        }
        finally
        {
            await backend.DisposeAsync();
        }
    }

    /// <summary>Tasks (two with reminder jobs, one recurring), a completed task, a chat conversation and a used access token.</summary>
    private async Task<List<string>> CreateBelongingsAsync(HttpClient client)
    {
        var inAWeek = DateTimeOffset.UtcNow.AddDays(7);
        var ids = new List<string>
        {
            (await client.CreateTaskAsync(new CreateTaskRequest("with a reminder", Reminder: new ReminderDto(At: inAWeek)))).Id,
            (await client.CreateTaskAsync(new CreateTaskRequest("weekly with a reminder", Due: new DueDto(DateOnly.FromDateTime(inAWeek.UtcDateTime), new TimeOnly(9, 0)),
                Reminder: new ReminderDto(MinutesBefore: 10), Recurrence: new RecurrenceDto(RecurrenceFrequency.Weekly)))).Id,
            (await client.CreateTaskAsync("plain")).Id,
        };
        var done = await client.CreateTaskAsync("done already");
        (await client.PostAsync($"api/tasks/{done.Id}/complete", null)).EnsureSuccessStatusCode();
        ids.Add(done.Id);
        // A project with an open and a completed task: its record, the sidebar, its index and archive page (ADR 0011).
        using var created = await client.PostJsonAsync("api/projects", new CreateProjectRequest("Errands"));
        var project = await created.ReadAsync<ProjectDto>();
        ids.Add((await client.CreateTaskAsync(new CreateTaskRequest("in a project") { ProjectId = project.Id })).Id);
        var doneThere = await client.CreateTaskAsync(new CreateTaskRequest("done in a project") { ProjectId = project.Id });
        (await client.PostAsync($"api/tasks/{doneThere.Id}/complete", null)).EnsureSuccessStatusCode();
        ids.Add(doneThere.Id);
        using var chat = await client.PostJsonAsync("api/chat", new ChatRequest(null, "what's on my list?"));
        chat.EnsureSuccessStatusCode();
        var token = await (await client.PostJsonAsync("api/tokens", new CreateAccessTokenRequest("agent"))).ReadAsync<CreatedAccessToken>();
        using var pat = Backend.Anonymous();
        pat.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        (await pat.GetAsync("api/tasks")).EnsureSuccessStatusCode();
        return ids;
    }

    /// <summary>Every row of the emulator's SQLite file: state (values decoded) and scheduled jobs (data decoded).</summary>
    private sealed record Remains(IReadOnlyList<(string Key, string Value)> State, IReadOnlyList<(string AppId, string Name, string Text)> Jobs)
    {
        public static async Task<Remains> ReadAsync(BackendFixture backend)
        {
            await using var connection = new SqliteConnection($"Data Source={Path.Combine(backend.ResourcesDirectory, "state.sqlite")};Mode=ReadOnly");
            await connection.OpenAsync();
            var state = new List<(string, string)>();
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT key, value, is_binary FROM state";
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    var value = reader.GetString(1);
                    state.Add((reader.GetString(0), reader.GetBoolean(2) ? Encoding.UTF8.GetString(Convert.FromBase64String(value)) : value));
                }
            }

            var jobs = new List<(string, string, string)>();
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT app_id, name, definition FROM dapr_jobs";
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    jobs.Add((reader.GetString(0), reader.GetString(1), DecodeJob(reader.GetString(2))));
                }
            }

            return new Remains(state, jobs);
        }

        /// <summary>Keys whose key or value names the user (id or username): the account, its claim, tasks, chats, tokens.</summary>
        public List<string> StateKeysOf(UserProfile user) => State
            .Where(s => s.Key.Contains(user.UserId, StringComparison.Ordinal) || s.Value.Contains(user.UserId, StringComparison.Ordinal)
                || s.Key.EndsWith($"username-{user.Username}", StringComparison.Ordinal))
            .Select(s => s.Key).Order(StringComparer.Ordinal).ToList();

        public List<string> JobsOf(UserProfile user, IReadOnlyList<string> taskIds) => Jobs
            .Where(j => j.Text.Contains(user.UserId, StringComparison.Ordinal) || taskIds.Any(id => j.Name.Contains(id, StringComparison.Ordinal)))
            .Select(j => $"{j.AppId}/{j.Name}").Order(StringComparer.Ordinal).ToList();

        // The definition is JSON with the job's data as base64 bytes; search both.
        private static string DecodeJob(string definition)
        {
            var text = new StringBuilder(definition);
            using var document = JsonDocument.Parse(definition);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.String && property.Value.TryGetBytesFromBase64(out var bytes))
                {
                    text.Append('\n').Append(Encoding.UTF8.GetString(bytes));
                }
            }

            return text.ToString();
        }
    }

    /// <summary>One backend whose state store (and therefore the emulator's job store) is a SQLite file.</summary>
    public sealed class SqliteBackend : IAsyncLifetime
    {
        public static readonly string StateStore = ComponentYaml.Component("statestore", "state.sqlite", ("connectionString", "state.sqlite"));

        public BackendFixture Backend { get; } = new() { StateStoreYaml = StateStore };

        public Task InitializeAsync() => Backend.InitializeAsync();

        public Task DisposeAsync() => Backend.DisposeAsync();
    }
}
