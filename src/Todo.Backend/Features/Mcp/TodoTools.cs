using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Todo.Backend.Features.Auth;
using Todo.Backend.Features.Chat;
using Todo.Backend.Features.Tasks;
using Todo.Backend.Infrastructure;
using Todo.Contracts.Projects;
using Todo.Contracts.Tasks;

namespace Todo.Backend.Features.Mcp;

/// <summary>
/// The MCP tools of todo-backend, also called in-process by the chat assistant. Every tool acts for the authenticated
/// principal (bound by the SDK from the request, never a tool argument) and goes through <see cref="TaskToolCore"/> to
/// <see cref="TaskService"/>, so REST, MCP and chat share one set of rules and publish the same task events. A tool
/// hands its arguments to the core once; it never retries (the service does, see <see cref="OptimisticRetry"/>). Failures
/// come back as tool results with <c>isError: true</c> and a message the model can act on.
/// </summary>
[McpServerToolType]
internal sealed class TodoTools(TaskToolCore core, ProjectToolCore projects, TaskOrganizeToolCore organize, UserContextResolver users)
{
    public const int MaxBatch = TaskToolCore.MaxBatch;

    internal const string WrongUserMessage = "The chat's tools were bound to another user.";

    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<CallToolResult, ToolOutcome> _outcomes = [];
    private UserContext? _actingFor;

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
        [Description(ProjectHelp + " Omit for the Inbox.")][MaxLength(100)] string? project = null,
        [Description(StepsHelp)][MaxLength(100)] string[]? steps = null,
        CancellationToken cancellationToken = default)
    {
        var context = await UserAsync(user, cancellationToken);
        var input = new TaskInput(title, notes, priority, tags, dueDate, dueTime, remindAt, remindMinutesBefore, recurrence, project, steps);
        return Respond(await core.AddAsync(context, input, idempotencyKey, cancellationToken), "Added ");
    }

    private const string StepsHelp = "Optional checklist of the task, the titles of its steps in order, e.g. [\"passport\",\"tickets\"]; " +
        "up to 100 steps of 1-200 characters, 4,000 characters in all. Change them later with add_step, update_step and remove_step.";

    private const string ProjectHelp = "The project, by name (e.g. \"Work\") or id from list_projects; \"inbox\" is the Inbox.";

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
        var result = await core.AddManyAsync(context, tasks, idempotencyKey, cancellationToken);
        return Wire(result, added =>
        {
            var text = new StringBuilder($"Added {added.Tasks.Count} task(s): {string.Join("; ", added.Tasks.Select(ToolResults.Describe))}.");
            foreach (var f in added.Failed)
            {
                text.Append($" Item {f.Index} failed: {f.Error}");
            }

            return text.ToString();
        });
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
        [Description("due (default), priority, created, updated, title or manual (the order the user arranged).")] string? sort = null,
        [Description("asc (default) or desc.")] string? order = null,
        [Description("Page size 1-1000, default 100.")][Range(1, TaskQuery.MaxLimit)] int? limit = null,
        [Description("nextCursor from the previous page, to get the next one.")] string? cursor = null,
        [Description(ProjectHelp + " Omit to list every project.")][MaxLength(100)] string? project = null,
        CancellationToken cancellationToken = default)
    {
        var context = await UserAsync(user, cancellationToken);
        var arguments = new TaskListArguments(status, priority, tags, query, due, sort, order, limit, cursor, project);
        return Wire(await core.ListAsync(context, arguments, cancellationToken), ToolResults.Describe);
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
        return Respond(await core.GetAsync(context, id, cancellationToken), "");
    }

    [McpServerTool(Name = "update_task", Title = "Change a task", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskResult))]
    [Description("Changes fields of a task. Only the arguments you pass change; everything omitted stays as it is. " +
        "To remove a value use the clear flags (clearNotes, clearDue, clearDueTime, clearTags, clearRecurrence) or " +
        "priority \"none\". dueDate alone keeps the task's time of day; dueTime alone keeps its date. tags replaces all " +
        "tags; project moves the task to another project. Use set_reminder for reminders and complete_task to mark it done." + Formats)]
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
        [Description(ProjectHelp + " Moves the task there.")][MaxLength(100)] string? project = null,
        CancellationToken cancellationToken = default)
    {
        var context = await UserAsync(user, cancellationToken);
        var edit = new TaskEdit(title, notes, priority, tags, dueDate, dueTime, recurrence, clearNotes, clearDue, clearDueTime, clearTags, clearRecurrence, project);
        return Respond(await core.UpdateAsync(context, id, edit, cancellationToken), "Updated ");
    }

    [McpServerTool(Name = "complete_task", Title = "Complete a task", ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskResult))]
    [Description("Marks a task as done. A repeating task then gets its next occurrence as a new task automatically. " +
        "Its open steps are ticked with it. Completing a task that is already done changes nothing.")]
    public async Task<CallToolResult> CompleteTaskAsync(
        ClaimsPrincipal user,
        [Description("The task id from list_tasks.")] string id,
        CancellationToken cancellationToken = default)
    {
        var context = await UserAsync(user, cancellationToken);
        return Respond(await core.CompleteAsync(context, id, cancellationToken), "Completed ");
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
        return Respond(await core.ReopenAsync(context, id, cancellationToken), "Reopened ");
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
        return Respond(await core.DeleteAsync(context, id, cancellationToken), "Deleted ");
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
        return Respond(await core.SetReminderAsync(context, id, at, minutesBefore, clear, cancellationToken), clear ? "Removed the reminder of " : "Set the reminder of ");
    }

    [McpServerTool(Name = "snooze_reminder", Title = "Snooze a reminder", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskResult))]
    [Description("Moves a task's reminder that has come (or is about to) to the given number of minutes from now (\"remind me " +
        "again in 10 minutes\"). The task must not be completed. A reminder still ahead is never brought forward: that is an " +
        "error and nothing changes (use set_reminder to change it). Any later change of the due date or reminder replaces the snooze.")]
    public async Task<CallToolResult> SnoozeReminderAsync(
        ClaimsPrincipal user,
        [Description("The task id from list_tasks.")] string id,
        [Description("Minutes from now, 1-10080 (one week).")][Range(1, 10080)] int minutes,
        CancellationToken cancellationToken = default)
    {
        var context = await UserAsync(user, cancellationToken);
        return Respond(await core.SnoozeAsync(context, id, minutes, cancellationToken), $"Snoozed for {minutes} min: ");
    }

    [McpServerTool(Name = "move_task", Title = "Move or reorder a task", ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(MovedTask))]
    [Description("Moves an open task to another project and/or to another place in its project's manual order (the order " +
        "the user arranged; list_tasks with sort \"manual\" shows it). Pass project to move it there (it goes last unless " +
        "before or first say otherwise), before to place it just above that task, first=true for the top; with neither it " +
        "goes last. Returns the task and its place. Works in shared projects for editors; a viewer cannot move tasks.")]
    public async Task<CallToolResult> MoveTaskAsync(
        ClaimsPrincipal user,
        [Description("The task id from list_tasks.")] string id,
        [Description(ProjectHelp + " Omit to keep the task in its project.")][MaxLength(100)] string? project = null,
        [Description("The id of an open task of the (new) project to place this one just before.")][MaxLength(64)] string? before = null,
        [Description("true puts the task at the top of its project.")] bool first = false,
        CancellationToken cancellationToken = default)
    {
        var context = await UserAsync(user, cancellationToken);
        return Wire(await organize.MoveAsync(context, id, project, before, first, cancellationToken),
            m => $"Moved to place {m.Position} of {m.Of} in project {m.ProjectId}: {ToolResults.Describe(m.Task)}");
    }

    [McpServerTool(Name = "assign_task", Title = "Assign or unassign a task", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(AssignedTask))]
    [Description("Assigns a task to a member of its project by username (\"me\" for the user), replacing any earlier " +
        "assignee, or unassigns it when assignee is null. The assignee gets the task's reminders. Only people with access to " +
        "the task's project can be assigned (list_members shows them; Inbox tasks are the user's alone). Viewers cannot assign.")]
    public async Task<CallToolResult> AssignTaskAsync(
        ClaimsPrincipal user,
        [Description("The task id from list_tasks.")] string id,
        [Description("The member's username, \"me\", or null to unassign.")][MaxLength(64)] string? assignee,
        CancellationToken cancellationToken = default)
    {
        var context = await UserAsync(user, cancellationToken);
        return Wire(await organize.AssignAsync(context, id, assignee, cancellationToken),
            a => (a.Assignee is { } who ? $"Assigned to {who}: " : "Unassigned: ") + ToolResults.Describe(a.Task));
    }

    [McpServerTool(Name = "add_step", Title = "Add a step to a task", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskResult))]
    [Description("Adds one step (a checklist item, a subtask) to a task and returns the task with all its steps and their ids. " +
        "A task has at most 100 steps. Use add_task's steps argument to create a task with its checklist at once.")]
    public async Task<CallToolResult> AddStepAsync(
        ClaimsPrincipal user,
        [Description("The task id from list_tasks.")] string id,
        [Description("The step's title, 1-200 characters, e.g. \"book the hotel\".")][MaxLength(200)] string title,
        [Description("Optional 0-based place in the checklist (0 = first); omit to add it at the end.")][Range(0, 99)] int? position = null,
        CancellationToken cancellationToken = default)
    {
        var context = await UserAsync(user, cancellationToken);
        return Respond(await core.AddStepAsync(context, id, title, position, cancellationToken), "Added a step to ");
    }

    [McpServerTool(Name = "update_step", Title = "Tick, rename or move a step", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskResult))]
    [Description("Changes one step of a task's checklist: done=true ticks it, done=false unticks it, title renames it, " +
        "position moves it. Only what you pass changes. Step ids are in the task's steps (get_task). Ticking every step " +
        "does not complete the task; use complete_task for that (it ticks any open steps too).")]
    public async Task<CallToolResult> UpdateStepAsync(
        ClaimsPrincipal user,
        [Description("The task id from list_tasks.")] string id,
        [Description("The step id from the task's steps.")] string stepId,
        [Description("true ticks the step, false unticks it.")] bool? done = null,
        [Description("New title, 1-200 characters.")][MaxLength(200)] string? title = null,
        [Description("New 0-based place in the checklist (0 = first).")][Range(0, 99)] int? position = null,
        CancellationToken cancellationToken = default)
    {
        var context = await UserAsync(user, cancellationToken);
        return Respond(await core.UpdateStepAsync(context, id, stepId, new UpdateStepRequest(title, done, position), cancellationToken), "Changed a step of ");
    }

    [McpServerTool(Name = "remove_step", Title = "Remove a step", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskResult))]
    [Description("Removes one step from a task's checklist (it cannot be undone) and returns the task. To mark a step " +
        "done use update_step with done=true instead.")]
    public async Task<CallToolResult> RemoveStepAsync(
        ClaimsPrincipal user,
        [Description("The task id from list_tasks.")] string id,
        [Description("The step id from the task's steps.")] string stepId,
        CancellationToken cancellationToken = default)
    {
        var context = await UserAsync(user, cancellationToken);
        return Respond(await core.RemoveStepAsync(context, id, stepId, cancellationToken), "Removed a step of ");
    }

    [McpServerTool(Name = "list_projects", Title = "List projects", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(ProjectList))]
    [Description("Lists the user's projects (lists) in their sidebar order, the Inbox first, each with its id, name, " +
        "colour, whether it is archived and how many open tasks it holds. Use it to find a project's name or id before " +
        "adding tasks to it or listing them (the project argument of add_task and list_tasks).")]
    public async Task<CallToolResult> ListProjectsAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var context = await UserAsync(user, cancellationToken);
        return Wire<ProjectList>(await projects.ListAsync(context, cancellationToken), ToolResults.Describe);
    }

    [McpServerTool(Name = "add_project", Title = "Add a project", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(ProjectResult))]
    [Description("Creates a project (a list such as \"Work\" or \"Groceries\") and returns it with its id. Names are " +
        "1-60 characters and unique per user (\"Inbox\" is taken); a user has at most 100 projects. Add tasks to it with " +
        "add_task's project argument.")]
    public async Task<CallToolResult> AddProjectAsync(
        ClaimsPrincipal user,
        [Description("The project's name, 1-60 characters, e.g. \"Work\".")][MaxLength(60)] string name,
        [Description("Optional colour #rrggbb, e.g. #3f51b5.")][MaxLength(7)] string? color = null,
        CancellationToken cancellationToken = default)
    {
        var context = await UserAsync(user, cancellationToken);
        var result = await projects.AddAsync(context, name, color, cancellationToken);
        return Wire<ProjectResult>(result.Error is { } error ? error : new ProjectResult(result.Value!), r => "Added project " + ToolResults.Describe(r.Project));
    }

    [McpServerTool(Name = "list_members", Title = "List a project's members", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(ProjectMemberList))]
    [Description("Lists everyone with access to a project, the owner first, with their username and role (owner, " +
        "editor: may change its tasks, viewer: may only read them). Works for any project the user owns or was shared into.")]
    public async Task<CallToolResult> ListMembersAsync(
        ClaimsPrincipal user,
        [Description("The project's name or id, as list_projects shows it.")][MaxLength(60)] string project,
        CancellationToken cancellationToken = default)
    {
        var context = await UserAsync(user, cancellationToken);
        return Wire<ProjectMemberList>(await projects.MembersAsync(context, project, cancellationToken),
            list => string.Join("\n", list.Items.Select(m => $"{m.Username} ({m.Role})")));
    }

    [McpServerTool(Name = "share_project", Title = "Share a project", ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(MemberResult))]
    [Description("Shares one of the user's own projects with another person by their username, as editor (may add, change, " +
        "complete and delete its tasks; the default) or viewer (may only read). Sharing again with another role changes " +
        "their role. The Inbox cannot be shared; a project has at most 50 members. Only the project's owner can share it.")]
    public async Task<CallToolResult> ShareProjectAsync(
        ClaimsPrincipal user,
        [Description("The project's name or id, as list_projects shows it.")][MaxLength(60)] string project,
        [Description("The username of the person to share with.")][MaxLength(64)] string member,
        [Description("editor (default) or viewer.")][MaxLength(10)] string? role = null,
        CancellationToken cancellationToken = default)
    {
        var context = await UserAsync(user, cancellationToken);
        return Wire<MemberResult>(await projects.ShareAsync(context, project, member, role, cancellationToken),
            r => $"Shared with {r.Member.Username} as {r.Member.Role}");
    }

    [McpServerTool(Name = "remove_member", Title = "Remove a member or leave a project", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(MemberResult))]
    [Description("Takes a person's access to a shared project away at once (the owner only), or leaves a project shared " +
        "with the user when member is \"me\". The project's tasks stay with its owner. The owner cannot leave their own project.")]
    public async Task<CallToolResult> RemoveMemberAsync(
        ClaimsPrincipal user,
        [Description("The project's name or id, as list_projects shows it.")][MaxLength(60)] string project,
        [Description("The member's username, or \"me\" to leave the project.")][MaxLength(64)] string member,
        CancellationToken cancellationToken = default)
    {
        var context = await UserAsync(user, cancellationToken);
        return Wire<MemberResult>(await projects.RemoveAsync(context, project, member, cancellationToken),
            r => r.Member.UserId == context.UserId ? "Left the project" : $"Removed {r.Member.Username}");
    }

    /// <summary>
    /// The same tools acting for a user the chat has already resolved for its turn: no account read per call, and
    /// results stay typed (<see cref="TryTake"/>) instead of going through structured JSON the chat would parse back.
    /// </summary>
    internal TodoTools ActingFor(UserContext context) => new(core, projects, organize, users) { _actingFor = context };

    /// <summary>The typed outcome behind a result this instance returned while acting for a chat user.</summary>
    internal bool TryTake(CallToolResult result, out ToolOutcome outcome) => _outcomes.TryGetValue(result, out outcome!);

    private CallToolResult Respond(ServiceResult<TaskDto> result, string verb) =>
        Wire<TaskResult>(result.Error is { } error ? error : new TaskResult(result.Value!), r => verb + ToolResults.Describe(r.Task));

    /// <summary>An MCP result for the wire (structured content plus text); for the chat, the text and the typed value.</summary>
    private CallToolResult Wire<T>(ServiceResult<T> result, Func<T, string> describe) where T : class
    {
        if (_actingFor is null)
        {
            return result.Error is { } wireError ? ToolResults.Error(wireError) : ToolResults.Success(result.Value!, describe(result.Value!));
        }

        var outcome = result.Error is { } error
            ? ToolOutcome.Failure(ToolResults.Message(error))
            : ToolOutcome.Success(result.Value!, describe(result.Value!));
        var text = new CallToolResult { IsError = outcome.IsError ? true : null, Content = [new TextContentBlock { Text = outcome.Text }] };
        _outcomes.Add(text, outcome);
        return text;
    }

    private async Task<UserContext> UserAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        if (_actingFor is { } resolved)
        {
            // Resolved for this chat turn from the same principal; a mismatch would be a wiring bug, never a fallback.
            return principal.FindUserId() == resolved.UserId
                ? resolved
                : throw new InvalidOperationException(WrongUserMessage);
        }

        return await users.ResolveAsync(principal, cancellationToken)
            ?? throw new McpException("Your access token no longer belongs to an existing account; create a new token in the web app.");
    }
}
