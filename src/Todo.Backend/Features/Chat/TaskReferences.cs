using System.Text;
using Todo.Contracts.Tasks;
using Todo.Language.Chat;

namespace Todo.Backend.Features.Chat;

/// <summary>The tasks a command means, or what to say back when that is unclear.</summary>
/// <remarks><see cref="Guessed"/>: a title matched only after forgiving a typo, so it must be confirmed first.</remarks>
internal sealed record Resolution(IReadOnlyList<string> Ids, AssistantReply? Reply = null, string? Guessed = null, bool NotFound = false);

/// <summary>
/// Turns "2" (from the conversation's last list) and title words (searched with list_tasks) into task ids. A title
/// that fits several tasks is asked back with the candidates numbered, and those become the new last list.
/// </summary>
internal static class TaskReferences
{
    /// <param name="search">Runs list_tasks for title words (null: every task) with the given status and returns the matches.</param>
    /// <param name="focus">The tasks the conversation is about ("it", "that one").</param>
    public static async Task<Resolution> ResolveAsync(
        TaskActionIntent action, IReadOnlyList<string> lastListed, Func<string?, string, Task<IReadOnlyList<TaskDto>>> search,
        DateTimeOffset now, TimeZoneInfo zone, IReadOnlyList<string>? focus = null)
    {
        var ids = new List<string>();
        foreach (var target in action.Targets)
        {
            switch (target.Kind)
            {
                case TargetKind.Focus:
                    if (focus is not { Count: > 0 })
                    {
                        return Say(action.Tool == "complete_task"
                            ? "Which task is done? Say \"done 2\" (a number from the last list) or \"done with dentist\"."
                            : "Which task do you mean? Use its number from the last list or words of its title.");
                    }

                    ids.AddRange(focus);
                    continue;
                case TargetKind.LastOfList or TargetKind.AllListed:
                    if (lastListed.Count == 0)
                    {
                        return Say("I haven't shown you a list in this conversation yet. Say \"what's on my list\" first, or use the task's title.");
                    }

                    ids.AddRange(target.Kind == TargetKind.LastOfList ? [lastListed[^1]] : lastListed);
                    continue;
                case TargetKind.ExactTitle:
                    var same = (await search(target.Title, "open")).Where(t => string.Equals(t.Title.Trim(), target.Title!.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
                    if (same.Count != 1)
                    {
                        return Say($"I couldn't find an open task called “{target.Title}”.") with { NotFound = true };
                    }

                    ids.Add(same[0].Id);
                    continue;
            }

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
            var (found, picked) = await FindAsync(target.Title!, status, search);
            if (picked.Count == 0 && action.Tool is "delete_task" or "update_task")
            {
                // "remove the passport one" when the passport task is already done: deleting or changing a finished
                // task is a fair request, and naming it is enough when exactly one finished task matches.
                var (_, done) = await FindAsync(target.Title!, "completed", search);
                if (done.Count == 1)
                {
                    ids.Add(done[0].Id);
                    continue;
                }
            }

            if (picked.Count == 0 && action.Targets.Count == 1
                && TaskMatcher.Typo(target.Title!, await search(null, status), t => t.Title) is [var guess])
            {
                return new Resolution([guess.Id], null, target.Title);
            }

            if (picked.Count == 0 && SplitPattern.IsMatch(target.Title!))
            {
                // "delete milk and bread": two tasks, each named by a word.
                var parts = new List<string>();
                foreach (var part in SplitPattern.Split(target.Title!).Where(p => p.Trim().Length > 0))
                {
                    var (_, one) = await FindAsync(part.Trim(), status, search);
                    if (one.Count != 1)
                    {
                        parts.Clear();
                        break;
                    }

                    parts.Add(one[0].Id);
                }

                if (parts.Count > 1)
                {
                    ids.AddRange(parts);
                    continue;
                }
            }

            if (picked.Count == 0)
            {
                return Say($"I couldn't find {(status == "open" ? "an open" : "a completed")} task matching “{target.Title}”, so I didn't change anything. Say \"find {target.Title}\" to search everything.") with { NotFound = true };
            }

            if (picked.Count > 1)
            {
                var candidates = found.Where(t => picked.Any(p => p.Id == t.Id)).ToList();
                var text = new StringBuilder($"More than one task matches “{target.Title}”. Which one?");
                for (var i = 0; i < candidates.Count; i++)
                {
                    text.Append($"\n{i + 1}. {ChatFormat.Line(candidates[i], now, zone)}");
                }

                text.Append($"\nSay e.g. \"{ChatInterpreter.Example(action.Tool, 1)}\".");
                return new Resolution([], new AssistantReply(text.ToString(), candidates.Select(c => c.Id).ToList()));
            }

            ids.Add(picked[0].Id);
        }

        return new Resolution([.. ids.Distinct()]);
    }

    private static readonly System.Text.RegularExpressions.Regex SplitPattern = new(@"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*");

    /// <summary>The title search of list_tasks first; when it finds nothing, every task whose title holds the words.</summary>
    private static async Task<(IReadOnlyList<TaskDto> Found, IReadOnlyList<TaskRef> Picked)> FindAsync(
        string title, string status, Func<string?, string, Task<IReadOnlyList<TaskDto>>> search)
    {
        var found = await search(title, status);
        if (found.Count == 0)
        {
            found = TaskMatcher.Best(title, await search(null, status), t => t.Title);
        }

        return (found, ChatInterpreter.Pick(title, found.Select(t => new TaskRef(t.Id, t.Title)).ToList()));
    }

    private static Resolution Say(string text) => new([], new AssistantReply(text));
}
