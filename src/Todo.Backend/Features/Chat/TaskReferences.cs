using System.Text;
using Todo.Contracts.Tasks;

namespace Todo.Backend.Features.Chat;

/// <summary>The tasks a command means, or what to say back when that is unclear.</summary>
internal sealed record Resolution(IReadOnlyList<string> Ids, AssistantReply? Reply = null);

/// <summary>
/// Turns "2" (from the conversation's last list) and title words (searched with list_tasks) into task ids. A title
/// that fits several tasks is asked back with the candidates numbered, and those become the new last list.
/// </summary>
internal static class TaskReferences
{
    /// <param name="search">Runs list_tasks for title words with the given status and returns the matches.</param>
    public static async Task<Resolution> ResolveAsync(
        TaskActionIntent action, IReadOnlyList<string> lastListed, Func<string, string, Task<IReadOnlyList<TaskDto>>> search,
        DateTimeOffset now, TimeZoneInfo zone)
    {
        var ids = new List<string>();
        foreach (var target in action.Targets)
        {
            if (target.Number is { } number)
            {
                if (lastListed.Count == 0)
                {
                    return Say("I haven't shown you a numbered list in this conversation yet. Say \"what's on my list\" first, or use the task's title.");
                }

                if (number > lastListed.Count)
                {
                    return Say($"There is no number {number}: the last list had {lastListed.Count} task(s).");
                }

                ids.Add(lastListed[number - 1]);
                continue;
            }

            var status = action.Tool == "reopen_task" ? "completed" : "open";
            var found = await search(target.Title!, status);
            var picked = ChatInterpreter.Pick(target.Title!, found.Select(t => new TaskRef(t.Id, t.Title)).ToList());
            if (picked.Count == 0)
            {
                return Say($"I couldn't find {(status == "open" ? "an open" : "a completed")} task matching “{target.Title}”. Say \"find {target.Title}\" to search everything.");
            }

            if (picked.Count > 1)
            {
                var candidates = found.Where(t => picked.Any(p => p.Id == t.Id)).ToList();
                var text = new StringBuilder($"More than one task matches “{target.Title}”. Which one?");
                for (var i = 0; i < candidates.Count; i++)
                {
                    text.Append($"\n{i + 1}. {ChatFormat.Line(candidates[i], now, zone)}");
                }

                text.Append($"\nSay e.g. \"{Example(action.Tool)}\".");
                return new Resolution([], new AssistantReply(text.ToString(), candidates.Select(c => c.Id).ToList()));
            }

            ids.Add(picked[0].Id);
        }

        return new Resolution(ids);
    }

    private static Resolution Say(string text) => new([], new AssistantReply(text));

    private static string Example(string tool) => tool switch
    {
        "complete_task" => "done 1",
        "reopen_task" => "reopen 1",
        "delete_task" => "delete 1",
        "snooze_reminder" => "snooze 1 for 10 minutes",
        "update_task" => "move 1 to friday",
        _ => "remind me about 1 at 4pm",
    };
}
