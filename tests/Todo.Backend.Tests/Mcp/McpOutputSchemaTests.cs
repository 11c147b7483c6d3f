using System.Text.Json;
using Json.Schema;
using ModelContextProtocol.Protocol;
using Todo.Backend.Tests.Infrastructure;

namespace Todo.Backend.Tests.Mcp;

/// <summary>
/// What strict MCP clients (the official Inspector, the TypeScript SDK) do with every tool result: validate
/// structuredContent against the tool's declared outputSchema. Here with a JSON Schema 2020-12 validator that asserts
/// formats, over every tool in tools/list, with timed tasks (due date and time, reminders, a repeat rule) present.
/// </summary>
public sealed class McpOutputSchemaTests(BackendFixture backend) : IClassFixture<BackendFixture>
{
    private static readonly EvaluationOptions Strict = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    [Fact]
    public async Task EveryToolsStructuredContentValidatesAgainstItsOutputSchemaWithTimedTasksPresent()
    {
        await using var mcp = await McpSession.StartAsync(backend, "Europe/Berlin");
        var schemas = (await mcp.Client.ListToolsAsync()).ToDictionary(t => t.Name, t => t.ProtocolTool.OutputSchema);
        var called = new HashSet<string>();
        var day = DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd");

        async Task<JsonElement> CallAsync(string tool, object arguments)
        {
            var result = await mcp.CallAsync(tool, arguments);
            Assert.True(result.IsError != true, $"{tool} failed: {McpSession.Text(result)}");
            var problems = Problems(schemas[tool], result);
            Assert.True(problems.Count == 0, $"{tool}: structuredContent does not match its outputSchema:\n{string.Join("\n", problems)}");
            called.Add(tool);
            return JsonSerializer.SerializeToElement(result.StructuredContent);
        }

        var dentist = await CallAsync("add_task", new
        {
            title = "Dentist", dueDate = day, dueTime = "09:30", remindMinutesBefore = 30, priority = "high", tags = new[] { "health" },
            recurrence = new { frequency = "weekly", days = new[] { "monday" } },
        });
        var dentistId = dentist.GetProperty("task").GetProperty("id").GetString()!;
        Assert.Equal("09:30:00", dentist.GetProperty("task").GetProperty("due").GetProperty("time").GetString());
        var call = await CallAsync("add_task", new { title = "Call mom", dueDate = day, dueTime = "17:00", remindAt = $"{day}T16:30" });
        var callId = call.GetProperty("task").GetProperty("id").GetString()!;
        var batch = await CallAsync("add_tasks", new
        {
            tasks = new object[]
            {
                new { title = "Standup", dueDate = day, dueTime = "10:15", remindMinutesBefore = 5 },
                new { title = "Bad date", dueDate = "someday" },
            },
        });
        Assert.Equal(1, batch.GetProperty("failed").GetArrayLength());

        await CallAsync("add_project", new { name = "Errands", color = "#ff9800" });
        await CallAsync("add_task", new { title = "Post office", project = "Errands" });
        await CallAsync("list_projects", new { });
        var (friend, _) = await backend.NewUserAsync();
        await CallAsync("share_project", new { project = "Errands", member = friend.Username, role = "viewer" });
        await CallAsync("list_members", new { project = "Errands" });
        await CallAsync("remove_member", new { project = "Errands", member = friend.Username });
        var page = await CallAsync("list_tasks", new { limit = 2 });
        Assert.All(page.GetProperty("items").EnumerateArray(), t => Assert.Equal(JsonValueKind.String, t.GetProperty("due").GetProperty("time").ValueKind));
        Assert.NotNull(page.GetProperty("nextCursor").GetString());
        await CallAsync("list_tasks", new { status = "all", sort = "due" });
        await CallAsync("get_task", new { id = dentistId });
        await CallAsync("update_task", new { id = dentistId, dueTime = "08:45", notes = "bring the card" });
        await CallAsync("set_reminder", new { id = dentistId, minutesBefore = 10 });
        await CallAsync("set_reminder", new { id = callId, at = $"{day}T15:00:00Z" });
        // A snooze never brings a reminder forward: it needs one that is about to come.
        await CallAsync("set_reminder", new { id = callId, at = DateTimeOffset.UtcNow.AddMinutes(2).ToString("O") });
        await CallAsync("snooze_reminder", new { id = callId, minutes = 15 });
        await CallAsync("move_task", new { id = callId, first = true });
        await CallAsync("assign_task", new { id = callId, assignee = "me" });
        var stepped = await CallAsync("add_step", new { id = dentistId, title = "find the card" });
        var stepId = stepped.GetProperty("task").GetProperty("steps")[0].GetProperty("id").GetString()!;
        await CallAsync("update_step", new { id = dentistId, stepId, done = true });
        await CallAsync("add_step", new { id = dentistId, title = "floss", position = 0 });
        await CallAsync("remove_step", new { id = dentistId, stepId });
        var done = await CallAsync("complete_task", new { id = dentistId });
        Assert.NotEqual(JsonValueKind.Null, done.GetProperty("task").GetProperty("completedAt").ValueKind);
        await CallAsync("list_tasks", new { status = "completed" });
        await CallAsync("reopen_task", new { id = dentistId });
        await CallAsync("set_reminder", new { id = callId, clear = true });
        await CallAsync("delete_task", new { id = callId });

        Assert.Equal(schemas.Keys.Order(), called.Order());
    }

    [Fact]
    public async Task TheDueTimeSchemaAcceptsTheLocalTimesTheServerWritesAndNothingElse()
    {
        await using var mcp = await McpSession.StartAsync(backend);
        var tool = (await mcp.Client.ListToolsAsync()).Single(t => t.Name == "get_task").ProtocolTool;
        var time = tool.OutputSchema!.Value.GetProperty("properties").GetProperty("task").GetProperty("properties")
            .GetProperty("due").GetProperty("properties").GetProperty("time");
        var schema = JsonSchema.FromText(time.GetRawText());

        bool Valid(string json) => schema.Evaluate(JsonDocument.Parse(json).RootElement, Strict).IsValid;

        // The due time is a wall-clock time in the owner's zone (TimeOnly), so it has no offset by design.
        Assert.True(Valid("\"09:30:00\""));
        Assert.True(Valid("\"23:59:59.5\""));
        Assert.True(Valid("null"));
        Assert.False(Valid("\"24:00:00\""));
        Assert.False(Valid("\"9:30\""));
        Assert.False(Valid("\"09:30:00 tomorrow\""));
    }

    /// <summary>The validator's complaints about a result's structuredContent, or none.</summary>
    private static List<string> Problems(JsonElement? outputSchema, CallToolResult result)
    {
        if (outputSchema is not { } declared)
        {
            return ["the tool declares no outputSchema"];
        }

        if (result.StructuredContent is null)
        {
            return ["the result has no structuredContent although the tool declares an outputSchema"];
        }

        var schema = JsonSchema.FromText(declared.GetRawText());
        var evaluation = schema.Evaluate(JsonSerializer.SerializeToElement(result.StructuredContent), Strict);
        return evaluation.IsValid
            ? []
            : [.. (evaluation.Details ?? []).Where(d => d.Errors is not null)
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"))
                .DefaultIfEmpty("invalid (no details)")];
    }
}
