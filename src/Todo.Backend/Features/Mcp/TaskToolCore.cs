using System.Globalization;
using Todo.Backend.Features.Auth;
using Todo.Backend.Features.Tasks;
using Todo.Backend.Infrastructure;
using Todo.Contracts.Tasks;

namespace Todo.Backend.Features.Mcp;

/// <summary>
/// What each MCP tool does, typed: the user is already resolved (once per MCP call, once per chat turn), the tool's
/// loose arguments (strings for dates, priorities, filters) are read here, and results are the service's own records.
/// <see cref="TodoTools"/> turns them into MCP results for the wire and for the model; the chat reads them directly.
/// Every error is a <see cref="ServiceError"/> whose message tells the caller how to fix the call.
/// </summary>
internal sealed class TaskToolCore(TaskService tasks, ProjectToolCore projects, TimeProvider time)
{
    public const int MaxBatch = 50;

    /// <summary>
    /// Creates one task. With an <paramref name="idempotencyKey"/>, a retry of the same request answers the first
    /// result instead of adding a second task; <paramref name="item"/> is the position inside an add_tasks batch,
    /// which one key covers.
    /// </summary>
    public async Task<ServiceResult<TaskDto>> AddAsync(UserContext user, TaskInput input, string? idempotencyKey, CancellationToken cancellationToken, int? item = null)
    {
        var request = input.ToRequest(user.TimeZone);
        if (request.Error is { } error)
        {
            return error;
        }

        var project = await projects.IdOfAsync(user, input.Project, forWrite: true, cancellationToken);
        if (project.Error is { } projectError)
        {
            return projectError;
        }

        request = request.Value! with { ProjectId = project.Value };

        var key = item is { } n ? IdempotencyKey.ForItem(idempotencyKey, n, request.Value!) : IdempotencyKey.From(idempotencyKey, request.Value!);
        return key.Error is { } keyError ? keyError : await tasks.CreateAsync(user, request.Value!, key.Value, cancellationToken);
    }

    /// <summary>Creates the items one by one; an error only when none was created (the failures say why).</summary>
    public async Task<ServiceResult<TasksResult>> AddManyAsync(UserContext user, IReadOnlyList<TaskInput?>? inputs, string? idempotencyKey, CancellationToken cancellationToken)
    {
        if (inputs is not { Count: > 0 and <= MaxBatch })
        {
            return ServiceError.Invalid("tasks", $"Send between 1 and {MaxBatch} tasks; split longer lists into several add_tasks calls.");
        }

        var created = new List<TaskDto>();
        var failed = new List<FailedItem>();
        for (var i = 0; i < inputs.Count; i++)
        {
            var result = inputs[i] is { } input ? await AddAsync(user, input, idempotencyKey, cancellationToken, item: i) : ServiceError.Invalid("title", "A task needs a title.");
            if (result.Error is { } error)
            {
                failed.Add(new FailedItem(i, error.Message));
            }
            else
            {
                created.Add(result.Value!);
            }
        }

        return created.Count == 0
            ? ServiceError.Invalid("tasks", "No task was added: " + string.Join(" ", failed.Select(f => $"item {f.Index}: {f.Error}")))
            : new TasksResult(created, failed);
    }

    public async Task<ServiceResult<TaskPage>> ListAsync(UserContext user, TaskListArguments arguments, CancellationToken cancellationToken)
    {
        var project = await projects.IdOfAsync(user, arguments.Project, forWrite: false, cancellationToken);
        if (project.Error is { } projectError)
        {
            return projectError;
        }

        var parsed = TaskQuery.Parse(arguments.Status, arguments.Priority ?? [], arguments.Tags ?? [], arguments.Query, arguments.Due,
            arguments.Sort, arguments.Order, arguments.Limit?.ToString(CultureInfo.InvariantCulture), arguments.Cursor, project.Value);
        return parsed.Error is { } error ? error : await tasks.ListAsync(user, parsed.Value!, cancellationToken);
    }

    public Task<ServiceResult<TaskDto>> GetAsync(UserContext user, string id, CancellationToken cancellationToken) =>
        tasks.GetAsync(user, id, cancellationToken);

    public async Task<ServiceResult<TaskDto>> UpdateAsync(UserContext user, string id, TaskEdit edit, CancellationToken cancellationToken)
    {
        if (!ToolArguments.TryPriority(edit.Priority, out var parsedPriority))
        {
            return ServiceError.Invalid("priority", ToolArguments.PriorityError);
        }

        if (!ToolArguments.TryDate(edit.DueDate, out var date, out var error) || !ToolArguments.TryTime(edit.DueTime, out var time, out error))
        {
            return ServiceError.Invalid("due", error!);
        }

        var present = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var patch = new UpdateTaskRequest();
        if (edit.Title is not null) { present.Add("title"); patch = patch with { Title = edit.Title }; }
        if (edit.Notes is not null || edit.ClearNotes) { present.Add("notes"); patch = patch with { Notes = edit.ClearNotes ? null : edit.Notes }; }
        if (edit.Priority is not null) { present.Add("priority"); patch = patch with { Priority = parsedPriority }; }
        if (edit.Tags is not null || edit.ClearTags) { present.Add("tags"); patch = patch with { Tags = edit.ClearTags ? null : edit.Tags }; }
        if (edit.Recurrence is not null || edit.ClearRecurrence) { present.Add("recurrence"); patch = patch with { Recurrence = edit.ClearRecurrence ? null : edit.Recurrence }; }
        if (edit.ClearDue) { present.Add("due"); patch = patch with { Due = null }; }
        if (edit.Project is not null)
        {
            var project = await projects.IdOfAsync(user, edit.Project, forWrite: true, cancellationToken);
            if (project.Error is { } projectError)
            {
                return projectError;
            }

            present.Add("projectId");
            patch = patch with { ProjectId = project.Value };
        }

        // Only the date or only the time: the service completes the due date from the task inside its read-modify-write.
        var dueEdit = !edit.ClearDue && (date is not null || time is not null || edit.ClearDueTime) ? new DueEdit(date, time, edit.ClearDueTime) : null;
        if (present.Count == 0 && dueEdit is null)
        {
            // A wrong id is the more useful thing to hear about.
            return (await tasks.GetAsync(user, id, cancellationToken)).Error is { } notFound
                ? notFound
                : ServiceError.Invalid("id", "Nothing to change: pass at least one field (title, notes, priority, tags, dueDate, dueTime, recurrence, project) or a clear flag.");
        }

        patch = patch with { Present = present };
        return dueEdit is null
            ? await tasks.UpdateAsync(user, id, patch, ifMatch: null, cancellationToken)
            : await tasks.UpdateAsync(user, id, patch, dueEdit, cancellationToken);
    }

    public Task<ServiceResult<TaskDto>> AddStepAsync(UserContext user, string id, string? title, int? position, CancellationToken cancellationToken) =>
        tasks.EditStepsAsync(user, id, null, task => TaskStepEdits.Add(task, new AddStepRequest(title, position)), cancellationToken);

    public async Task<ServiceResult<TaskDto>> UpdateStepAsync(UserContext user, string id, string? stepId, UpdateStepRequest change, CancellationToken cancellationToken) =>
        change is { Title: null, Done: null, Position: null }
            ? ServiceError.Invalid("stepId", "Nothing to change: pass done, title or position.")
            : await tasks.EditStepsAsync(user, id, null, task => TaskStepEdits.Update(task, stepId ?? "", change), cancellationToken);

    public Task<ServiceResult<TaskDto>> RemoveStepAsync(UserContext user, string id, string? stepId, CancellationToken cancellationToken) =>
        tasks.EditStepsAsync(user, id, null, task => TaskStepEdits.Remove(task, stepId ?? ""), cancellationToken);

    public Task<ServiceResult<TaskDto>> CompleteAsync(UserContext user, string id, CancellationToken cancellationToken) =>
        tasks.CompleteAsync(user, id, null, cancellationToken);

    public Task<ServiceResult<TaskDto>> ReopenAsync(UserContext user, string id, CancellationToken cancellationToken) =>
        tasks.ReopenAsync(user, id, null, cancellationToken);

    public Task<ServiceResult<TaskDto>> DeleteAsync(UserContext user, string id, CancellationToken cancellationToken) =>
        tasks.DeleteAsync(user, id, null, cancellationToken);

    /// <summary>Exactly one of <paramref name="at"/>, <paramref name="minutesBefore"/> or <paramref name="clear"/>.</summary>
    public async Task<ServiceResult<TaskDto>> SetReminderAsync(
        UserContext user, string id, string? at, int? minutesBefore, bool clear, CancellationToken cancellationToken)
    {
        if ((at is not null ? 1 : 0) + (minutesBefore is not null ? 1 : 0) + (clear ? 1 : 0) != 1)
        {
            return ServiceError.Invalid("reminder", "Pass exactly one of at, minutesBefore or clear=true.");
        }

        if (!ToolArguments.TryReminder("at", at, minutesBefore, user.TimeZone, out var reminder, out var error))
        {
            return ServiceError.Invalid("at", error!);
        }

        var patch = new UpdateTaskRequest { Reminder = reminder, Present = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "reminder" } };
        return await tasks.UpdateAsync(user, id, patch, ifMatch: null, cancellationToken);
    }

    /// <summary>
    /// Snoozes the task's reminder, but never brings one that is still ahead forward (the chat's rule too): "snooze for
    /// 10 minutes" on a reminder due tomorrow would otherwise fire it in 10 minutes, the opposite of a snooze. The check
    /// reads the task before the service's own read-modify-write; a reminder changed in between is a lost race either way.
    /// </summary>
    public async Task<ServiceResult<TaskDto>> SnoozeAsync(UserContext user, string id, int minutes, CancellationToken cancellationToken)
    {
        var found = await tasks.GetAsync(user, id, cancellationToken);
        if (found.Error is { } error)
        {
            return error;
        }

        var now = time.GetUtcNow();
        if (found.Value!.RemindAt is { } upcoming && !found.Value.Completed && upcoming > now.AddMinutes(minutes))
        {
            var local = TimeZoneInfo.ConvertTime(upcoming, user.TimeZone).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
            return new ServiceError(ServiceErrorKind.Conflict,
                $"The reminder has not come yet (it is at {local} in the user's time zone), and snoozing it for {minutes} min would bring it " +
                "forward, so nothing changed. Use set_reminder to move it, or snooze for longer than that.");
        }

        return await tasks.SnoozeAsync(user, id, minutes, cancellationToken);
    }
}

/// <summary>The filters of list_tasks as the tool receives them.</summary>
internal sealed record TaskListArguments(
    string? Status = null, string[]? Priority = null, string[]? Tags = null, string? Query = null, string? Due = null,
    string? Sort = null, string? Order = null, int? Limit = null, string? Cursor = null, string? Project = null);

/// <summary>The changes of update_task as the tool receives them: null leaves a field as it is, a clear flag removes it.</summary>
internal sealed record TaskEdit(
    string? Title = null, string? Notes = null, string? Priority = null, string[]? Tags = null, string? DueDate = null,
    string? DueTime = null, RecurrenceDto? Recurrence = null, bool ClearNotes = false, bool ClearDue = false,
    bool ClearDueTime = false, bool ClearTags = false, bool ClearRecurrence = false, string? Project = null);
