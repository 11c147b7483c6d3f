using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Todo.Backend.Features.Chat;
using Todo.Backend.Features.Mcp;
using Todo.Backend.Features.Tasks;
using Todo.Backend.Infrastructure;
using Todo.Contracts;
using Todo.Contracts.Projects;
using Todo.Contracts.Tasks;
using Todo.Language;

namespace Todo.Backend.Tests.Chat.Evaluation;

/// <summary>
/// One user's list in memory behind the tool names and argument shapes of <see cref="TodoTools"/>, so the evaluation
/// can run hundreds of conversations at a fixed "now" in milliseconds. Listing is the real <see cref="TaskQuery"/>;
/// changes follow the tools' documented rules (only passed fields change, dueDate alone keeps the time, minutesBefore
/// of a date-only task counts back from 09:00, a repeat rule needs a due date). Results are real
/// <see cref="ToolResults"/>, read back exactly as the assistant reads <c>/mcp</c>.
/// </summary>
internal sealed class SimulatedTools(DateTimeOffset now, TimeZoneInfo zone) : IChatTools
{
    /// <summary>The evaluation user's id and username.</summary>
    public const string Me = "eval";

    private readonly List<SimTask> _tasks = [];
    private readonly List<SimProject> _projects = [new(ProjectDto.InboxId, ProjectDto.InboxName, [])];
    private int _created;

    /// <summary>A project of the user, shared with these usernames (each a user id "u-name"); in sidebar order.</summary>
    public void SeedProject(string name, IReadOnlyList<string> members) =>
        _projects.Add(new SimProject(Ids.Derived("chat-eval-project:" + name), name, [.. members]));

    /// <summary>The project's name (the Inbox's too) and the assignee's username, as the scorer compares them.</summary>
    public string ProjectName(TaskDto task) => _projects.Single(p => p.Id == task.ProjectId).Name;

    public static string? Username(string? userId) => userId is null ? null : userId == Me ? Me : userId["u-".Length..];

    /// <summary>1-based place among the open tasks of its project (the manual order), and how many there are.</summary>
    public (int Position, int Of) PlaceOf(string id)
    {
        var task = _tasks.Single(t => t.Id == id);
        var order = _tasks.Where(t => t.ProjectId == task.ProjectId && !t.Completed).ToList();
        return (order.IndexOf(task) + 1, order.Count);
    }

    public IReadOnlyList<TaskDto> Tasks => _tasks.Select(ToDto).ToList();

    public List<string> Calls { get; } = [];

    public TaskDto Seed(string title, string? notes, TaskPriority priority, IReadOnlyList<string> tags, DueDto? due, DateTimeOffset? remindAt,
        RecurrenceDto? recurrence, DateTimeOffset? completedAt, string? project = null, string? assignee = null)
    {
        var task = New(title);
        task.ProjectId = project is null ? ProjectDto.InboxId : _projects.Single(p => p.Name == project).Id;
        task.AssigneeId = assignee is null ? null : assignee == Me ? Me : "u-" + assignee;
        task.Notes = notes;
        task.Priority = priority;
        task.Tags = [.. tags];
        task.Due = due;
        task.Reminder = remindAt is { } at ? new ReminderDto(At: at) : null;
        task.Recurrence = recurrence;
        task.Completed = completedAt is not null;
        task.CompletedAt = completedAt;
        return ToDto(task);
    }

    /// <summary>When the reminder would fire, ignoring completion (so a completed task still shows its reminder).</summary>
    public DateTimeOffset? ReminderOf(string id)
    {
        var task = _tasks.Single(t => t.Id == id);
        return task.SnoozedUntil ?? task.Reminder switch
        {
            { At: { } at } => at.ToUniversalTime(),
            { MinutesBefore: { } minutes } when task.Due is { } due =>
                ZonedTime.ToUtc(due.Date, due.Time ?? TaskTimes.DateOnlyReminderAnchor, zone).AddMinutes(-minutes),
            _ => null,
        };
    }

    public Task<TaskDto?> PeekAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult(_tasks.FirstOrDefault(t => t.Id == id) is { } task ? ToDto(task) : null);

    public Task<ToolOutcome> CallAsync(string tool, JsonObject arguments, CancellationToken cancellationToken)
    {
        Calls.Add(tool + " " + arguments.ToJsonString());
        return Task.FromResult(Call(tool, arguments));
    }

    private ToolOutcome Call(string tool, JsonObject a)
    {
        switch (tool)
        {
            case "add_task":
                return Add(a) is { } error ? ToolOutcome.Failure(error) : ToolOutcome.Success(new TaskResult(ToDto(_tasks[^1])), "Added");
            case "add_tasks":
            {
                var created = new List<TaskDto>();
                foreach (var item in a["tasks"]!.AsArray())
                {
                    if (Add(item!.AsObject()) is null)
                    {
                        created.Add(ToDto(_tasks[^1]));
                    }
                }

                return created.Count == 0 ? ToolOutcome.Failure("No task was added.") : ToolOutcome.Success(new TasksResult(created, []), "Added");
            }

            case "list_tasks":
            {
                var query = TaskQuery.Parse(S(a, "status"), Strings(a, "priority") ?? [], Strings(a, "tags") ?? [], S(a, "query"), S(a, "due"),
                    S(a, "sort"), S(a, "order"), a["limit"]?.ToString(), S(a, "cursor"));
                // The store reads one project's index when a project is named (ADR 0011); here that is a filter.
                var project = S(a, "project") is { } named ? _projects.FirstOrDefault(p => p.Id == named || string.Equals(p.Name, named, StringComparison.OrdinalIgnoreCase)) : null;
                if (S(a, "project") is not null && project is null)
                {
                    return ToolOutcome.Failure("You have no such project; list_projects shows yours.");
                }

                var listed = project is null ? Tasks : Tasks.Where(t => t.ProjectId == project.Id);
                return query.Error is { } bad ? ToolOutcome.Failure(ToolResults.Message(bad)) : ToolOutcome.Success(query.Value!.Apply(listed, now, zone), "Listed");
            }

            case "list_projects":
                return ToolOutcome.Success(new ProjectList([.. _projects.Select(p => new ProjectDto(p.Id, p.Name, null, false, p.Id == ProjectDto.InboxId,
                    _tasks.Count(t => t.ProjectId == p.Id && !t.Completed), ProjectRoles.Owner, "1"))]), "Listed");
            case "list_members":
            {
                var project = _projects.FirstOrDefault(p => p.Id == S(a, "project") || string.Equals(p.Name, S(a, "project"), StringComparison.OrdinalIgnoreCase));
                return project is null
                    ? ToolOutcome.Failure("You have no such project; list_projects shows yours.")
                    : ToolOutcome.Success(new ProjectMemberList([new ProjectMemberDto(Me, Me, ProjectRoles.Owner), .. project.Members.Select(m => new ProjectMemberDto("u-" + m, m, ProjectRoles.Editor))]), "Listed");
            }
        }

        var task = _tasks.FirstOrDefault(t => t.Id == S(a, "id"));
        if (task is null)
        {
            return ToolOutcome.Failure("No task with that id exists in your list; call list_tasks to find the right id.");
        }

        switch (tool)
        {
            case "get_task":
                break;
            case "complete_task":
                if (!task.Completed)
                {
                    task.Completed = true;
                    task.CompletedAt = now;
                    task.SnoozedUntil = null;
                }

                break;
            case "reopen_task":
                task.Completed = false;
                task.CompletedAt = null;
                break;
            case "delete_task":
                _tasks.Remove(task);
                break;
            case "snooze_reminder":
                if (task.Completed)
                {
                    return ToolOutcome.Failure("This task is completed; reopen it before snoozing its reminder.");
                }

                task.SnoozedUntil = now.AddMinutes(a["minutes"]!.GetValue<int>());
                break;
            case "set_reminder":
                task.SnoozedUntil = null;
                if (B(a, "clear"))
                {
                    task.Reminder = null;
                }
                else if (S(a, "at") is { } at)
                {
                    var instant = DateTimeOffset.Parse(at, CultureInfo.InvariantCulture);
                    if (instant <= now)
                    {
                        return ToolOutcome.Failure("The reminder time is in the past.");
                    }

                    task.Reminder = new ReminderDto(At: instant);
                }
                else if (a["minutesBefore"] is { } minutes)
                {
                    if (task.Due is null)
                    {
                        return ToolOutcome.Failure("A reminder before the due time needs a due date.");
                    }

                    task.Reminder = new ReminderDto(MinutesBefore: minutes.GetValue<int>());
                }
                else
                {
                    return ToolOutcome.Failure("Pass exactly one of at, minutesBefore or clear=true.");
                }

                break;
            case "update_task":
                if (Update(task, a) is { } error)
                {
                    return ToolOutcome.Failure(error);
                }

                break;
            case "move_task":
                return Move(task, a);
            case "assign_task":
                return Assign(task, a);
            default:
                return ToolOutcome.Failure($"Unknown tool {tool}.");
        }

        return ToolOutcome.Success(new TaskResult(ToDto(task)), "Done");
    }

    /// <summary>move_task's rules: another project first (it goes last there), then before a task, the top, or last.</summary>
    private ToolOutcome Move(SimTask task, JsonObject a)
    {
        if (task.Completed)
        {
            return ToolOutcome.Failure("Completed tasks are listed by completion, not by hand; reopen the task to place it.");
        }

        if (S(a, "project") is { } name)
        {
            var project = _projects.FirstOrDefault(p => p.Id == name || string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
            if (project is null)
            {
                return ToolOutcome.Failure("You have no such project; list_projects shows yours.");
            }

            task.ProjectId = project.Id;
        }

        _tasks.Remove(task);
        var order = _tasks.Where(t => t.ProjectId == task.ProjectId && !t.Completed).ToList();
        var before = B(a, "first") ? order.FirstOrDefault() : S(a, "before") is { } id ? order.FirstOrDefault(t => t.Id == id) : null;
        if (S(a, "before") is not null && before is null)
        {
            _tasks.Add(task);
            return ToolOutcome.Failure("That task is not an open task of this task's project; list the project with sort=manual for its ids.");
        }

        _tasks.Insert(before is null ? _tasks.Count : _tasks.IndexOf(before), task);
        var (position, of) = PlaceOf(task.Id);
        return ToolOutcome.Success(new MovedTask(ToDto(task), task.ProjectId, position, of), "Moved");
    }

    private ToolOutcome Assign(SimTask task, JsonObject a)
    {
        var project = _projects.Single(p => p.Id == task.ProjectId);
        var name = S(a, "assignee")?.Trim().TrimStart('@');
        if (string.IsNullOrEmpty(name))
        {
            task.AssigneeId = null;
            return ToolOutcome.Success(new AssignedTask(ToDto(task), null), "Unassigned");
        }

        var username = name.Equals("me", StringComparison.OrdinalIgnoreCase) || name == Me ? Me : project.Members.FirstOrDefault(m => m.Equals(name, StringComparison.OrdinalIgnoreCase));
        if (username is null)
        {
            return ToolOutcome.Failure(project.Id == ProjectDto.InboxId
                ? "Tasks in the Inbox are yours alone; move the task to a shared project (move_task) to assign it to someone else."
                : $"Nobody called \"{name}\" is a member of this task's project; its members are {string.Join(", ", [Me, .. project.Members])} (share_project adds someone).");
        }

        task.AssigneeId = username == Me ? Me : "u-" + username;
        return ToolOutcome.Success(new AssignedTask(ToDto(task), username), "Assigned");
    }

    private string? Add(JsonObject a)
    {
        var title = S(a, "title")?.Trim();
        if (string.IsNullOrEmpty(title))
        {
            return "A task needs a title.";
        }

        if (!ToolArguments.TryPriority(S(a, "priority"), out var priority))
        {
            return ToolArguments.PriorityError;
        }

        DueDto? due = null;
        if (S(a, "dueDate") is { } date)
        {
            if (!ToolArguments.TryDue(date, S(a, "dueTime"), out due, out var error))
            {
                return error;
            }
        }

        var recurrence = a["recurrence"] is { } r ? r.Deserialize<RecurrenceDto>(TodoJson.Options) : null;
        if (recurrence is not null && due is null)
        {
            return "A repeating task needs a due date.";
        }

        var task = New(title);
        task.Notes = S(a, "notes");
        task.Priority = priority ?? TaskPriority.None;
        task.Tags = Strings(a, "tags")?.Select(t => t.ToLowerInvariant()).Distinct().ToList() ?? [];
        task.Due = due;
        task.Recurrence = recurrence;
        task.Reminder = S(a, "remindAt") is { } at ? new ReminderDto(At: DateTimeOffset.Parse(at, CultureInfo.InvariantCulture))
            : a["remindMinutesBefore"] is { } m ? new ReminderDto(MinutesBefore: m.GetValue<int>()) : null;
        return null;
    }

    private string? Update(SimTask task, JsonObject a)
    {
        var changed = false;
        if (S(a, "title") is { } title)
        {
            if (title.Trim().Length == 0)
            {
                return "A title cannot be empty.";
            }

            task.Title = title.Trim();
            changed = true;
        }

        if (S(a, "notes") is { } notes || B(a, "clearNotes"))
        {
            task.Notes = B(a, "clearNotes") ? null : S(a, "notes");
            changed = true;
        }

        if (S(a, "priority") is { } p)
        {
            if (!ToolArguments.TryPriority(p, out var priority))
            {
                return ToolArguments.PriorityError;
            }

            task.Priority = priority ?? TaskPriority.None;
            changed = true;
        }

        if (Strings(a, "tags") is { } tags || B(a, "clearTags"))
        {
            task.Tags = B(a, "clearTags") ? [] : Strings(a, "tags")!.Select(t => t.ToLowerInvariant()).Distinct().ToList();
            changed = true;
        }

        if (B(a, "clearDue"))
        {
            task.Due = null;
            if (task.Reminder?.MinutesBefore is not null)
            {
                task.Reminder = null;
            }

            changed = true;
        }
        else if (S(a, "dueDate") is not null || S(a, "dueTime") is not null || B(a, "clearDueTime"))
        {
            var date = S(a, "dueDate") is { } d ? DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture) : task.Due?.Date;
            if (date is null)
            {
                return "The task has no due date yet; pass dueDate (YYYY-MM-DD) together with dueTime.";
            }

            var time = B(a, "clearDueTime") ? null : S(a, "dueTime") is { } t ? TimeOnly.ParseExact(t, "HH:mm", CultureInfo.InvariantCulture) : task.Due?.Time;
            task.Due = new DueDto(date.Value, time);
            changed = true;
        }

        if (a["recurrence"] is { } r || B(a, "clearRecurrence"))
        {
            task.Recurrence = B(a, "clearRecurrence") ? null : a["recurrence"]!.Deserialize<RecurrenceDto>(TodoJson.Options);
            if (task.Recurrence is not null && task.Due is null)
            {
                return "A repeating task needs a due date; pass dueDate too.";
            }

            changed = true;
        }

        return changed ? null : "Nothing to change: pass at least one field or a clear flag.";
    }

    private SimTask New(string title)
    {
        var task = new SimTask
        {
            Id = Ids.Derived("chat-eval:" + _created + ":" + title),
            Title = title,
            CreatedAt = now.AddMinutes(-1000 + _created),
        };
        _created++;
        _tasks.Add(task);
        return task;
    }

    private TaskDto ToDto(SimTask t)
    {
        DateTimeOffset? remindAt = t.Completed ? null : t.SnoozedUntil ?? t.Reminder switch
        {
            { At: { } at } => at.ToUniversalTime(),
            { MinutesBefore: { } minutes } when t.Due is { } due =>
                ZonedTime.ToUtc(due.Date, due.Time ?? TaskTimes.DateOnlyReminderAnchor, zone).AddMinutes(-minutes),
            _ => null,
        };
        return new TaskDto(t.Id, t.Title, t.Notes, t.Priority, t.Tags, t.Due, TaskTimes.DueAt(t.Due, zone), t.Reminder, remindAt, t.Recurrence,
            t.Recurrence?.Frequency.ToString().ToLowerInvariant(), t.Completed, t.CompletedAt, t.CreatedAt, t.CreatedAt, "1")
        {
            ProjectId = t.ProjectId,
            AssigneeId = t.AssigneeId,
        };
    }

    private static string? S(JsonObject a, string name) => a[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static bool B(JsonObject a, string name) => a[name] is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    private static string[]? Strings(JsonObject a, string name) => a[name] is JsonArray array ? array.Select(n => n!.GetValue<string>()).ToArray() : null;

    private sealed class SimTask
    {
        public required string Id { get; init; }

        public required string Title { get; set; }

        public string? Notes { get; set; }

        public TaskPriority Priority { get; set; }

        public List<string> Tags { get; set; } = [];

        public DueDto? Due { get; set; }

        public ReminderDto? Reminder { get; set; }

        public DateTimeOffset? SnoozedUntil { get; set; }

        public RecurrenceDto? Recurrence { get; set; }

        public bool Completed { get; set; }

        public DateTimeOffset? CompletedAt { get; set; }

        public DateTimeOffset CreatedAt { get; init; }

        public string ProjectId { get; set; } = ProjectDto.InboxId;

        public string? AssigneeId { get; set; }
    }

    private sealed record SimProject(string Id, string Name, List<string> Members);
}
