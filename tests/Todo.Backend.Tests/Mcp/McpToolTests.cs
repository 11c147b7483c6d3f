using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Todo.Backend.Tests.Infrastructure;
using Todo.Contracts.Events;

namespace Todo.Backend.Tests.Mcp;

public sealed class McpToolTests(BackendFixture backend) : IClassFixture<BackendFixture>
{
    /// <summary>
    /// The tool contract: names, parameters and annotations. A new parameter (above all anything like a user id) or a
    /// changed hint must show up here as a deliberate change.
    /// </summary>
    private static readonly Dictionary<string, (string Parameters, bool ReadOnly, bool Destructive, bool Idempotent)> Contract = new()
    {
        ["add_task"] = ("dueDate dueTime idempotencyKey notes priority project recurrence remindAt remindMinutesBefore steps tags title", false, false, false),
        ["add_tasks"] = ("idempotencyKey tasks", false, false, false),
        ["list_tasks"] = ("cursor due limit order priority project query sort status tags", true, false, true),
        ["get_task"] = ("id", true, false, true),
        ["update_task"] = ("clearDue clearDueTime clearNotes clearRecurrence clearTags dueDate dueTime id notes priority project recurrence tags title", false, true, true),
        ["complete_task"] = ("id", false, false, true),
        ["reopen_task"] = ("id", false, false, true),
        ["delete_task"] = ("id", false, true, true),
        ["set_reminder"] = ("at clear id minutesBefore", false, true, true),
        ["snooze_reminder"] = ("id minutes", false, false, false),
        ["list_projects"] = ("", true, false, true),
        ["add_project"] = ("color name", false, false, false),
        ["list_members"] = ("project", true, false, true),
        ["share_project"] = ("member project role", false, false, true),
        ["remove_member"] = ("member project", false, true, true),
        ["add_step"] = ("id position title", false, false, false),
        ["update_step"] = ("done id position stepId title", false, true, true),
        ["remove_step"] = ("id stepId", false, true, true),
        ["move_task"] = ("before first id project", false, false, true),
        ["assign_task"] = ("assignee id", false, true, true),
    };

    [Fact]
    public async Task TheToolListMatchesThePinnedContractAndNoToolTakesAUserId()
    {
        await using var mcp = await McpSession.StartAsync(backend);

        var tools = await mcp.Client.ListToolsAsync();

        Assert.Equal(Contract.Keys.Order(), tools.Select(t => t.Name).Order());
        foreach (var tool in tools.Select(t => t.ProtocolTool))
        {
            var (parameters, readOnly, destructive, idempotent) = Contract[tool.Name];
            var names = tool.InputSchema.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);
            Assert.Equal(parameters, string.Join(' ', names));
            Assert.DoesNotContain(names, n => n.Contains("user", StringComparison.OrdinalIgnoreCase) || n.Contains("owner", StringComparison.OrdinalIgnoreCase));
            Assert.Equal(readOnly, tool.Annotations?.ReadOnlyHint);
            Assert.Equal(destructive, tool.Annotations?.DestructiveHint);
            Assert.Equal(idempotent, tool.Annotations?.IdempotentHint);
            Assert.False(tool.Annotations?.OpenWorldHint);
            Assert.False(string.IsNullOrWhiteSpace(tool.Title ?? tool.Annotations?.Title));
            Assert.True(tool.Description?.Length > 60, $"{tool.Name} needs a description a model can use");
            Assert.NotNull(tool.OutputSchema);
            foreach (var property in tool.InputSchema.GetProperty("properties").EnumerateObject())
            {
                Assert.True(property.Value.TryGetProperty("description", out _), $"{tool.Name}.{property.Name} has no description");
            }
        }
    }

    [Fact]
    public async Task TheSchemaCarriesTheRestLimits()
    {
        await using var mcp = await McpSession.StartAsync(backend);

        var tools = (await mcp.Client.ListToolsAsync()).ToDictionary(t => t.Name, t => t.ProtocolTool.InputSchema);

        var add = tools["add_task"].GetProperty("properties");
        Assert.Equal(200, add.GetProperty("title").GetProperty("maxLength").GetInt32());
        Assert.Equal(40320, add.GetProperty("remindMinutesBefore").GetProperty("maximum").GetInt32());
        Assert.Equal(50, tools["add_tasks"].GetProperty("properties").GetProperty("tasks").GetProperty("maxItems").GetInt32());
        Assert.Equal(1000, tools["list_tasks"].GetProperty("properties").GetProperty("limit").GetProperty("maximum").GetInt32());
        Assert.Equal(10080, tools["snooze_reminder"].GetProperty("properties").GetProperty("minutes").GetProperty("maximum").GetInt32());
        Assert.Equal(["title"], tools["add_task"].GetProperty("required").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task EveryToolWorksThroughTheOfficialClient()
    {
        await using var mcp = await McpSession.StartAsync(backend, "Europe/Berlin");
        var tomorrow = DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd");

        var added = await mcp.CallOkAsync("add_task", new { title = "Call mom", dueDate = tomorrow, dueTime = "17:00", priority = "high", tags = new[] { "Family" } });
        var id = added.GetProperty("task").GetProperty("id").GetString()!;
        Assert.Equal("high", added.GetProperty("task").GetProperty("priority").GetString());
        Assert.Equal(["family"], added.GetProperty("task").GetProperty("tags").EnumerateArray().Select(t => t.GetString()));

        var batch = await mcp.CallOkAsync("add_tasks", new { tasks = new object[] { new { title = "Milk" }, new { title = "Bread", tags = new[] { "shop" } } } });
        Assert.Equal(2, batch.GetProperty("tasks").GetArrayLength());

        var listed = await mcp.CallOkAsync("list_tasks", new { tags = new[] { "shop" } });
        Assert.Equal(1, listed.GetProperty("total").GetInt32());
        Assert.Equal("Bread", listed.GetProperty("items")[0].GetProperty("title").GetString());
        var all = await mcp.CallOkAsync("list_tasks", new { sort = "title", limit = 2 });
        Assert.Equal(3, all.GetProperty("total").GetInt32());
        Assert.NotNull(all.GetProperty("nextCursor").GetString());

        var got = await mcp.CallOkAsync("get_task", new { id });
        Assert.Equal("Call mom", got.GetProperty("task").GetProperty("title").GetString());

        var updated = await mcp.CallOkAsync("update_task", new { id, dueTime = "18:30", notes = "ask about sunday" });
        Assert.Equal(tomorrow, updated.GetProperty("task").GetProperty("due").GetProperty("date").GetString());
        Assert.StartsWith("18:30", updated.GetProperty("task").GetProperty("due").GetProperty("time").GetString());
        Assert.Equal("high", updated.GetProperty("task").GetProperty("priority").GetString());
        var cleared = await mcp.CallOkAsync("update_task", new { id, clearNotes = true });
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("task").GetProperty("notes").ValueKind);

        var reminded = await mcp.CallOkAsync("set_reminder", new { id, minutesBefore = 15 });
        Assert.Equal(15, reminded.GetProperty("task").GetProperty("reminder").GetProperty("minutesBefore").GetInt32());
        // 15 minutes before tomorrow's due time is still ahead: snoozing it for 30 would bring it forward, so it is refused.
        Assert.True((await mcp.CallAsync("snooze_reminder", new { id, minutes = 30 })).IsError);
        await mcp.CallOkAsync("set_reminder", new { id, at = DateTimeOffset.UtcNow.AddMinutes(2).ToString("O") });
        var snoozed = await mcp.CallOkAsync("snooze_reminder", new { id, minutes = 30 });
        var remindAt = snoozed.GetProperty("task").GetProperty("remindAt").GetDateTimeOffset();
        Assert.InRange(remindAt - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(28), TimeSpan.FromMinutes(31));
        var unreminded = await mcp.CallOkAsync("set_reminder", new { id, clear = true });
        Assert.Equal(JsonValueKind.Null, unreminded.GetProperty("task").GetProperty("reminder").ValueKind);

        Assert.True((await mcp.CallOkAsync("complete_task", new { id })).GetProperty("task").GetProperty("completed").GetBoolean());
        Assert.False((await mcp.CallOkAsync("reopen_task", new { id })).GetProperty("task").GetProperty("completed").GetBoolean());
        await mcp.CallOkAsync("delete_task", new { id });
        var gone = await mcp.CallAsync("get_task", new { id });
        Assert.True(gone.IsError);
    }

    [Fact]
    public async Task TwoTokensOfTwoUsersNeverSeeEachOthersTasks()
    {
        await using var alice = await McpSession.StartAsync(backend);
        await using var bob = await McpSession.StartAsync(backend);
        var secret = await alice.CallOkAsync("add_task", new { title = "Alice's secret" });
        var id = secret.GetProperty("task").GetProperty("id").GetString()!;

        var bobsList = await bob.CallOkAsync("list_tasks", new { status = "all" });
        Assert.Equal(0, bobsList.GetProperty("total").GetInt32());
        foreach (var tool in new[] { "get_task", "complete_task", "delete_task" })
        {
            var attempt = await bob.CallAsync(tool, new { id });
            Assert.True(attempt.IsError, $"{tool} of another user's task must fail");
        }

        var still = await alice.CallOkAsync("get_task", new { id });
        Assert.False(still.GetProperty("task").GetProperty("completed").GetBoolean());
    }

    [Theory]
    [InlineData("add_task", """{"title":"x","dueDate":"14/03/2026"}""", "YYYY-MM-DD")]
    [InlineData("add_task", """{"title":"x","dueTime":"17:00"}""", "dueDate")]
    [InlineData("add_task", """{"title":"x","priority":"urgent"}""", "none, low, medium, high")]
    [InlineData("add_task", """{"title":"   "}""", "title")]
    [InlineData("add_task", """{"title":"x","remindMinutesBefore":15}""", "due date")]
    [InlineData("get_task", """{"id":"0123456789abcdef0123456789abcdef"}""", "list_tasks")]
    [InlineData("list_tasks", """{"due":"tomorrow"}""", "overdue, today, week or none")]
    [InlineData("update_task", """{"id":"0123456789abcdef0123456789abcdef"}""", "list_tasks")]
    [InlineData("set_reminder", """{"id":"0123456789abcdef0123456789abcdef","at":"2030-01-01T09:00:00Z","clear":true}""", "exactly one")]
    [InlineData("snooze_reminder", """{"id":"0123456789abcdef0123456789abcdef","minutes":0}""", "")]
    public async Task BadArgumentsComeBackAsToolErrorsWithAMessage(string tool, string arguments, string hint)
    {
        await using var mcp = await McpSession.StartAsync(backend);

        var result = await mcp.Client.CallToolAsync(tool, JsonDocument.Parse(arguments).RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value));

        Assert.True(result.IsError, McpSession.Text(result));
        Assert.Contains(hint, McpSession.Text(result));
        Assert.True(McpSession.Text(result).Length > 10);
    }

    [Fact]
    public async Task ABatchOfMoreThanFiftyTasksIsRefusedAndAPartlyBadBatchReportsTheBadItems()
    {
        await using var mcp = await McpSession.StartAsync(backend);

        var tooMany = await mcp.CallAsync("add_tasks", new { tasks = Enumerable.Range(0, 51).Select(i => new { title = $"t{i}" }).ToArray() });
        var mixed = await mcp.CallOkAsync("add_tasks", new { tasks = new object[] { new { title = "Good" }, new { title = "Bad", dueDate = "someday" } } });

        Assert.True(tooMany.IsError);
        Assert.Contains("50", McpSession.Text(tooMany));
        Assert.Equal(1, mixed.GetProperty("tasks").GetArrayLength());
        Assert.Equal(1, mixed.GetProperty("failed")[0].GetProperty("index").GetInt32());
        Assert.Contains("YYYY-MM-DD", mixed.GetProperty("failed")[0].GetProperty("error").GetString());
        Assert.Equal(1, (await mcp.CallOkAsync("list_tasks", new { })).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task NothingToUpdateIsAToolErrorNamingTheFields()
    {
        await using var mcp = await McpSession.StartAsync(backend);
        var id = (await mcp.CallOkAsync("add_task", new { title = "Unchanged" })).GetProperty("task").GetProperty("id").GetString();

        var result = await mcp.CallAsync("update_task", new { id });

        Assert.True(result.IsError);
        Assert.Contains("dueDate", McpSession.Text(result));
    }

    [Fact]
    public async Task WithoutATokenMcpAnswers401WithABearerChallenge()
    {
        using var http = new HttpClient { BaseAddress = backend.BackendAddress };

        using var response = await http.SendAsync(Initialize(null));
        using var wrong = await http.SendAsync(Initialize("todo_pat_notarealtoken"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.StartsWith("Bearer", wrong.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task AUserTokenFromTheWebAppDoesNotOpenMcp()
    {
        var (_, rest) = await backend.NewUserAsync();
        using var http = new HttpClient { BaseAddress = backend.BackendAddress };

        using var response = await http.SendAsync(Initialize(rest.DefaultRequestHeaders.Authorization!.Parameter));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AForeignOriginIsRefusedWith403AndAnAllowedOneIsNot()
    {
        var (_, rest) = await backend.NewUserAsync();
        var token = await McpSession.CreateTokenAsync(rest);
        using var http = new HttpClient { BaseAddress = backend.BackendAddress };

        var foreign = Initialize(token);
        foreign.Headers.Add("Origin", "http://evil.example");
        using var refused = await http.SendAsync(foreign);
        var allowed = Initialize(token);
        allowed.Headers.Add("Origin", "http://localhost:5280");
        using var accepted = await http.SendAsync(allowed);

        var problem = await refused.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("Mcp:AllowedOrigins", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task ChangesThroughMcpPublishTheSameTaskEvents()
    {
        await using var mcp = await McpSession.StartAsync(backend);
        var id = (await mcp.CallOkAsync("add_task", new { title = "Evented" })).GetProperty("task").GetProperty("id").GetString()!;
        await mcp.CallOkAsync("complete_task", new { id });
        await mcp.CallOkAsync("delete_task", new { id });

        foreach (var type in new[] { TaskEventTypes.Created, TaskEventTypes.Completed, TaskEventTypes.Deleted })
        {
            var received = await backend.WaitForEventAsync(e => e.Topic == "task-events" && e.Type == type && e.IsAbout(id));
            Assert.Equal(mcp.User.UserId, received.Data.GetProperty("userId").GetString());
        }
    }

    private static HttpRequestMessage Initialize(string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/mcp")
        {
            Content = new StringContent(
                """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"test","version":"1"}}}""",
                Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }
}
