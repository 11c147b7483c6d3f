using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Todo.Backend.Features.Auth;
using Todo.Backend.Features.Tasks;
using Todo.Backend.Infrastructure;
using Todo.Contracts.Tasks;

namespace Todo.Backend.Features.Mcp;

/// <summary>
/// The MCP tools of todo-backend, also called in-process by the chat assistant. Every tool acts for the authenticated
/// principal (bound by the SDK from the request, never a tool argument) and goes through <see cref="TaskService"/>,
/// so REST, MCP and chat share one set of rules and publish the same task events. A tool reads each argument once and
/// hands the service one request; it never retries (the service does, see <see cref="OptimisticRetry"/>). Failures
/// come back as tool results with <c>isError: true</c> and a message the model can act on.
/// </summary>
[McpServerToolType]
internal sealed class TodoTools(TaskService tasks, UserContextResolver users)
{
    public const int MaxBatch = 50;

    private const string Formats = " Dates are YYYY-MM-DD and times HH:mm (24-hour), both in the user's own time zone.";

    [McpServerTool(Name = "add_task", Title = "Add a task", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskResult))]
    [Description("Adds one task to the user's todo list and returns it with its id. Use when the user asks to add, " +
        "remember or be reminded of something. Put only the task itself in title; pass the date, time, priority, tags, " +
        "reminder and repeat rule as separate arguments." + Formats + " For several tasks at once use add_tasks.")]
    public async Task<CallToolResult> AddTaskAsync(
        ClaimsPrincipal user,
        [Description("The task's title, 1-200 characters, e.g. \"Call mom\".")][MaxLength(200)] string title,
        [Description("Optional notes, up to 4,000 characters.")][MaxLength(4000)] string? notes = null,
        [Description("Priority: none, low, medium or high. Omit for none.")] string? priority = null,
        [Description("Up to 10 tags without '#', e.g. [\"work\",\"bills\"]; letters, digits, '-', '_' and '.'.")][MaxLength(10)] string[]? tags = null,
        [Description("Due date YYYY-MM-DD in the user's time zone, e.g. 2026-03-14.")] string? dueDate = null,
        [Description("Due time HH:mm (24-hour) in the user's time zone, e.g. 17:00; needs dueDate.")] string? dueTime = null,
        [Description("Remind at this moment: ISO 8601 with offset (2026-03-14T16:30:00Z) or local YYYY-MM-DDTHH:mm in the user's zone. Must not be in the past.")] string? remindAt = null,
        [Description("Remind this many minutes before the due time (0-40320, up to 4 weeks); needs dueDate. Use instead of remindAt.")][Range(0, 40320)] int? remindMinutesBefore = null,
        [Description("How the task repeats, e.g. {\"frequency\":\"monthly\",\"monthDay\":1} or {\"frequency\":\"weekly\",\"days\":[\"monday\",\"friday\"]}; needs dueDate.")] RecurrenceDto? recurrence = null,
        [Description(IdempotencyKeyHelp)][MaxLength(IdempotencyKey.MaxLength)] string? idempotencyKey = null,
        CancellationToken cancellationToken = default)
    {
        var context = await UserAsync(user, cancellationToken);
        var input = new TaskInput(title, notes, priority, tags, dueDate, dueTime, remindAt, remindMinutesBefore, recurrence);
        return Respond(await CreateAsync(context, input, idempotencyKey, null, cancellationToken), "Added ");
    }

    // An argument rather than client-chosen ids: an agent can make up and repeat any short text, but not a fresh
    // 32-hex id that collides with nothing; and MCP has no transport-level retry key a server could read.
    private const string IdempotencyKeyHelp = "Optional. Any text unique to this request (e.g. a UUID or \"groceries-2026-03-14\"); " +
        "send the same key again when you retry after a timeout or error, and the task is created once: the retry returns the " +
        "first result. A key is remembered for 24 hours; reusing it for different content is an error.";

    [McpServerTool(Name = "add_tasks", Title = "Add several tasks", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TasksResult))]
    [Description("Adds up to 50 tasks in one call, e.g. a shopping list or the steps of a plan. Each item has the same " +
        "fields as add_task. Items are created one by one in order: the result lists the created tasks and, separately, " +
        "any item that failed with the reason (the others are still created). It is an error only when none was created." + Formats)]
    public async Task<CallToolResult> AddTasksAsync(
        ClaimsPrincipal user,
        [Description("The tasks to add, 1-50 items.")][MinLength(1)][MaxLength(MaxBatch)] TaskInput[] tasks,
        [Description(IdempotencyKeyHelp + " One key covers the whole batch (each item by its position).")][MaxLength(IdempotencyKey.MaxLength)] string? idempotencyKey = null,
        CancellationToken cancellationToken = default)
    {
        var context = await UserAsync(user, cancellationToken);
        if (tasks is not { Length: > 0 and <= MaxBatch })
        {
            return ToolResults.Error($"Send between 1 and {MaxBatch} tasks; split longer lists into several add_tasks calls.");
        }

        var created = new List<TaskDto>();
        var failed = new List<FailedItem>();
        for (var i = 0; i < tasks.Length; i++)
        {
            var result = tasks[i] is null ? ServiceError.Invalid("title", "A task needs a title.") : await CreateAsync(context, tasks[i], idempotencyKey, i, cancellationToken);
            if (result.Error is { } error)
            {
                failed.Add(new FailedItem(i, error.Message));
            }
            else
            {
                created.Add(result.Value!);
            }
        }

        if (created.Count == 0)
        {
            return ToolResults.Error("No task was added: " + string.Join(" ", failed.Select(f => $"item {f.Index}: {f.Error}")));
        }

        var text = new StringBuilder($"Added {created.Count} task(s): {string.Join("; ", created.Select(ToolResults.Describe))}.");
        foreach (var f in failed)
        {
            text.Append($" Item {f.Index} failed: {f.Error}");
        }

        return ToolResults.Success(new TasksResult(created, failed), text.ToString());
    }

    [McpServerTool(Name = "list_tasks", Title = "List tasks", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskPage))]
    [Description("Lists the user's tasks with filters, search, sort and paging; returns items, total and nextCursor. " +
        "Use it to answer questions about the list (\"what's due today?\", \"show overdue\", \"find dentist\") and to " +
        "find a task's id before changing it. Without arguments: open tasks, soonest due first, 100 per page. With status " +
        "completed or all, completed tasks come newest completion first (after the open ones); a search of them may return a " +
        "short page with nextCursor and totalIsLowerBound true: follow nextCursor to search on. " +
        "\"today\" and \"overdue\" are judged in the user's time zone.")]
    public async Task<CallToolResult> ListTasksAsync(
        ClaimsPrincipal user,
        [Description("open (default), completed or all.")] string? status = null,
        [Description("Only these priorities: any of none, low, medium, high.")] string[]? priority = null,
        [Description("Only tasks carrying every one of these tags (without '#'), at most 10.")][MaxLength(10)] string[]? tags = null,
        [Description("Search text matched in title, notes and tags, up to 200 characters.")][MaxLength(200)] string? query = null,
        [Description("overdue, today, week (today and the next 6 days) or none (no due date).")] string? due = null,
        [Description("due (default), priority, created, updated or title.")] string? sort = null,
        [Description("asc (default) or desc.")] string? order = null,
        [Description("Page size 1-1000, default 100.")][Range(1, TaskQuery.MaxLimit)] int? limit = null,
        [Description("nextCursor from the previous page, to get the next one.")] string? cursor = null,
        CancellationToken cancellationToken = default)
    {
        var context = await UserAsync(user, cancellationToken);
        var parsed = TaskQuery.Parse(status, priority ?? [], tags ?? [], query, due, sort, order, limit?.ToString(System.Globalization.CultureInfo.InvariantCulture), cursor);
        if (parsed.Error is { } error)
        {
            return ToolResults.Error(error);
        }

        var page = (await tasks.ListAsync(context, parsed.Value!, cancellationToken)).Value!;
        return ToolResults.Success(page, ToolResults.Describe(page));
    }

    [McpServerTool(Name = "get_task", Title = "Get a task", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskResult))]
    [Description("Gets one task by id with all its fields (notes, reminder, repeat rule). Use list_tasks to find ids.")]
    public async Task<CallToolResult> GetTaskAsync(
        ClaimsPrincipal user,
        [Description("The task id (32 hex characters) from list_tasks or add_task.")] string id,
        CancellationToken cancellationToken = default)
    {
        var context = await UserAsync(user, cancellationToken);
        return Respond(await tasks.GetAsync(context, id, cancellationToken), "");
    }

    [McpServerTool(Name = "update_task", Title = "Change a task", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskResult))]
    [Description("Changes fields of a task. Only the arguments you pass change; everything omitted stays as it is. " +
        "To remove a value use the clear flags (clearNotes, clearDue, clearDueTime, clearTags, clearRecurrence) or " +
        "priority \"none\". dueDate alone keeps the task's time of day; dueTime alone keeps its date. tags replaces all " +
        "tags. Use set_reminder for reminders and complete_task to mark it done." + Formats)]
    public async Task<CallToolResult> UpdateTaskAsync(
        ClaimsPrincipal user,
        [Description("The task id from list_tasks.")] string id,
        [Description("New title, 1-200 characters.")][MaxLength(200)] string? title = null,
        [Description("New notes, up to 4,000 characters.")][MaxLength(4000)] string? notes = null,
        [Description("New priority: none, low, medium or high.")] string? priority = null,
        [Description("New tags replacing the old ones, up to 10, without '#'.")][MaxLength(10)] string[]? tags = null,
        [Description("New due date YYYY-MM-DD in the user's time zone.")] string? dueDate = null,
        [Description("New due time HH:mm (24-hour) in the user's time zone.")] string? dueTime = null,
        [Description("New repeat rule, e.g. {\"frequency\":\"weekly\",\"days\":[\"monday\"]}.")] RecurrenceDto? recurrence = null,
        [Description("true removes the notes.")] bool clearNotes = false,
        [Description("true removes the due date and time (and a reminder relative to it).")] bool clearDue = false,
        [Description("true keeps the due date but removes its time of day.")] bool clearDueTime = false,
        [Description("true removes all tags.")] bool clearTags = false,
        [Description("true stops the task from repeating.")] bool clearRecurrence = false,
        CancellationToken cancellationToken = default)
    {
        var context = await UserAsync(user, cancellationToken);
        if (!ToolArguments.TryPriority(priority, out var parsedPriority))
        {
            return ToolResults.Error(ToolArguments.PriorityError);
        }

        if (!ToolArguments.TryDate(dueDate, out var date, out var error) || !ToolArguments.TryTime(dueTime, out var time, out error))
        {
            return ToolResults.Error(error!);
        }

        var present = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var patch = new UpdateTaskRequest();
        if (title is not null) { present.Add("title"); patch = patch with { Title = title }; }
        if (notes is not null || clearNotes) { present.Add("notes"); patch = patch with { Notes = clearNotes ? null : notes }; }
        if (priority is not null) { present.Add("priority"); patch = patch with { Priority = parsedPriority }; }
        if (tags is not null || clearTags) { present.Add("tags"); patch = patch with { Tags = clearTags ? null : tags }; }
        if (recurrence is not null || clearRecurrence) { present.Add("recurrence"); patch = patch with { Recurrence = clearRecurrence ? null : recurrence }; }
        if (clearDue) { present.Add("due"); patch = patch with { Due = null }; }

        // Only the date or only the time: the service completes the due date from the task inside its read-modify-write.
        var dueEdit = !clearDue && (date is not null || time is not null || clearDueTime) ? new DueEdit(date, time, clearDueTime) : null;
        if (present.Count == 0 && dueEdit is null)
        {
            // A wrong id is the more useful thing to hear about.
            return (await tasks.GetAsync(context, id, cancellationToken)).Error is { } notFound
                ? ToolResults.Error(notFound)
                : ToolResults.Error("Nothing to change: pass at least one field (title, notes, priority, tags, dueDate, dueTime, recurrence) or a clear flag.");
        }

        patch = patch with { Present = present };
        var result = dueEdit is null
            ? await tasks.UpdateAsync(context, id, patch, ifMatch: null, cancellationToken)
            : await tasks.UpdateAsync(context, id, patch, dueEdit, cancellationToken);
        return Respond(result, "Updated ");
    }

    [McpServerTool(Name = "complete_task", Title = "Complete a task", ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskResult))]
    [Description("Marks a task as done. A repeating task then gets its next occurrence as a new task automatically. " +
        "Completing a task that is already done changes nothing.")]
    public async Task<CallToolResult> CompleteTaskAsync(
        ClaimsPrincipal user,
        [Description("The task id from list_tasks.")] string id,
        CancellationToken cancellationToken = default)
    {
        var context = await UserAsync(user, cancellationToken);
        return Respond(await tasks.CompleteAsync(context, id, null, cancellationToken), "Completed ");
    }

    [McpServerTool(Name = "reopen_task", Title = "Reopen a task", ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskResult))]
    [Description("Marks a completed task as not done again (undo of complete_task). Reopening an open task changes nothing. " +
        "Find completed tasks with list_tasks status \"completed\".")]
    public async Task<CallToolResult> ReopenTaskAsync(
        ClaimsPrincipal user,
        [Description("The task id from list_tasks.")] string id,
        CancellationToken cancellationToken = default)
    {
        var context = await UserAsync(user, cancellationToken);
        return Respond(await tasks.ReopenAsync(context, id, null, cancellationToken), "Reopened ");
    }

    [McpServerTool(Name = "delete_task", Title = "Delete a task", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskResult))]
    [Description("Deletes a task permanently (it cannot be undone) and cancels its reminder. Prefer complete_task when " +
        "the user has done the task; delete only when they ask to remove it. Returns the task as it was.")]
    public async Task<CallToolResult> DeleteTaskAsync(
        ClaimsPrincipal user,
        [Description("The task id from list_tasks.")] string id,
        CancellationToken cancellationToken = default)
    {
        var context = await UserAsync(user, cancellationToken);
        return Respond(await tasks.DeleteAsync(context, id, null, cancellationToken), "Deleted ");
    }

    [McpServerTool(Name = "set_reminder", Title = "Set or clear a reminder", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskResult))]
    [Description("Sets when the user is reminded of a task, replacing any earlier reminder, or removes it. Pass exactly " +
        "one of: at (a moment), minutesBefore (relative to the task's due time; the task needs a due date; for a date " +
        "without a time it counts back from 09:00), or clear=true.")]
    public async Task<CallToolResult> SetReminderAsync(
        ClaimsPrincipal user,
        [Description("The task id from list_tasks.")] string id,
        [Description("Remind at this moment: ISO 8601 with offset (2026-03-14T16:30:00Z) or local YYYY-MM-DDTHH:mm in the user's zone. Not in the past, at most 10 years ahead.")] string? at = null,
        [Description("Remind this many minutes before the due time, 0-40320 (4 weeks).")][Range(0, 40320)] int? minutesBefore = null,
        [Description("true removes the reminder.")] bool clear = false,
        CancellationToken cancellationToken = default)
    {
        var context = await UserAsync(user, cancellationToken);
        if ((at is not null ? 1 : 0) + (minutesBefore is not null ? 1 : 0) + (clear ? 1 : 0) != 1)
        {
            return ToolResults.Error("Pass exactly one of at, minutesBefore or clear=true.");
        }

        if (!ToolArguments.TryReminder("at", at, minutesBefore, context.TimeZone, out var reminder, out var error))
        {
            return ToolResults.Error(error!);
        }

        var patch = new UpdateTaskRequest { Reminder = reminder, Present = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "reminder" } };
        return Respond(await tasks.UpdateAsync(context, id, patch, ifMatch: null, cancellationToken), clear ? "Removed the reminder of " : "Set the reminder of ");
    }

    [McpServerTool(Name = "snooze_reminder", Title = "Snooze a reminder", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskResult))]
    [Description("Moves a task's reminder to the given number of minutes from now (\"remind me again in 10 minutes\"). " +
        "The task must not be completed. Any later change of the due date or reminder replaces the snooze.")]
    public async Task<CallToolResult> SnoozeReminderAsync(
        ClaimsPrincipal user,
        [Description("The task id from list_tasks.")] string id,
        [Description("Minutes from now, 1-10080 (one week).")][Range(1, 10080)] int minutes,
        CancellationToken cancellationToken = default)
    {
        var context = await UserAsync(user, cancellationToken);
        return Respond(await tasks.SnoozeAsync(context, id, minutes, cancellationToken), $"Snoozed for {minutes} min: ");
    }

    private async Task<ServiceResult<TaskDto>> CreateAsync(UserContext context, TaskInput input, string? idempotencyKey, int? item, CancellationToken cancellationToken)
    {
        var request = input.ToRequest(context.TimeZone);
        if (request.Error is { } error)
        {
            return error;
        }

        var key = item is { } n ? IdempotencyKey.ForItem(idempotencyKey, n, request.Value!) : IdempotencyKey.From(idempotencyKey, request.Value!);
        return key.Error is { } keyError ? keyError : await tasks.CreateAsync(context, request.Value!, key.Value, cancellationToken);
    }

    private static CallToolResult Respond(ServiceResult<TaskDto> result, string verb) =>
        result.Error is { } error
            ? ToolResults.Error(error)
            : ToolResults.Success(new TaskResult(result.Value!), verb + ToolResults.Describe(result.Value!));

    private async Task<UserContext> UserAsync(ClaimsPrincipal principal, CancellationToken cancellationToken) =>
        await users.ResolveAsync(principal, cancellationToken)
        ?? throw new McpException("Your access token no longer belongs to an existing account; create a new token in the web app.");
}
