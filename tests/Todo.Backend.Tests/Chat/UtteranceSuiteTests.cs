using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Todo.Backend.Features.Chat;
using Todo.Backend.Features.Tasks;
using Todo.Backend.Infrastructure;
using Todo.Contracts;
using Todo.Contracts.Tasks;
using Xunit.Abstractions;
using Todo.Language.Chat;

namespace Todo.Backend.Tests.Chat;

/// <summary>
/// The public utterance suite (Utterances.json): plain English in, the tool calls and key arguments out, at a fixed
/// "now" and zone. Title references are searched with the same <see cref="TaskQuery"/> list_tasks runs, over a fixed
/// set of tasks. Every case must pass; the pass rate is printed.
/// </summary>
public sealed class UtteranceSuiteTests(ITestOutputHelper output)
{
    [Fact]
    public async Task EveryUtteranceOfTheSuiteGivesTheExpectedToolCallsOrReply()
    {
        using var file = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Chat", "Utterances.json")));
        var suite = file.RootElement;
        var time = new FakeTimeProvider(suite.GetProperty("now").GetDateTimeOffset());
        var zone = TimeZoneInfo.FindSystemTimeZoneById(suite.GetProperty("timeZone").GetString()!);
        var tasks = Snapshot(suite, time.GetUtcNow());
        var lastListed = suite.GetProperty("lastListed").EnumerateArray().Select(t => Id(t.GetString()!)).ToList();

        var cases = suite.GetProperty("cases").EnumerateArray().ToList();
        var failures = new List<string>();
        foreach (var item in cases)
        {
            var text = item.GetProperty("text").GetString()!;
            var listed = item.TryGetProperty("noList", out var noList) && noList.GetBoolean() ? [] : lastListed;
            var (calls, reply) = await RunAsync(text, time.GetUtcNow(), zone, tasks, listed);
            if (Check(item, calls, reply) is { } problem)
            {
                failures.Add($"“{text}”: {problem}");
            }
        }

        var passed = cases.Count - failures.Count;
        output.WriteLine($"Utterance suite: {passed}/{cases.Count} passed ({100.0 * passed / cases.Count:F1}%)");
        foreach (var failure in failures)
        {
            output.WriteLine("  FAIL " + failure);
        }

        Assert.True(cases.Count >= 100, "the suite must hold at least 100 utterances");
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} utterances failed:\n" + string.Join("\n", failures));
    }

    internal static async Task<(IReadOnlyList<PlannedCall> Calls, string? Reply)> RunAsync(
        string text, DateTimeOffset now, TimeZoneInfo zone, IReadOnlyList<TaskDto> tasks, IReadOnlyList<string> lastListed)
    {
        switch (ChatInterpreter.Interpret(text, now, zone))
        {
            case ReplyIntent reply:
                return ([], reply.Text);
            case ToolIntent tool:
            {
                // Question words become a text search unless they name a tag; the suite's tasks have no tags.
                var arguments = tool.Arguments.DeepClone().AsObject();
                if (tool.Words is { } words)
                {
                    arguments["query"] = words;
                }

                return ([new PlannedCall(tool.Tool, arguments)], null);
            }
            case TaskActionIntent action:
                var resolution = await TaskReferences.ResolveAsync(action, lastListed, (title, status) =>
                {
                    // Exactly what list_tasks does with {query, status}.
                    var query = TaskQuery.Parse(status, [], [], title, null, null, null, "1000", null).Value!;
                    return Task.FromResult(query.Apply(tasks, now, zone).Items);
                }, now, zone);
                if (resolution is { NotFound: true } && action.Fallback is { } fallback)
                {
                    // As OfflineAssistant: no such task, so the message means what it reads as on its own.
                    return ([new PlannedCall(fallback.Tool, fallback.Arguments)], null);
                }

                if (resolution.Reply is { } question)
                {
                    return ([], question.Text);
                }

                return (resolution.Ids.Select(id =>
                {
                    var arguments = action.Arguments.DeepClone().AsObject();
                    arguments["id"] = id;
                    return new PlannedCall(action.Tool, arguments);
                }).ToList(), null);
            default:
                throw new InvalidOperationException("unknown intent");
        }
    }

    private static string? Check(JsonElement item, IReadOnlyList<PlannedCall> calls, string? reply)
    {
        if (item.TryGetProperty("reply", out var expectedReply))
        {
            return reply?.Contains(expectedReply.GetString()!, StringComparison.OrdinalIgnoreCase) == true
                ? null
                : $"expected a reply containing {expectedReply} but got {Describe(calls, reply)}";
        }

        var tool = item.GetProperty("tool").GetString();
        var count = item.TryGetProperty("calls", out var c) ? c.GetInt32() : 1;
        if (calls.Count != count || calls.Any(call => call.Tool != tool))
        {
            return $"expected {count} × {tool} but got {Describe(calls, reply)}";
        }

        var arguments = calls[0].Arguments;
        foreach (var expected in item.GetProperty("args").EnumerateObject())
        {
            var actual = Find(arguments, expected.Name);
            var want = expected.Value.ValueKind == JsonValueKind.String && expected.Value.GetString()!.StartsWith('@')
                ? JsonValue.Create(Id(expected.Value.GetString()![1..]))
                : JsonNode.Parse(expected.Value.GetRawText());
            if (!JsonNode.DeepEquals(actual, want))
            {
                return $"{expected.Name}: expected {want?.ToJsonString() ?? "absent"} but got {actual?.ToJsonString() ?? "absent"} in {arguments.ToJsonString()}";
            }
        }

        return null;
    }

    private static JsonNode? Find(JsonObject arguments, string path)
    {
        JsonNode? node = arguments;
        foreach (var part in path.Split('.'))
        {
            node = node is JsonObject o && o.TryGetPropertyValue(part, out var next) ? next : null;
        }

        return node;
    }

    private static string Describe(IReadOnlyList<PlannedCall> calls, string? reply) =>
        reply is not null ? $"reply “{reply}”" : calls.Count == 0 ? "nothing" : string.Join("; ", calls.Select(c => $"{c.Tool} {c.Arguments.ToJsonString()}"));

    internal static string Id(string title) => Ids.Derived("utterance-suite:" + title);

    private static IReadOnlyList<TaskDto> Snapshot(JsonElement suite, DateTimeOffset now)
    {
        TaskDto Task(string title, bool completed) => new(Id(title), title, null, TaskPriority.None, [], null, null, null, null, null, null,
            completed, completed ? now : null, now, now, "1");
        return
        [
            .. suite.GetProperty("openTasks").EnumerateArray().Select(t => Task(t.GetString()!, false)),
            .. suite.GetProperty("completedTasks").EnumerateArray().Select(t => Task(t.GetString()!, true)),
        ];
    }
}
