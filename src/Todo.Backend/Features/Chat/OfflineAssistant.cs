using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Todo.Contracts;
using Todo.Contracts.Tasks;
using Todo.Language;
using Todo.Language.Chat;

namespace Todo.Backend.Features.Chat;

/// <summary>
/// The default, offline assistant: <see cref="ChatInterpreter"/> turns the message into an intent, and this class
/// carries it out through the same tools <c>/mcp</c> serves, resolving "2" from the conversation's last list, "it"
/// from the task the conversation is about, and titles through <c>list_tasks</c> (asking back when a title fits
/// several tasks). Deleting more than one task, and every "all ..." request, waits for a yes that names the tasks;
/// each change remembers how to undo it.
/// </summary>
internal sealed class OfflineAssistant(TimeProvider time) : IAssistant
{
    public const int ListLimit = 25;

    private const int SearchLimit = 1000;

    public Task<AssistantReply> ReplyAsync(AssistantTurn turn, ToolSession tools, CancellationToken cancellationToken) =>
        ReplyAsync(turn, (IChatTools)tools, cancellationToken);

    public async Task<AssistantReply> ReplyAsync(AssistantTurn turn, IChatTools tools, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var intent = ChatInterpreter.Interpret(turn.Message, now, turn.Context.TimeZone);
        if (intent is not SequenceIntent sequence)
        {
            return await ReplyAsync(turn, intent, tools, now, cancellationToken);
        }

        // The second command's "it" is the task the first one touched; both undo together.
        var first = await ReplyAsync(turn, sequence.First, tools, now, cancellationToken);
        if (first.Memory is not { Focus.Count: > 0 } focused || first.Memory.Pending is not null)
        {
            return first;
        }

        var then = await ReplyAsync(turn with { Memory = focused }, sequence.Then, tools, now, cancellationToken);
        var undo = (then.Memory?.Undo ?? []).Concat(focused.Undo ?? []).ToList();
        return new AssistantReply(first.Text + " " + then.Text, then.LastListed ?? first.LastListed,
            (then.Memory ?? focused) with { Undo = undo });
    }

    private async Task<AssistantReply> ReplyAsync(AssistantTurn turn, ChatIntent intent, IChatTools tools, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var zone = turn.Context.TimeZone;
        var memory = turn.Memory ?? new ChatMemory();
        var keep = memory with { Pending = null };
        switch (intent)
        {
            case ConfirmIntent { Yes: true } when memory.Pending is { Count: > 0 } pending:
            {
                var (text, undo, touched) = await RunAsync(tools, pending, now, zone, cancellationToken);
                return new AssistantReply(text, null, new ChatMemory(null, undo, touched, text));
            }

            case ConfirmIntent { Yes: false } when memory.Pending is { Count: > 0 }:
                return new AssistantReply("OK, I left everything as it was.", null, keep);

            case ConfirmIntent confirm:
                return new AssistantReply(confirm.Yes ? "There's nothing waiting for a yes right now." : "OK.", null, keep);

            case UndoIntent:
            {
                if (memory.Undo is not { Count: > 0 } undo)
                {
                    return new AssistantReply("There's nothing for me to undo in this conversation yet.", null, keep);
                }

                var (text, _, touched) = await RunAsync(tools, undo, now, zone, cancellationToken);
                return new AssistantReply("Undone. " + text, null, new ChatMemory(null, null, touched));
            }

            case ReplyIntent reply:
                return new AssistantReply(reply.Text, null, keep);

            case ToolIntent { Tool: "add_task" or "add_tasks" } add:
                return await AddAsync(tools, add, now, zone, cancellationToken);

            case ToolIntent list:
            {
                var (page, error) = await ListAsync(tools, list, zone, cancellationToken, me: turn.Context.UserId);
                if (error is not null)
                {
                    return new AssistantReply("I couldn't list that: " + error, null, keep);
                }

                var shown = page!.Items.Take(ListLimit).ToList();
                return new AssistantReply(Numbered(list.Heading ?? "Your tasks", shown, page.Total, now, zone), shown.Select(t => t.Id).ToList(),
                    keep with { Focus = shown.Count == 1 ? [shown[0].Id] : memory.Focus });
            }

            case BulkIntent bulk:
            {
                var (page, error) = await ListAsync(tools, bulk.Query, zone, cancellationToken, everything: true);
                if (error is not null || page!.Items.Count == 0)
                {
                    return new AssistantReply(error is null ? "No task matches that, so I didn't change anything." : "I couldn't list that: " + error, null, keep);
                }

                var calls = page.Items.Select(t => new PlannedCall(bulk.Tool, With(bulk.Arguments, t.Id))).ToList();
                return Confirm(bulk.Verb, page.Items, now, zone, keep with { Pending = calls });
            }

            case TaskActionIntent action:
                return await ActAsync(turn, tools, action, memory, now, zone, cancellationToken);

            default:
                return new AssistantReply(ChatInterpreter.Help, null, keep);
        }
    }

    private static async Task<AssistantReply> AddAsync(IChatTools tools, ToolIntent add, DateTimeOffset now, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var outcome = await tools.CallAsync(add.Tool, add.Arguments, cancellationToken);
        if (outcome.IsError)
        {
            return new AssistantReply("I couldn't add that: " + outcome.Text);
        }

        var created = add.Tool == "add_task" ? [outcome.Read<Mcp.TaskResult>()!.Task] : outcome.Read<Mcp.TasksResult>()!.Tasks;
        var text = new StringBuilder("Added " + string.Join("; ", created.Select(t => ChatFormat.Line(t, now, zone))) + ".");
        if (created is [{ RemindAt: { } remindAt }])
        {
            text.Append(" I'll remind you " + ChatFormat.Instant(remindAt, now, zone) + ".");
        }

        if (add.Heading is { } note)
        {
            text.Append(' ').Append(note);
        }

        var undo = created.Select(t => new PlannedCall("delete_task", new JsonObject { ["id"] = t.Id })).ToList();
        return new AssistantReply(text.ToString(), null, new ChatMemory(null, undo, created.Select(t => t.Id).ToList()));
    }

    /// <summary>
    /// Runs list_tasks; a period list_tasks has no filter for is applied to everything it returns, and question
    /// words that name one of the user's tags filter by that tag instead of searching the text.
    /// </summary>
    private static async Task<(TaskPage? Page, string? Error)> ListAsync(
        IChatTools tools, ToolIntent list, TimeZoneInfo zone, CancellationToken cancellationToken, bool everything = false, string? me = null)
    {
        var arguments = list.Arguments.DeepClone().AsObject();
        string? assignee = null;
        if (list.Assignee is { } person)
        {
            var (userId, problem) = await ProjectAndAssigneeReplies.PersonAsync(tools, person, me ?? "", cancellationToken);
            if (problem is not null)
            {
                return (null, problem);
            }

            assignee = userId;
        }

        if (list.Words is { } words)
        {
            var all = await tools.CallAsync("list_tasks", new JsonObject { ["status"] = "all", ["limit"] = SearchLimit }, cancellationToken);
            var known = all.Read<TaskPage>()?.Items.SelectMany(t => t.Tags).ToHashSet(StringComparer.OrdinalIgnoreCase) ?? [];
            var tags = arguments["tags"] as JsonArray ?? [];
            var rest = new List<string>();
            foreach (var word in words.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var w = word.Trim('#', '?', '.', ',', '!', '\'');
                var singular = w.EndsWith('s') ? w[..^1] : w;
                if (known.Contains(w) || known.Contains(singular))
                {
                    tags.Add(known.Contains(w) ? w : singular);
                }
                else if (w.Length > 0 && w != "s")
                {
                    rest.Add(w);
                }
            }

            if (tags.Count > 0)
            {
                arguments["tags"] = tags;
            }

            if (rest.Count > 0)
            {
                arguments["query"] = string.Join(' ', rest);
            }
        }

        arguments["limit"] = list.Period is null && assignee is null && !everything ? ListLimit : SearchLimit;
        if (list.Period is { ByCompletion: true })
        {
            arguments["status"] = "completed";
            arguments.Remove("due");
        }

        var outcome = await tools.CallAsync("list_tasks", arguments, cancellationToken);
        if (outcome.IsError)
        {
            return (null, outcome.Text);
        }

        var page = outcome.Read<TaskPage>()!;
        if (assignee is not null)
        {
            // list_tasks has no assignee filter: the assigned tasks are kept from all the open ones.
            var assigned = page.Items.Where(t => t.AssigneeId == assignee).ToList();
            page = new TaskPage(assigned, null, assigned.Count);
        }

        if (list.Period is { } period)
        {
            // Completion is an instant; the period is in the user's local days.
            var items = page.Items.Where(t => period.ByCompletion
                ? period.Contains(t.CompletedAt is { } c ? DateOnly.FromDateTime(ZonedTime.ToLocal(c, zone)) : null)
                : period.Contains(t.Due?.Date)).ToList();
            page = new TaskPage(items, null, items.Count);
        }

        return (page, null);
    }

    private static async Task<AssistantReply> ActAsync(
        AssistantTurn turn, IChatTools tools, TaskActionIntent action, ChatMemory memory, DateTimeOffset now, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var keep = memory with { Pending = null };
        var resolution = await TaskReferences.ResolveAsync(action, turn.LastListed, async (title, status) =>
        {
            var arguments = new JsonObject { ["status"] = status, ["limit"] = title is null ? SearchLimit : ListLimit };
            if (title is not null)
            {
                arguments["query"] = title;
            }

            var search = await tools.CallAsync("list_tasks", arguments, cancellationToken);
            return search.Read<TaskPage>()?.Items ?? [];
        }, now, zone, memory.Focus);
        if (resolution is { NotFound: true } && action.Fallback is { } add)
        {
            return await AddAsync(tools, add, now, zone, cancellationToken);
        }

        if (resolution.Reply is { } question)
        {
            return question with { Memory = keep };
        }

        var template = action.Arguments;
        if (action.Tool == "move_task")
        {
            var (resolved, noSuchProject) = await ProjectAndAssigneeReplies.ResolveProjectAsync(tools, template, cancellationToken);
            if (noSuchProject is not null && template["$orTag"] is { } tag)
            {
                // "put X in the family list" without a Family project: the list is a tag, as before projects.
                action = action with { Tool = "update_task" };
                resolved = new JsonObject { ["$addTags"] = new JsonArray(tag.DeepClone()) };
            }
            else if (noSuchProject is not null)
            {
                return new AssistantReply(noSuchProject, null, keep);
            }

            template = resolved!;
            template.Remove("$orTag");
        }

        var calls = new List<PlannedCall>();
        var tasks = new List<TaskDto>();
        foreach (var id in resolution.Ids)
        {
            if (await tools.PeekAsync(id, cancellationToken) is not { } task)
            {
                return new AssistantReply("That task no longer exists; say \"what's on my list\" to see what's there.", null, keep);
            }

            var (arguments, problem) = Resolve(action.Tool, template, task, now, zone);
            if (problem is not null)
            {
                return new AssistantReply(problem, null, keep with { Focus = [task.Id] });
            }

            tasks.Add(task);
            calls.Add(new PlannedCall(action.Tool, With(arguments!, id)));
        }

        if (action.Tool == "get_task")
        {
            // A question ("who is X assigned to"): answered, nothing called that changes anything.
            var answer = await ProjectAndAssigneeReplies.WhoAsync(tools, tasks, turn.Context.UserId, cancellationToken);
            return new AssistantReply(answer, null, keep with { Focus = tasks.Select(t => t.Id).ToList() });
        }

        if (action.Tool == "delete_task" && calls.Count > 1)
        {
            return Confirm("Delete", tasks, now, zone, keep with { Pending = calls });
        }

        if (resolution.Guessed is { } typed)
        {
            // Forgiving a typo is a guess: ask, and act only on a yes.
            var verb = action.Tool switch
            {
                "delete_task" => "delete it",
                "complete_task" => "mark it as done",
                "reopen_task" => "reopen it",
                "move_task" => "move it",
                "assign_task" => "assign it",
                _ => "change it",
            };
            return new AssistantReply($"I couldn't find “{typed}”. Did you mean “{tasks[0].Title}”? Say yes to {verb}, or no to leave it.",
                [tasks[0].Id], keep with { Pending = calls, Focus = [tasks[0].Id] });
        }

        var (text, undo, touched) = await RunAsync(tools, calls, now, zone, cancellationToken);
        return new AssistantReply(text, null, new ChatMemory(null, undo.Count > 0 ? undo : memory.Undo, touched.Count > 0 ? touched : memory.Focus));
    }

    /// <summary>Fills in what depends on the task itself: tags to add or remove, a priority step, a shifted date.</summary>
    private static (JsonObject? Arguments, string? Problem) Resolve(string tool, JsonObject template, TaskDto task, DateTimeOffset now, TimeZoneInfo zone)
    {
        var arguments = template.DeepClone().AsObject();
        if (tool == "move_task" && ProjectAndAssigneeReplies.AlreadyThere(arguments, task) is { } there)
        {
            return (null, there);
        }

        if (tool == "snooze_reminder" && task.RemindAt is { } upcoming && upcoming > now
            && arguments["minutes"]?.GetValue<int>() is { } minutes && now.AddMinutes(minutes) < upcoming)
        {
            // Snoozing a reminder that has not come yet would bring it forward, the opposite of a snooze.
            return (null, $"The reminder for “{task.Title}” hasn't come yet (it is {ChatFormat.Instant(upcoming, now, zone)}), so there is nothing to snooze. " +
                $"Say e.g. \"move the {task.Title} reminder to tomorrow at 9am\" to change it.");
        }

        if (arguments["$addTags"] is JsonArray add)
        {
            arguments.Remove("$addTags");
            var tags = task.Tags.Concat(add.Select(t => t!.GetValue<string>().ToLowerInvariant())).Distinct().ToList();
            arguments["tags"] = new JsonArray([.. tags.Select(t => (JsonNode)t)]);
        }

        if (arguments["$removeTags"] is JsonArray remove)
        {
            arguments.Remove("$removeTags");
            var drop = remove.Select(t => t!.GetValue<string>().ToLowerInvariant()).ToHashSet();
            var tags = task.Tags.Where(t => !drop.Contains(t)).ToList();
            if (tags.Count == task.Tags.Count)
            {
                return (null, $"“{task.Title}” has no tag {string.Join(", ", drop.Select(d => "#" + d))}, so I didn't change anything.");
            }

            arguments[tags.Count == 0 ? "clearTags" : "tags"] = tags.Count == 0 ? true : new JsonArray([.. tags.Select(t => (JsonNode)t)]);
        }

        if (arguments["$priorityStep"] is { } step)
        {
            arguments.Remove("$priorityStep");
            var level = Math.Clamp((int)task.Priority + step.GetValue<int>(), (int)TaskPriority.None, (int)TaskPriority.High);
            arguments["priority"] = ((TaskPriority)level).ToString().ToLowerInvariant();
        }

        if (arguments["$shiftDays"] is { } shift)
        {
            arguments.Remove("$shiftDays");
            if (task.Due is not { } due)
            {
                return (null, $"“{task.Title}” has no due date to move; say e.g. \"move {task.Title} to friday\".");
            }

            arguments["dueDate"] = due.Date.AddDays(shift.GetValue<int>()).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        if (arguments["$appendNotes"] is { } note)
        {
            arguments.Remove("$appendNotes");
            var added = note.GetValue<string>();
            arguments["notes"] = string.IsNullOrWhiteSpace(task.Notes) ? added : task.Notes.TrimEnd() + "\n" + added;
        }

        if (arguments["$weekLaterIfSame"] is not null)
        {
            arguments.Remove("$weekLaterIfSame");
            if (arguments["dueDate"] is { } newDate && task.Due?.Date == DateOnly.ParseExact(newDate.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture))
            {
                arguments["dueDate"] = task.Due.Date.AddDays(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            }
        }

        if (arguments["$dueIfNone"] is { } first)
        {
            arguments.Remove("$dueIfNone");
            if (task.Due is null)
            {
                arguments["dueDate"] = first.GetValue<string>();
            }
        }

        if (arguments["$daysBefore"] is { } daysBefore)
        {
            arguments.Remove("$daysBefore");
            var atTime = TimeOnly.ParseExact(arguments["$atTime"]!.GetValue<string>(), "HH:mm", CultureInfo.InvariantCulture);
            arguments.Remove("$atTime");
            if (task.Due is not { } due)
            {
                return (null, $"“{task.Title}” has no due date to remind you before; say e.g. \"remind me about {task.Title} tomorrow at 9am\".");
            }

            var instant = ZonedTime.ToUtc(due.Date.AddDays(-daysBefore.GetValue<int>()), atTime, zone);
            if (instant <= now)
            {
                return (null, $"That would be {ChatFormat.Instant(instant, now, zone)}, which has passed, so I didn't set it.");
            }

            arguments["at"] = instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        }

        if (arguments["$atTime"] is { } at)
        {
            arguments.Remove("$atTime");
            var timeOfDay = TimeOnly.ParseExact(at.GetValue<string>(), "HH:mm", CultureInfo.InvariantCulture);
            DateOnly? day = task.RemindAt is { } r ? DateOnly.FromDateTime(ZonedTime.ToLocal(r, zone)) : task.Due?.Date;
            if (day is { } d && ZonedTime.ToUtc(d, timeOfDay, zone) is var instant && instant > now)
            {
                arguments["at"] = instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            }
        }

        return (arguments, null);
    }

    private static JsonObject With(JsonObject arguments, string id)
    {
        var copy = arguments.DeepClone().AsObject();
        copy["id"] = id;
        return copy;
    }

    /// <summary>Asks for a yes, naming the tasks; the calls wait in the memory's <see cref="ChatMemory.Pending"/>.</summary>
    public static AssistantReply Confirm(string verb, IReadOnlyList<TaskDto> tasks, DateTimeOffset now, TimeZoneInfo zone, ChatMemory memory)
    {
        var text = new StringBuilder($"{verb} {(tasks.Count == 1 ? "this task" : $"these {tasks.Count} tasks")}?");
        for (var i = 0; i < tasks.Count && i < ListLimit; i++)
        {
            text.Append($"\n{i + 1}. {ChatFormat.Line(tasks[i], now, zone)}");
        }

        if (tasks.Count > ListLimit)
        {
            text.Append($"\n…and {tasks.Count - ListLimit} more.");
        }

        text.Append("\nSay yes to go ahead or no to leave them.");
        return new AssistantReply(text.ToString(), tasks.Select(t => t.Id).ToList(), memory);
    }

    /// <summary>Makes the calls, remembering for each change the call that puts the task back as it was.</summary>
    private static async Task<(string Text, List<PlannedCall> Undo, List<string> Touched)> RunAsync(
        IChatTools tools, IReadOnlyList<PlannedCall> calls, DateTimeOffset now, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var replies = new List<string>();
        var undo = new List<PlannedCall>();
        var touched = new List<string>();
        foreach (var call in calls)
        {
            TaskDto? before = null;
            string? next = null;
            if (call.Arguments["id"] is { } id && call.Tool != "add_task")
            {
                before = await tools.PeekAsync(id.GetValue<string>(), cancellationToken);
                if (call.Tool == "move_task" && before is not null)
                {
                    next = await ProjectAndAssigneeReplies.NextInOrderAsync(tools, before, cancellationToken);
                }
            }

            var outcome = await tools.CallAsync(call.Tool, call.Arguments.DeepClone().AsObject(), cancellationToken);
            if (outcome.IsError)
            {
                replies.Add("That didn't work: " + outcome.Text);
                continue;
            }

            var task = outcome.Read<Mcp.TaskResult>()?.Task ?? outcome.Read<Mcp.MovedTask>()?.Task ?? outcome.Read<Mcp.AssignedTask>()?.Task;
            if (task is null)
            {
                continue;
            }

            touched.Add(task.Id);
            replies.Add(call.Tool is "move_task" or "assign_task" ? ProjectAndAssigneeReplies.Done(call, outcome.Value, task) : Done(call, task, now, zone));
            if ((call.Tool is "move_task" or "assign_task" && before is not null ? ProjectAndAssigneeReplies.Inverse(call, before, task, next) : Inverse(call, before, task)) is { } back)
            {
                undo.Insert(0, back);
            }
        }

        return (string.Join(" ", replies), undo, touched);
    }

    private static PlannedCall? Inverse(PlannedCall call, TaskDto? before, TaskDto after)
    {
        switch (call.Tool)
        {
            case "add_task":
                return new PlannedCall("delete_task", new JsonObject { ["id"] = after.Id });
            case "complete_task" when before is { Completed: false }:
                return new PlannedCall("reopen_task", new JsonObject { ["id"] = after.Id });
            case "reopen_task" when before is { Completed: true }:
                return new PlannedCall("complete_task", new JsonObject { ["id"] = after.Id });
            case "delete_task" when before is not null:
            {
                var add = new JsonObject { ["title"] = before.Title, ["priority"] = before.Priority.ToString().ToLowerInvariant() };
                if (before.Notes is { } notes)
                {
                    add["notes"] = notes;
                }

                if (before.Tags.Count > 0)
                {
                    add["tags"] = new JsonArray([.. before.Tags.Select(t => (JsonNode)t)]);
                }

                if (before.Due is { } due)
                {
                    add["dueDate"] = due.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    if (due.Time is { } t)
                    {
                        add["dueTime"] = t.ToString("HH:mm", CultureInfo.InvariantCulture);
                    }
                }

                if (before.Reminder is { At: { } at })
                {
                    add["remindAt"] = at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
                }
                else if (before.Reminder is { MinutesBefore: { } minutes })
                {
                    add["remindMinutesBefore"] = minutes;
                }

                if (before.Recurrence is { } recurrence)
                {
                    add["recurrence"] = JsonSerializer.SerializeToNode(recurrence, TodoJson.Options);
                }

                return new PlannedCall("add_task", add);
            }

            case "set_reminder" or "snooze_reminder" when before is not null:
                return new PlannedCall("set_reminder", before.Reminder switch
                {
                    { At: { } at } => new JsonObject { ["id"] = after.Id, ["at"] = at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) },
                    { MinutesBefore: { } minutes } => new JsonObject { ["id"] = after.Id, ["minutesBefore"] = minutes },
                    _ => new JsonObject { ["id"] = after.Id, ["clear"] = true },
                });
            case "update_task" when before is not null:
            {
                var back = new JsonObject { ["id"] = after.Id };
                var a = call.Arguments;
                if (a.ContainsKey("title"))
                {
                    back["title"] = before.Title;
                }

                if (a.ContainsKey("notes") || a.ContainsKey("clearNotes"))
                {
                    back[before.Notes is null ? "clearNotes" : "notes"] = before.Notes is null ? true : before.Notes;
                }

                if (a.ContainsKey("priority"))
                {
                    back["priority"] = before.Priority.ToString().ToLowerInvariant();
                }

                if (a.ContainsKey("tags") || a.ContainsKey("clearTags"))
                {
                    back[before.Tags.Count == 0 ? "clearTags" : "tags"] = before.Tags.Count == 0 ? true : new JsonArray([.. before.Tags.Select(t => (JsonNode)t)]);
                }

                if (a.ContainsKey("dueDate") || a.ContainsKey("dueTime") || a.ContainsKey("clearDue") || a.ContainsKey("clearDueTime"))
                {
                    if (before.Due is { } due)
                    {
                        back["dueDate"] = due.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                        if (due.Time is { } t)
                        {
                            back["dueTime"] = t.ToString("HH:mm", CultureInfo.InvariantCulture);
                        }
                        else
                        {
                            back["clearDueTime"] = true;
                        }
                    }
                    else
                    {
                        back["clearDue"] = true;
                    }
                }

                if (a.ContainsKey("recurrence") || a.ContainsKey("clearRecurrence"))
                {
                    back[before.Recurrence is null ? "clearRecurrence" : "recurrence"] = before.Recurrence is null
                        ? true
                        : JsonSerializer.SerializeToNode(before.Recurrence, TodoJson.Options);
                }

                return back.Count > 1 ? new PlannedCall("update_task", back) : null;
            }

            default:
                return null;
        }
    }

    private static string Done(PlannedCall call, TaskDto task, DateTimeOffset now, TimeZoneInfo zone)
    {
        var a = call.Arguments;
        switch (call.Tool)
        {
            case "add_task":
                return $"Put back “{task.Title}”.";
            case "complete_task":
                return $"Marked “{task.Title}” as done." + (task.Recurrence is not null ? " The next one will appear shortly." : "");
            case "reopen_task":
                return $"Reopened “{task.Title}”.";
            case "delete_task":
                return $"Deleted “{task.Title}”.";
            case "snooze_reminder":
                return $"Snoozed “{task.Title}”: I'll remind you {(task.RemindAt is { } at ? ChatFormat.Instant(at, now, zone) : "later")}.";
            case "set_reminder":
                return task.RemindAt is { } remind
                    ? $"I'll remind you about “{task.Title}” {ChatFormat.Instant(remind, now, zone)}."
                    : $"Removed the reminder from “{task.Title}”.";
        }

        var parts = new List<string>();
        if (a.ContainsKey("title"))
        {
            parts.Add($"renamed it to “{task.Title}”");
        }

        if (a.ContainsKey("priority"))
        {
            parts.Add(task.Priority == TaskPriority.None ? "it has no priority now" : $"it is {task.Priority.ToString().ToLowerInvariant()} priority now");
        }

        if (a.ContainsKey("tags") || a.ContainsKey("clearTags"))
        {
            parts.Add(task.Tags.Count == 0 ? "it has no tags now" : "its tags are " + string.Join(' ', task.Tags.Select(t => "#" + t)));
        }

        if (a.ContainsKey("notes") || a.ContainsKey("clearNotes"))
        {
            parts.Add(task.Notes is null ? "removed its notes" : $"its notes say “{task.Notes}”");
        }

        if (a.ContainsKey("recurrence") || a.ContainsKey("clearRecurrence"))
        {
            parts.Add(task.RecurrenceSummary is { } summary ? "it repeats " + summary : "it no longer repeats");
        }

        if (a.ContainsKey("dueDate") || a.ContainsKey("dueTime") || a.ContainsKey("clearDue") || a.ContainsKey("clearDueTime"))
        {
            parts.Add(task.Due is { } d ? "it is due " + ChatFormat.When(d.Date, d.Time, now, zone) : "it has no due date now");
        }

        return $"Updated “{task.Title}”: {string.Join(", ", parts)}.";
    }

    private static string Numbered(string heading, IReadOnlyList<TaskDto> items, int total, DateTimeOffset now, TimeZoneInfo zone)
    {
        if (total == 0)
        {
            return heading + ": nothing here. Add one with e.g. \"call mom tomorrow at 5pm\".";
        }

        var text = new StringBuilder($"{heading} ({total}):");
        for (var i = 0; i < items.Count; i++)
        {
            text.Append($"\n{i + 1}. {ChatFormat.Line(items[i], now, zone)}");
        }

        if (total > items.Count)
        {
            text.Append($"\n…and {total - items.Count} more.");
        }

        return text.ToString();
    }
}
