using System.Text;
using System.Text.Json.Nodes;
using Todo.Contracts.Tasks;

namespace Todo.Backend.Features.Chat;

/// <summary>
/// The default, offline assistant: <see cref="ChatInterpreter"/> turns the message into an intent, and this class
/// carries it out through the same tools <c>/mcp</c> serves, resolving "2" from the conversation's last list and
/// titles through <c>list_tasks</c> (asking back when a title fits several tasks).
/// </summary>
internal sealed class OfflineAssistant(TimeProvider time) : IAssistant
{
    public const int ListLimit = 25;

    public Task<AssistantReply> ReplyAsync(AssistantTurn turn, ToolSession tools, CancellationToken cancellationToken) =>
        ReplyAsync(turn, (IChatTools)tools, cancellationToken);

    public async Task<AssistantReply> ReplyAsync(AssistantTurn turn, IChatTools tools, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var zone = turn.Context.TimeZone;
        switch (ChatInterpreter.Interpret(turn.Message, now, zone))
        {
            case ReplyIntent reply:
                return new AssistantReply(reply.Text);

            case ToolIntent { Tool: "add_task" } add:
            {
                var outcome = await tools.CallAsync(add.Tool, add.Arguments, cancellationToken);
                if (outcome.IsError)
                {
                    return new AssistantReply("I couldn't add that: " + outcome.Text);
                }

                var task = outcome.Read<Mcp.TaskResult>()!.Task;
                var text = new StringBuilder("Added " + ChatFormat.Line(task, now, zone) + ".");
                if (task.RemindAt is { } remindAt)
                {
                    text.Append(" I'll remind you " + ChatFormat.Instant(remindAt, now, zone) + ".");
                }

                if (add.Heading is { } note)
                {
                    text.Append(' ').Append(note);
                }

                return new AssistantReply(text.ToString());
            }

            case ToolIntent list:
            {
                // A chat reply is no place for hundreds of lines; the total still says how many match.
                var arguments = list.Arguments.DeepClone().AsObject();
                arguments.TryAdd("limit", ListLimit);
                var outcome = await tools.CallAsync(list.Tool, arguments, cancellationToken);
                if (outcome.IsError)
                {
                    return new AssistantReply("I couldn't list that: " + outcome.Text);
                }

                var page = outcome.Read<TaskPage>()!;
                return new AssistantReply(Numbered(list.Heading ?? "Your tasks", page, now, zone), page.Items.Select(t => t.Id).ToList());
            }

            case TaskActionIntent action:
                return await ActAsync(turn, tools, action, now, zone, cancellationToken);

            default:
                return new AssistantReply(ChatInterpreter.Help);
        }
    }

    private static async Task<AssistantReply> ActAsync(
        AssistantTurn turn, IChatTools tools, TaskActionIntent action, DateTimeOffset now, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var resolution = await TaskReferences.ResolveAsync(action, turn.LastListed, async (title, status) =>
        {
            var search = await tools.CallAsync("list_tasks", new JsonObject { ["query"] = title, ["status"] = status, ["limit"] = ListLimit }, cancellationToken);
            return search.Read<TaskPage>()?.Items ?? [];
        }, now, zone);
        if (resolution.Reply is { } question)
        {
            return question;
        }

        var ids = resolution.Ids;
        var replies = new List<string>();
        foreach (var id in ids)
        {
            var arguments = action.Arguments.DeepClone().AsObject();
            arguments["id"] = id;
            var outcome = await tools.CallAsync(action.Tool, arguments, cancellationToken);
            if (outcome.IsError)
            {
                replies.Add("That didn't work: " + outcome.Text);
                continue;
            }

            var task = outcome.Read<Mcp.TaskResult>()!.Task;
            replies.Add(Done(action.Tool, task, now, zone));
        }

        return new AssistantReply(string.Join(" ", replies));
    }

    private static string Done(string tool, TaskDto task, DateTimeOffset now, TimeZoneInfo zone) => tool switch
    {
        "complete_task" => $"Marked “{task.Title}” as done." + (task.Recurrence is not null ? " The next one will appear shortly." : ""),
        "reopen_task" => $"Reopened “{task.Title}”.",
        "delete_task" => $"Deleted “{task.Title}”.",
        "update_task" => $"Moved “{task.Title}” to {(task.Due is { } d ? ChatFormat.When(d.Date, d.Time, now, zone) : "no date")}.",
        "snooze_reminder" => $"Snoozed “{task.Title}”: I'll remind you {(task.RemindAt is { } at ? ChatFormat.Instant(at, now, zone) : "later")}.",
        _ => task.RemindAt is { } remind
            ? $"I'll remind you about “{task.Title}” {ChatFormat.Instant(remind, now, zone)}."
            : $"Removed the reminder from “{task.Title}”.",
    };

    private static string Numbered(string heading, TaskPage page, DateTimeOffset now, TimeZoneInfo zone)
    {
        if (page.Total == 0)
        {
            return heading + ": nothing here. Add one with e.g. \"call mom tomorrow at 5pm\".";
        }

        var text = new StringBuilder($"{heading} ({page.Total}):");
        for (var i = 0; i < page.Items.Count; i++)
        {
            text.Append($"\n{i + 1}. {ChatFormat.Line(page.Items[i], now, zone)}");
        }

        if (page.Total > page.Items.Count)
        {
            text.Append($"\n…and {page.Total - page.Items.Count} more.");
        }

        return text.ToString();
    }
}
