using Todo.Backend.Features.Auth;
using Todo.Backend.Features.Events;
using Todo.Backend.Features.Projects;
using Todo.Backend.Features.Reminders;
using Todo.Backend.Infrastructure;
using Todo.Contracts.Events;
using Todo.Contracts.Tasks;

namespace Todo.Backend.Features.Tasks;

/// <summary>
/// The task service layer: every rule and side effect of a task change lives here once, and the REST API, the MCP
/// tools and the chat assistant all call it. Each change is a read-modify-write: read the task (and for creates and
/// deletes the user's index), check the caller's If-Match against the task's version, save under the Dapr ETag of
/// that read, keep the reminder job in step and publish a task event. A lost race is retried here, once, through
/// <see cref="OptimisticRetry"/>; nothing above the service retries. A write answers with the task as saved and its
/// new version, so no caller reads it back.
/// </summary>
internal sealed class TaskService(
    TaskStore store, TaskListing listing, ProjectService projects, ProjectTaskAccess access, ReminderSync reminders, TaskEventPublisher events, TimeProvider time)
{

    public async Task<ServiceResult<TaskDto>> CreateAsync(UserContext user, CreateTaskRequest request, CancellationToken cancellationToken) =>
        await CreateCoreAsync(user, request, Ids.New(), occurrence: 1, idempotency: null, cancellationToken);

    /// <summary>
    /// A create under a client's idempotency key (<see cref="IdempotencyKey"/>): the first call creates the task and
    /// records its answer in the same transaction; a repeat with the same request gets that answer again and re-runs the
    /// reminder and event steps (both idempotent: job overwrite, deterministic event id), which a crash after the write
    /// may have skipped; a repeat with another request is refused.
    /// </summary>
    public async Task<ServiceResult<TaskDto>> CreateAsync(UserContext user, CreateTaskRequest request, IdempotencyKey? idempotency, CancellationToken cancellationToken) =>
        await CreateCoreAsync(user, request, Ids.New(), occurrence: 1, idempotency, cancellationToken);

    /// <summary>
    /// Creates a task with a caller-chosen id (the next occurrence of a repeating task). Creating the same id twice
    /// returns the existing task, which makes at-least-once event handling create exactly one occurrence.
    /// </summary>
    public Task<ServiceResult<TaskDto>> CreateOccurrenceAsync(UserContext user, CreateTaskRequest request, string id, int occurrence, string? createdBy, CancellationToken cancellationToken) =>
        CreateCoreAsync(user, request, id, occurrence, idempotency: null, cancellationToken, createdBy);

    public async Task<ServiceResult<TaskDto>> GetAsync(UserContext user, string id, CancellationToken cancellationToken)
    {
        if (!Ids.IsValid(id))
        {
            return NotFound();
        }

        var found = await access.FindAsync(user.UserId, id, cancellationToken);
        return found is null ? NotFound() : found.Task.ToDto(user.TimeZone);
    }

    /// <summary>One project's tasks (<see cref="TaskQuery.Project"/>), or those of every project the user sees.</summary>
    public async Task<ServiceResult<TaskPage>> ListAsync(UserContext user, TaskQuery query, CancellationToken cancellationToken)
    {
        IReadOnlyList<TaskIndexKey> keys;
        if (query.Project is { } project)
        {
            var key = await projects.ResolveAsync(user, project, forWrite: false, "project", cancellationToken);
            if (key.Error is { } error)
            {
                return error;
            }

            keys = [key.Value];
        }
        else
        {
            // The Inbox's index needs no sidebar to find: read it while the sidebar is read (one round trip less).
            var inbox = store.StartIndexRead(TaskIndexKey.Inbox(user.UserId), cancellationToken);
            try
            {
                keys = await projects.VisibleIndexesAsync(user.UserId, cancellationToken);
            }
            catch
            {
                await ((Task)inbox.Index).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                throw;
            }

            return await listing.ListAsync(user, query, keys, time.GetUtcNow(), cancellationToken, inbox);
        }

        return await listing.ListAsync(user, query, keys, time.GetUtcNow(), cancellationToken);
    }

    public async Task<IReadOnlyList<TagCount>> ListTagsAsync(UserContext user, CancellationToken cancellationToken)
    {
        var (tasks, _) = await store.ListOpenAsync(await projects.VisibleIndexesAsync(user.UserId, cancellationToken), cancellationToken);
        return tasks
            .SelectMany(t => t.Tags)
            .GroupBy(tag => tag)
            .Select(g => new TagCount(g.Key, g.Count()))
            .OrderByDescending(t => t.Count).ThenBy(t => t.Tag, StringComparer.Ordinal)
            .ToList();
    }

    public async Task<ServiceResult<TaskDto>> UpdateAsync(UserContext user, string id, UpdateTaskRequest patch, string? ifMatch, CancellationToken cancellationToken)
    {
        var target = await TargetProjectAsync(user, patch, cancellationToken);
        return target.Error is { } error
            ? error
            : await MutateAsync(user, id, ifMatch, TaskEventTypes.Updated, (task, found) => ApplyPatch(task, patch, target.Value, found.Audience), cancellationToken);
    }

    /// <summary>A patch whose due date is given in parts (<see cref="DueEdit"/>), completed from the task as read.</summary>
    public async Task<ServiceResult<TaskDto>> UpdateAsync(UserContext user, string id, UpdateTaskRequest patch, DueEdit due, CancellationToken cancellationToken)
    {
        var target = await TargetProjectAsync(user, patch, cancellationToken);
        if (target.Error is { } targetError)
        {
            return targetError;
        }

        return await MutateAsync(user, id, null, TaskEventTypes.Updated, (task, found) =>
        {
            var whole = due.ApplyTo(task.Due);
            return whole.Error is { } error
                ? error
                : ApplyPatch(task, patch with { Due = whole.Value, Present = new HashSet<string>(patch.Present, StringComparer.OrdinalIgnoreCase) { "due" } }, target.Value, found.Audience);
        }, cancellationToken);
    }

    /// <summary>The project a patch moves the task to, checked before the read-modify-write (null: the patch does not move it).</summary>
    private async Task<ServiceResult<TaskIndexKey?>> TargetProjectAsync(UserContext user, UpdateTaskRequest patch, CancellationToken cancellationToken)
    {
        if (!patch.Has("projectId"))
        {
            return (TaskIndexKey?)null;
        }

        var key = await projects.ResolveAsync(user, patch.ProjectId, forWrite: true, "projectId", cancellationToken);
        return key.Error is { } error ? error : key.Value;
    }

    public Task<ServiceResult<TaskDto>> CompleteAsync(UserContext user, string id, string? ifMatch, CancellationToken cancellationToken) =>
        MutateAsync(user, id, ifMatch, TaskEventTypes.Completed, task => task.Completed
            ? (TaskRecord?)null
            : task with { Completed = true, CompletedAt = time.GetUtcNow(), SnoozedUntil = null, Steps = TaskStepRules.AllDone(task.Steps) }, cancellationToken);

    public Task<ServiceResult<TaskDto>> ReopenAsync(UserContext user, string id, string? ifMatch, CancellationToken cancellationToken) =>
        MutateAsync(user, id, ifMatch, TaskEventTypes.Reopened, task => task.Completed
            ? task with { Completed = false, CompletedAt = null }
            : (TaskRecord?)null, cancellationToken);

    /// <summary>A change to the task's checklist (<see cref="TaskStepEdits"/>), under the same read-modify-write as every field.</summary>
    public Task<ServiceResult<TaskDto>> EditStepsAsync(
        UserContext user, string id, string? ifMatch, Func<TaskRecord, ServiceResult<TaskRecord?>> edit, CancellationToken cancellationToken) =>
        MutateAsync(user, id, ifMatch, TaskEventTypes.Updated, edit, cancellationToken);

    public Task<ServiceResult<TaskDto>> SnoozeAsync(UserContext user, string id, int minutes, CancellationToken cancellationToken) =>
        MutateAsync(user, id, null, TaskEventTypes.Updated, task =>
        {
            if (TaskRules.Snooze(minutes) is { } error)
            {
                return ServiceError.Invalid("minutes", error);
            }

            return task.Completed
                ? new ServiceError(ServiceErrorKind.Conflict, "This task is completed; reopen it before snoozing its reminder.")
                : task with { SnoozedUntil = time.GetUtcNow().AddMinutes(minutes) };
        }, cancellationToken);

    public Task<ServiceResult<TaskDto>> DeleteAsync(UserContext user, string id, string? ifMatch, CancellationToken cancellationToken) =>
        WithCurrentTaskAsync(user, id, ifMatch, async found =>
        {
            var task = found.Task;
            if (!await store.TryDeleteAsync(task, found.ETag, cancellationToken))
            {
                return null;
            }

            await reminders.ApplyAsync(task, null, await access.ReminderZoneAsync(task, user, cancellationToken), cancellationToken);
            var snapshot = task.ToDto(user.TimeZone);
            await events.PublishAsync(TaskEventTypes.Deleted, task.UserId, user.UserId, snapshot, task.Version + 1, found.Audience, cancellationToken);
            return snapshot;
        }, cancellationToken);

    private async Task<ServiceResult<TaskDto>> CreateCoreAsync(
        UserContext user, CreateTaskRequest request, string id, int occurrence, IdempotencyKey? idempotency, CancellationToken cancellationToken, string? createdBy = null)
    {
        var now = time.GetUtcNow();
        var errors = new Dictionary<string, string[]>();
        Check(errors, "title", TaskRules.Title(request.Title, out var title));
        Check(errors, "notes", TaskRules.Notes(request.Notes, out var notes));
        Check(errors, "priority", TaskRules.Priority(request.Priority));
        Check(errors, "tags", TaskRules.Tags(request.Tags, out var tags));
        Check(errors, "due", TaskRules.Due(request.Due));
        Check(errors, "reminder", TaskRules.Reminder(request.Reminder, request.Due, now));
        Check(errors, "recurrence", TaskRules.Recurrence(request.Recurrence, request.Due));
        Check(errors, "steps", TaskStepRules.Steps(request.Steps, [], out var steps));
        if (errors.Count > 0)
        {
            return ServiceError.Invalid(errors);
        }

        var project = await projects.ResolveAsync(user, request.ProjectId, forWrite: true, "projectId", cancellationToken);
        if (project.Error is { } projectError)
        {
            if (occurrence == 1)
            {
                return projectError;
            }

            // The next occurrence of a task whose project was archived or deleted since lands in the Inbox, not nowhere.
            project = TaskIndexKey.Inbox(user.UserId);
        }

        // In a shared project the task lives under the project owner's key (ADR 0011); its assignee is one of the project's people.
        var audience = await access.AudienceAsync(project.Value, cancellationToken);
        if (request.AssigneeId is { } assignee && !audience.Contains(assignee))
        {
            if (occurrence == 1)
            {
                return NotAMember();
            }

            // The next occurrence of a task whose assignee has left the project is unassigned rather than lost.
            request = request with { AssigneeId = null };
        }

        if (!project.Value.IsInbox && await OpenTasksAsync(user, cancellationToken) >= TaskRules.MaxTasksPerUser)
        {
            return LimitReached();
        }

        // A timed task without its own reminder gets the user's default offset.
        var reminder = request.Reminder ?? (request.Due?.Time is not null && user.DefaultReminderMinutes is { } minutes
            ? new ReminderDto(MinutesBefore: minutes)
            : null);
        var task = new TaskRecord
        {
            Id = id,
            UserId = project.Value.OwnerId,
            CreatedBy = createdBy ?? user.UserId,
            AssigneeId = request.AssigneeId,
            Title = title,
            Notes = notes,
            Priority = request.Priority ?? TaskPriority.None,
            Tags = tags,
            Due = request.Due,
            Reminder = reminder,
            Recurrence = request.Recurrence,
            Occurrence = occurrence,
            ProjectId = project.Value.ProjectId,
            Steps = steps,
            CreatedAt = now,
            UpdatedAt = now,
        };

        var dto = task.ToDto(user.TimeZone);
        IdempotencyRecord? earlier = null;
        var outcome = await OptimisticRetry.RunAsync<CreateOutcome>(async _ =>
        {
            // Read in every attempt: a lost race may have been against the same key sent twice at once.
            if (idempotency is not null && (earlier = await store.GetIdempotentCreateAsync(user.UserId, idempotency, cancellationToken)) is not null)
            {
                return CreateOutcome.Replayed;
            }

            var created = await store.TryCreateAsync(task, TaskRules.MaxTasksPerUser,
                idempotency is null ? null : (idempotency, new IdempotencyRecord(idempotency.RequestHash, dto)), cancellationToken);
            return created == CreateOutcome.Conflict ? null : created;
        }, cancellationToken);
        switch (outcome)
        {
            case CreateOutcome.Replayed:
                return await ReplayAsync(user, idempotency!, earlier!, cancellationToken);
            case CreateOutcome.LimitReached:
                return LimitReached();
            case CreateOutcome.ProjectGone:
                return ServiceError.Invalid("projectId", "That project was deleted just now; choose another project (GET /api/projects lists yours).");
            case null:
                return Busy();
            case CreateOutcome.AlreadyExists:
                return await GetAsync(user, id, cancellationToken);
        }

        await reminders.ApplyAsync(null, task, await access.ReminderZoneAsync(task, user, cancellationToken), cancellationToken);
        await events.PublishAsync(TaskEventTypes.Created, task.UserId, user.UserId, dto, task.Version, audience, cancellationToken);
        return dto;
    }

    private async Task<ServiceResult<TaskDto>> ReplayAsync(UserContext user, IdempotencyKey idempotency, IdempotencyRecord earlier, CancellationToken cancellationToken)
    {
        if (earlier.RequestHash != idempotency.RequestHash)
        {
            return new ServiceError(ServiceErrorKind.Unprocessable,
                "This Idempotency-Key was already used for a different task in the last 24 hours; use a new key for a new task.");
        }

        // Unchanged since the create: finish what a crash after the write may have left undone. Both steps are safe twice.
        if (await access.FindAsync(user.UserId, earlier.Response.Id, cancellationToken) is { Task: { Version: 1 } task } found)
        {
            await reminders.ApplyAsync(null, task, await access.ReminderZoneAsync(task, user, cancellationToken), cancellationToken);
            await events.PublishAsync(TaskEventTypes.Created, task.UserId, user.UserId, earlier.Response, task.Version, found.Audience, cancellationToken);
        }

        return earlier.Response;
    }

    /// <summary>
    /// Read, check If-Match against the version, change, save under the read's Dapr ETag; a lost save is retried from
    /// the read. A pinned version that no longer matches is a 412, whether it was stale when sent or someone saved
    /// between our read and our save (the retry's read sees the new version). A change function returning null means
    /// "nothing to do".
    /// </summary>
    private Task<ServiceResult<TaskDto>> MutateAsync(
        UserContext user, string id, string? ifMatch, string eventType, Func<TaskRecord, ServiceResult<TaskRecord?>> change, CancellationToken cancellationToken) =>
        MutateAsync(user, id, ifMatch, eventType, (task, _) => change(task), cancellationToken);

    private Task<ServiceResult<TaskDto>> MutateAsync(
        UserContext user, string id, string? ifMatch, string eventType, Func<TaskRecord, TaskInProject, ServiceResult<TaskRecord?>> change, CancellationToken cancellationToken) =>
        WithCurrentTaskAsync(user, id, ifMatch, async found =>
        {
            var (task, etag) = (found.Task, found.ETag);
            var result = change(task, found);
            if (result.Error is { } error)
            {
                return error;
            }

            if (result.Value is not { } changed)
            {
                return task.ToDto(user.TimeZone);
            }

            changed = changed with { Version = task.Version + 1, UpdatedAt = time.GetUtcNow() };
            if (!await store.TryUpdateAsync(task, changed, etag, cancellationToken))
            {
                return null;
            }

            await reminders.ApplyAsync(task, changed, await access.ReminderZoneAsync(task, user, cancellationToken), cancellationToken);
            var dto = changed.ToDto(user.TimeZone);
            if (changed.ProjectId == task.ProjectId)
            {
                await events.PublishAsync(eventType, task.UserId, user.UserId, dto, changed.Version, found.Audience, cancellationToken);
                return dto;
            }

            // A move: the new project's people see the task as it is now; those of the old project who are not members of
            // the new one only learn that it is gone, with the task as they last saw it (never its new content).
            // Into another owner's project, the task's events are partitioned by its new owner from now on.
            var after = await access.AudienceAsync(TaskIndexKey.Of(changed), cancellationToken);
            await events.PublishAsync(eventType, changed.UserId, user.UserId, dto, changed.Version, after, cancellationToken);
            if (found.Audience.Except(after, StringComparer.Ordinal).ToList() is { Count: > 0 } leaving)
            {
                await events.PublishAsync(TaskEventTypes.Removed, task.UserId, user.UserId, task.ToDto(user.TimeZone), changed.Version, leaving, cancellationToken);
            }

            return dto;
        }, cancellationToken);

    /// <summary>
    /// The shared frame of every change to one task: an unknown id is a 404, a pinned If-Match that no longer matches
    /// is a 412, and <paramref name="write"/> (given the task and the read's Dapr ETag) returning null means the save
    /// lost a race, so the whole read-check-write is retried, and a 409 Busy once the retries run out. A task of a
    /// project shared with the caller is found under its owner's key (<see cref="ProjectTaskAccess"/>); only an owner
    /// or editor may change it.
    /// </summary>
    private async Task<ServiceResult<TaskDto>> WithCurrentTaskAsync(
        UserContext user, string id, string? ifMatch, Func<TaskInProject, Task<ServiceResult<TaskDto>?>> write, CancellationToken cancellationToken)
    {
        if (!Ids.IsValid(id))
        {
            return NotFound();
        }

        var outcome = await OptimisticRetry.RunAsync<ServiceResult<TaskDto>>(async _ =>
        {
            if (await access.FindAsync(user.UserId, id, cancellationToken) is not { } found)
            {
                return NotFound();
            }

            if (!ProjectAccess.Allows(found.Role, ProjectAction.Write))
            {
                return new ServiceError(ServiceErrorKind.Forbidden, "You can view this task's project but not change its tasks; ask its owner to make you an editor.");
            }

            if (!Matches(found.Task, ifMatch))
            {
                return Stale();
            }

            return await write(found);
        }, cancellationToken);
        return outcome ?? Busy();
    }

    /// <summary>
    /// The user's open tasks in all projects, from their indexes alone (ADR 0011): the limit of open tasks is per user,
    /// while a create's transaction guards only its own project's index. Only a create outside the Inbox reads this; the
    /// Inbox's own index check covers users without projects, as before.
    /// </summary>
    private async Task<int> OpenTasksAsync(UserContext user, CancellationToken cancellationToken) =>
        (await store.ReadIndexesAsync(await projects.VisibleIndexesAsync(user.UserId, cancellationToken), cancellationToken)).Sum(i => i.TaskIds.Count);

    private static ServiceError LimitReached() => new(ServiceErrorKind.LimitReached,
        $"You have reached the limit of {TaskRules.MaxTasksPerUser:N0} open tasks; complete or delete some first.");

    private static bool Matches(TaskRecord task, string? ifMatch) => ifMatch is null || ifMatch == task.ETag();

    private ServiceResult<TaskRecord?> ApplyPatch(TaskRecord task, UpdateTaskRequest patch, TaskIndexKey? project, IReadOnlyList<string> people)
    {
        var errors = new Dictionary<string, string[]>();
        var updated = task;
        if (project is { } target)
        {
            // Into another owner's project (one shared with the caller, or out of one into the caller's own): the task is
            // that owner's from now on, under their key (TaskStore.TryUpdateAsync re-keys it in the move's transaction).
            // Its assignee was a member of the old project, who may not be one of the new: the task goes unassigned.
            updated = target.OwnerId == task.UserId
                ? updated with { ProjectId = target.ProjectId }
                : updated with { UserId = target.OwnerId, ProjectId = target.ProjectId, AssigneeId = null };
        }

        if (patch.Has("assigneeId"))
        {
            if (patch.AssigneeId is { } assignee && !people.Contains(assignee))
            {
                return NotAMember();
            }

            updated = updated with { AssigneeId = patch.AssigneeId };
        }

        if (patch.Has("title"))
        {
            Check(errors, "title", TaskRules.Title(patch.Title, out var title));
            updated = updated with { Title = title };
        }

        if (patch.Has("notes"))
        {
            Check(errors, "notes", TaskRules.Notes(patch.Notes, out var notes));
            updated = updated with { Notes = notes };
        }

        if (patch.Has("priority"))
        {
            Check(errors, "priority", TaskRules.Priority(patch.Priority));
            updated = updated with { Priority = patch.Priority ?? TaskPriority.None };
        }

        if (patch.Has("tags"))
        {
            Check(errors, "tags", TaskRules.Tags(patch.Tags, out var tags));
            updated = updated with { Tags = tags };
        }

        if (patch.Has("due"))
        {
            Check(errors, "due", TaskRules.Due(patch.Due));
            updated = updated with { Due = patch.Due, SnoozedUntil = null };
        }

        if (patch.Has("reminder"))
        {
            Check(errors, "reminder", TaskRules.Reminder(patch.Reminder, updated.Due, time.GetUtcNow()));
            updated = updated with { Reminder = patch.Reminder, SnoozedUntil = null };
        }
        else if (patch.Has("due") && updated.Reminder?.MinutesBefore is not null && updated.Due is null)
        {
            // Clearing the due date leaves a relative reminder with nothing to count from.
            updated = updated with { Reminder = null };
        }

        if (patch.Has("recurrence") || patch.Has("due"))
        {
            var recurrence = patch.Has("recurrence") ? patch.Recurrence : updated.Recurrence;
            Check(errors, "recurrence", TaskRules.Recurrence(recurrence, updated.Due));
            updated = updated with { Recurrence = recurrence };
        }

        if (patch.Has("steps"))
        {
            Check(errors, "steps", TaskStepRules.Steps(patch.Steps, task.Steps, out var steps));
            updated = updated with { Steps = steps };
        }

        if (errors.Count > 0)
        {
            return ServiceError.Invalid(errors);
        }

        return updated == task ? (TaskRecord?)null : updated;
    }

    private static void Check(Dictionary<string, string[]> errors, string field, string? error)
    {
        if (error is not null)
        {
            errors[field] = [error];
        }
    }

    private static ServiceError NotFound() => ServiceError.NotFound("The task");

    private static ServiceError NotAMember() => ServiceError.Invalid("assigneeId",
        "A task can be assigned only to someone with access to its project (GET /api/projects/{id}/members lists them).");

    private static ServiceError Stale() => new(ServiceErrorKind.PreconditionFailed,
        "The task was changed by someone else since you read it (its ETag no longer matches); reload it and try again.");

    private static ServiceError Busy() => new(ServiceErrorKind.Conflict,
        $"Too many changes to your tasks at the same moment; try again in {OptimisticRetry.RetryAfter.TotalSeconds:0} second(s).")
    {
        RetryAfter = OptimisticRetry.RetryAfter,
    };
}
