using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;
using Todo.Backend.Tests.Infrastructure;

namespace Todo.Backend.Tests.Mcp;

/// <summary>
/// Arguments a model gets wrong, sent through the official C# client: each must come back as a tool error
/// (isError, so the model can correct itself) that names the argument, the expected type and an example, never as
/// the SDK's bare "An error occurred invoking 'X'."
/// </summary>
public sealed class McpArgumentErrorTests(BackendFixture backend) : IClassFixture<BackendFixture>
{
    private const string Id = "0123456789abcdef0123456789abcdef";

    [Theory]
    [InlineData("get_task", """{"id":true}""", "'id'", "a string", "e.g. \"0123456789abcdef0123456789abcdef\"")]
    [InlineData("get_task", """{}""", "'id' is missing", "a string", "e.g. \"")]
    [InlineData("get_task", """{"id":"0123456789abcdef0123456789abcdef","userId":"someone"}""", "'userId' is not an argument of get_task", "id", "")]
    [InlineData("snooze_reminder", """{"id":"0123456789abcdef0123456789abcdef","minutes":"daily"}""", "'minutes'", "a whole number from 1 to 10080", "e.g. 10")]
    [InlineData("snooze_reminder", """{"id":"0123456789abcdef0123456789abcdef","minutes":3000000000}""", "'minutes'", "a whole number from 1 to 10080", "e.g. 10")]
    [InlineData("list_tasks", """{"limit":1e308}""", "'limit'", "a whole number from 1 to 1000", "decimal point or exponent")]
    [InlineData("list_tasks", """{"priority":"high"}""", "'priority'", "an array whose items are each a string", "e.g. [\"high\"]")]
    [InlineData("set_reminder", """{"id":"0123456789abcdef0123456789abcdef","minutesBefore":15.5}""", "'minutesBefore'", "a whole number from 0 to 40320", "e.g. 15")]
    [InlineData("update_task", """{"id":"0123456789abcdef0123456789abcdef","clearDue":"yes"}""", "'clearDue'", "true or false", "e.g. true")]
    [InlineData("add_task", """{}""", "'title' is missing", "a string", "e.g. \"Call mom\"")]
    [InlineData("add_task", """{"title":"x","tags":"work"}""", "'tags'", "an array whose items are each a string", "e.g. [\"work\",\"bills\"]")]
    [InlineData("add_task", """{"title":"x","recurrence":"weekly"}""", "'recurrence'", "an object", "e.g. {\"frequency\":\"weekly\"")]
    [InlineData("add_task", """{"title":"x","dueDate":"2030-01-07","recurrence":{"frequency":"fortnightly"}}""", "'recurrence.frequency'", "one of \"daily\", \"weekly\", \"monthly\", \"yearly\", e.g. \"weekly\"", "fortnightly")]
    [InlineData("add_task", """{"title":"x","dueDate":"2030-01-07","recurrence":{"frequency":1}}""", "'recurrence.frequency'", "one of \"daily\"", "e.g. \"weekly\"")]
    [InlineData("add_task", """{"title":"x","dueDate":"2030-01-07","recurrence":{"frequency":"weekly","day":["monday"]}}""", "'recurrence.day' is not a field of recurrence", "days", "")]
    [InlineData("add_task", """{"title":"x","dueDate":"2030-01-07","recurrence":{"frequency":"weekly","days":["mon"]}}""", "'recurrence.days[0]'", "\"monday\"", "e.g. \"monday\"; got the string \"mon\"")]
    [InlineData("add_tasks", """{"tasks":{"title":"a"}}""", "'tasks'", "an array whose items are each an object", "e.g. [{\"title\":\"Milk\"}")]
    [InlineData("add_tasks", """{"tasks":[{"title":"a"},{"dueDate":"2030-01-07"}]}""", "'tasks[1].title' is missing", "a string", "e.g. \"Call mom\"")]
    [InlineData("add_tasks", """{"tasks":[{"title":"a","remindMinutesBefore":"soon"}]}""", "'tasks[0].remindMinutesBefore'", "a whole number from 0 to 40320", "e.g. 15")]
    public async Task AWrongArgumentIsAToolErrorNamingTheArgumentTheTypeAndAnExample(string tool, string arguments, string names, string type, string example)
    {
        await using var mcp = await McpSession.StartAsync(backend);

        var result = await mcp.Client.CallToolAsync(tool, Arguments(arguments));

        var text = McpSession.Text(result);
        Assert.True(result.IsError, text);
        Assert.Contains(names, text);
        Assert.Contains(type, text);
        Assert.Contains(example, text);
        Assert.DoesNotContain("An error occurred", text);
    }

    [Fact]
    public async Task AWrongCallChangesNothing()
    {
        await using var mcp = await McpSession.StartAsync(backend);

        var result = await mcp.Client.CallToolAsync("add_tasks", Arguments("""{"tasks":[{"title":"First"},{"title":"Second","tags":"oops"}]}"""));

        Assert.True(result.IsError);
        Assert.Contains("'tasks[1].tags'", McpSession.Text(result));
        Assert.Equal(0, (await mcp.CallOkAsync("list_tasks", new { status = "all" })).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task ValuesTheToolsHaveAlwaysAcceptedStillPass()
    {
        await using var mcp = await McpSession.StartAsync(backend);

        // Enum names in any case, as the binder reads them, and explicit nulls for optional arguments.
        var added = await mcp.CallOkAsync("add_task", new
        {
            title = "Gym", notes = (string?)null, dueDate = "2030-01-07", dueTime = "07:00",
            recurrence = new { frequency = "Weekly", days = new[] { "Monday", "thursday" }, interval = 1 },
        });

        Assert.Equal("weekly", added.GetProperty("task").GetProperty("recurrence").GetProperty("frequency").GetString());
    }

    /// <summary>
    /// Every argument of every tool in tools/list, sent with the wrong JSON type, and every required one left out:
    /// a new parameter cannot slip past the check or end up without an example.
    /// </summary>
    [Fact]
    public async Task EveryArgumentOfEveryToolWithTheWrongTypeOrMissingIsNamed()
    {
        await using var mcp = await McpSession.StartAsync(backend);
        var tools = await mcp.Client.ListToolsAsync();
        var checkedArguments = 0;

        foreach (var tool in tools.Select(t => t.ProtocolTool))
        {
            var schema = JsonNode.Parse(tool.InputSchema.GetRawText())!.AsObject();
            var properties = schema["properties"]!.AsObject();
            var required = schema["required"]?.AsArray().Select(r => r!.GetValue<string>()).ToList() ?? [];
            var valid = new JsonObject(required.Select(r => KeyValuePair.Create(r, (JsonNode?)ValidValue(properties[r]!))));

            foreach (var (name, property) in properties)
            {
                var arguments = valid.DeepClone().AsObject();
                arguments[name] = WrongValue(property!);
                var text = await ErrorTextAsync(mcp, tool.Name, arguments);
                Assert.Contains($"'{name}'", text);
                Assert.Contains(TypeWords(property!), text);
                Assert.Contains("e.g.", text);
                checkedArguments++;
            }

            foreach (var name in required)
            {
                var arguments = valid.DeepClone().AsObject();
                arguments.Remove(name);
                var text = await ErrorTextAsync(mcp, tool.Name, arguments);
                Assert.Contains($"'{name}' is missing", text);
                Assert.Contains("e.g.", text);
            }
        }

        Assert.True(checkedArguments >= 40, $"only {checkedArguments} arguments checked");
    }

    private static async Task<string> ErrorTextAsync(McpSession mcp, string tool, JsonObject arguments)
    {
        var result = await mcp.Client.CallToolAsync(tool, Arguments(arguments.ToJsonString()));
        var text = McpSession.Text(result);
        Assert.True(result.IsError, $"{tool} {arguments.ToJsonString()} was accepted: {text}");
        Assert.DoesNotContain("An error occurred", text);
        return text;
    }

    private static Dictionary<string, object?> Arguments(string json) =>
        JsonDocument.Parse(json).RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone());

    private static List<string> Types(JsonNode schema) => schema["type"] switch
    {
        JsonArray types => [.. types.Select(t => t!.GetValue<string>()).Where(t => t != "null")],
        JsonValue type => [type.GetValue<string>()],
        _ => [],
    };

    /// <summary>A value of the declared type; the check runs before the tool, so it need not make sense.</summary>
    private static JsonNode ValidValue(JsonNode schema) => Types(schema)[0] switch
    {
        "string" when schema["enum"] is JsonArray values => values[0]!.DeepClone(),
        "string" => "x",
        "integer" => 1,
        "boolean" => false,
        "array" => new JsonArray(ValidValue(schema["items"]!)),
        _ => new JsonObject((schema["required"]?.AsArray() ?? []).Select(r => KeyValuePair.Create(r!.GetValue<string>(), (JsonNode?)ValidValue(schema["properties"]![r.GetValue<string>()]!)))),
    };

    private static JsonNode WrongValue(JsonNode schema) => Types(schema).Contains("boolean") ? "yes" : true;

    private static string TypeWords(JsonNode schema) => Types(schema)[0] switch
    {
        "string" => "a string",
        "integer" => "a whole number",
        "boolean" => "true or false",
        "array" => "an array",
        _ => "an object",
    };
}
