using Todo.Backend.Features.Auth;
using Todo.Backend.Features.Events;
using Todo.Backend.Features.Reminders;
using Todo.Backend.Features.Tasks;
using Todo.Backend.Infrastructure;
using Todo.Contracts.Events;
using Todo.Contracts.Projects;

namespace Todo.Backend.Features.Projects;

/// <summary>
/// Every rule of projects, shared by REST and MCP (ADR 0011). The caller may see a project when they own it or are a
/// member (<see cref="ProjectAccess"/>); any other project answers exactly as a missing one. The
/// Inbox is every user's first project, has no record and cannot be renamed, archived, coloured, moved or deleted.
/// </summary>
internal sealed class ProjectService(ProjectStore store, ProjectSharing sharing, TaskStore tasks, ReminderJobs jobs, TaskEventPublisher events,
    ProjectEventPublisher projectEvents, TimeProvider time)
{
    /// <summary>The Inbox first, then the user's projects in sidebar order, each with its count of open tasks.</summary>
    public async Task<ProjectList> ListAsync(UserContext user, CancellationToken cancellationToken)
    {
        var visible = await VisibleAsync(user.UserId, cancellationToken);
        var indexes = await tasks.ReadIndexesAsync([TaskIndexKey.Inbox(user.UserId), .. visible.Select(KeyOf)], cancellationToken);
        return new ProjectList([Inbox(indexes[0].TaskIds.Count), .. visible.Zip(indexes.Skip(1), (p, i) => ToDto(p, i.TaskIds.Count, user.UserId))]);
    }

    public async Task<ServiceResult<ProjectDto>> CreateAsync(UserContext user, CreateProjectRequest request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        Check(errors, "name", ProjectRules.Name(request.Name, out var name));
        Check(errors, "color", ProjectRules.Color(request.Color, out var color));
        if (errors.Count > 0)
        {
            return ServiceError.Invalid(errors);
        }

        var now = time.GetUtcNow();
        var project = new ProjectRecord { Id = Ids.New(), OwnerId = user.UserId, Name = name, Color = color, CreatedAt = now, UpdatedAt = now };
        var outcome = await OptimisticRetry.RunAsync<ServiceResult<ProjectDto>>(async _ =>
        {
            var (sidebar, etag) = await store.ReadSidebarAsync(user.UserId, cancellationToken);
            if (sidebar.Projects.Count >= ProjectRules.MaxProjects)
            {
                return new ServiceError(ServiceErrorKind.LimitReached,
                    $"You have reached the limit of {ProjectRules.MaxProjects} projects; delete or merge some first.");
            }

            if (await NameTakenAsync(sidebar, name, exceptId: null, cancellationToken) is { } taken)
            {
                return taken;
            }

            sidebar.Projects.Add(new SidebarEntry(project.Id, user.UserId));
            if (!await store.TryCreateAsync(project, sidebar, etag, cancellationToken))
            {
                return null;
            }

            return ToDto(project, 0, user.UserId);
        }, cancellationToken);
        if (outcome is { Error: null })
        {
            // The owner's other tabs list it at once.
            await projectEvents.PublishAsync(ProjectEventTypes.Created, project, user.UserId, cancellationToken);
        }

        return outcome ?? Busy();
    }

    public async Task<ServiceResult<ProjectDto>> UpdateAsync(UserContext user, string id, UpdateProjectRequest request, CancellationToken cancellationToken)
    {
        if (IsInbox(id))
        {
            return (request.Name is null || ProjectRules.IsInboxName(request.Name))
                && request.Color is null && request.Archived is not true && request.Position is null
                ? (await ListAsync(user, cancellationToken)).Items[0]
                : ServiceError.Invalid("id", "The Inbox cannot be renamed, coloured, archived or moved; it is always your first project. Create a project for anything else.");
        }

        var errors = new Dictionary<string, string[]>();
        string name = "", color = null!;
        if (request.Name is not null)
        {
            Check(errors, "name", ProjectRules.Name(request.Name, out name));
        }

        if (request.Color is not null)
        {
            Check(errors, "color", ProjectRules.Color(request.Color, out color!));
        }

        if (request.Position is < 0 or >= ProjectRules.MaxProjects)
        {
            errors["position"] = [$"position is a place in your sidebar from 0 (first after the Inbox) to {ProjectRules.MaxProjects - 1}."];
        }

        if (request is { Name: null, Color: null, Archived: null, Position: null })
        {
            errors["body"] = ["Nothing to change: send at least one of name, color, archived or position."];
        }

        if (errors.Count > 0)
        {
            return ServiceError.Invalid(errors);
        }

        if (!Ids.IsValid(id))
        {
            return NotFound();
        }

        ProjectRecord? saved = null;
        var outcome = await OptimisticRetry.RunAsync<ServiceResult<ProjectRecord>>(async _ =>
        {
            var (project, etag) = await store.GetAsync(id, cancellationToken);
            if (project is null || !CanSee(project, user.UserId) || project.Deleting is not null)
            {
                return NotFound();
            }

            // A member may order their own sidebar; the project itself is the owner's to change.
            if (request is not { Name: null, Color: null, Archived: null } && !ProjectAccess.Allows(project, user.UserId, ProjectAction.Manage))
            {
                return ProjectAccess.Denied(project, ProjectAction.Manage);
            }

            var changed = project with
            {
                Name = request.Name is null ? project.Name : name,
                Color = request.Color is null ? project.Color : color,
                Archived = request.Archived ?? project.Archived,
            };
            if (request.Name is not null && !ProjectRules.SameName(name, project.Name)
                && await NameTakenAsync((await store.ReadSidebarAsync(user.UserId, cancellationToken)).Sidebar, name, id, cancellationToken) is { } taken)
            {
                return taken;
            }

            if (changed == project)
            {
                return project;
            }

            changed = changed with { Version = project.Version + 1, UpdatedAt = time.GetUtcNow() };
            if (!await store.TrySaveAsync(changed, etag, cancellationToken))
            {
                return null;
            }

            saved = changed;
            return changed;
        }, cancellationToken);
        if (outcome is not { } result)
        {
            return Busy();
        }

        if (result.Error is { } error)
        {
            return error;
        }

        if (saved is not null)
        {
            // Name, colour and archiving show in every member's sidebar.
            await projectEvents.PublishAsync(ProjectEventTypes.Updated, saved, user.UserId, cancellationToken);
        }

        if (request.Position is { } position)
        {
            if (await MoveInSidebarAsync(user.UserId, id, position, cancellationToken) is not { } moved)
            {
                return Busy();
            }

            if (moved)
            {
                await projectEvents.PublishReorderedAsync(result.Value!, user.UserId, cancellationToken);
            }
        }

        var index = await tasks.ReadIndexAsync(KeyOf(result.Value!), cancellationToken);
        return ToDto(result.Value!, index.TaskIds.Count, user.UserId);
    }

    /// <summary>
    /// Deletes a project, its tasks deleted or moved as the caller chose (ADR 0011): the record is marked first, so the
    /// project leaves every list and takes no tasks, then its index is drained in bounded steps, then the record and
    /// its sidebar entry go. A delete interrupted half-way is finished by the next DELETE of the same id.
    /// </summary>
    public async Task<ServiceResult<ProjectDto>> DeleteAsync(UserContext user, string id, string? tasksMode, string? to, CancellationToken cancellationToken)
    {
        if (IsInbox(id))
        {
            return ServiceError.Invalid("id", "The Inbox cannot be deleted. Delete or move its tasks instead.");
        }

        var mode = tasksMode?.Trim().ToLowerInvariant() switch
        {
            null or "" => null,
            "delete" => "delete",
            "move" => "move",
            _ => "?",
        };
        if (mode == "?")
        {
            return ServiceError.Invalid("tasks", "tasks must be delete (delete the project's tasks) or move (move them to the project named by to).");
        }

        if (mode != "move" && !string.IsNullOrWhiteSpace(to))
        {
            return ServiceError.Invalid("to", "to names where tasks go; use it with tasks=move.");
        }

        if (!Ids.IsValid(id))
        {
            return NotFound();
        }

        var begun = await OptimisticRetry.RunAsync<ServiceResult<ProjectRecord>>(async _ =>
        {
            var (project, etag) = await store.GetAsync(id, cancellationToken);
            if (project is null || !CanSee(project, user.UserId))
            {
                return NotFound();
            }

            if (!ProjectAccess.Allows(project, user.UserId, ProjectAction.Manage))
            {
                return ProjectAccess.Denied(project, ProjectAction.Manage);
            }

            if (project.Deleting is not null)
            {
                // A delete begun before goes on as it was asked then.
                return project;
            }

            var index = await tasks.ReadIndexAsync(KeyOf(project), cancellationToken);
            if (mode is null && index.TaskIds.Count + index.ArchivedCount > 0)
            {
                return ServiceError.Invalid("tasks", $"\"{project.Name}\" has {index.TaskIds.Count} open and {index.ArchivedCount} completed task(s); " +
                    "say what happens to them: tasks=delete, or tasks=move&to={projectId} (to=inbox for the Inbox).");
            }

            string? target = null;
            if (mode == "move")
            {
                if (string.IsNullOrWhiteSpace(to))
                {
                    return ServiceError.Invalid("to", "Name the project the tasks move to: to={projectId}, or to=inbox.");
                }

                if (string.Equals(to.Trim(), id, StringComparison.Ordinal))
                {
                    return ServiceError.Invalid("to", "The tasks cannot move to the project being deleted; choose another project.");
                }

                var resolved = await ResolveAsync(user, to, forWrite: true, field: "to", cancellationToken);
                if (resolved.Error is { } error)
                {
                    return error;
                }

                target = resolved.Value.ProjectId;
            }

            var marked = project with { Deleting = new ProjectDeletion(mode ?? "delete", target), Version = project.Version + 1, UpdatedAt = time.GetUtcNow() };
            if (!await store.TrySaveAsync(marked, etag, cancellationToken))
            {
                return null;
            }

            return marked;
        }, cancellationToken);
        if (begun is not { } start)
        {
            return Busy();
        }

        if (start.Error is { } startError)
        {
            return startError;
        }

        return await FinishDeleteAsync(user, start.Value!, cancellationToken);
    }

    /// <summary>
    /// Where tasks for <paramref name="projectId"/> go or come from: null or <c>inbox</c> is the Inbox; otherwise a
    /// project the user may see that is not being deleted (and, to write into it, not archived). A project the user may
    /// not see is answered exactly as a missing one.
    /// </summary>
    public async Task<ServiceResult<TaskIndexKey>> ResolveAsync(UserContext user, string? projectId, bool forWrite, string field, CancellationToken cancellationToken)
    {
        if (projectId is null || IsInbox(projectId.Trim()))
        {
            return TaskIndexKey.Inbox(user.UserId);
        }

        if (Ids.IsValid(projectId.Trim()) && (await store.GetAsync(projectId.Trim(), cancellationToken)).Project is { Deleting: null } project && CanSee(project, user.UserId))
        {
            if (forWrite && !ProjectAccess.Allows(project, user.UserId, ProjectAction.Write))
            {
                return ProjectAccess.Denied(project, ProjectAction.Write);
            }

            return forWrite && project.Archived
                ? ServiceError.Invalid(field, $"The project \"{project.Name}\" is archived; restore it (archived: false) or choose another project.")
                : KeyOf(project);
        }

        return forWrite
            ? ServiceError.Invalid(field, "There is no such project. GET /api/projects (or list_projects) lists yours; use inbox for the Inbox.")
            : NotFound();
    }

    /// <summary>As <see cref="ResolveAsync"/>, also accepting a project's name (case-insensitive), as MCP tools and the chat name projects.</summary>
    public async Task<ServiceResult<TaskIndexKey>> ResolveNameOrIdAsync(UserContext user, string? nameOrId, bool forWrite, CancellationToken cancellationToken)
    {
        var text = nameOrId?.Trim();
        if (string.IsNullOrEmpty(text) || IsInbox(text) || ProjectRules.IsInboxName(text) || Ids.IsValid(text))
        {
            var byId = await ResolveAsync(user, ProjectRules.IsInboxName(text ?? "") ? ProjectDto.InboxId : text, forWrite, "project", cancellationToken);
            return byId.Error is { Kind: ServiceErrorKind.NotFound }
                ? ServiceError.Invalid("project", "There is no project with that id; list_projects shows yours.")
                : byId;
        }

        var match = (await VisibleAsync(user.UserId, cancellationToken)).FirstOrDefault(p => ProjectRules.SameName(p.Name, text));
        return match is null
            ? ServiceError.Invalid("project", $"You have no project called \"{text}\"; list_projects shows yours and add_project makes one.")
            : await ResolveAsync(user, match.Id, forWrite, "project", cancellationToken);
    }

    /// <summary>Every task index of the projects the user sees now (Inbox first): what a list without a project filter reads.</summary>
    public async Task<IReadOnlyList<TaskIndexKey>> VisibleIndexesAsync(string userId, CancellationToken cancellationToken) =>
        [TaskIndexKey.Inbox(userId), .. (await VisibleAsync(userId, cancellationToken)).Select(KeyOf)];

    /// <summary>
    /// Deletes every project the user owns with its tasks (their reminder jobs first), takes them out of the projects
    /// shared with them, then deletes the sidebar (account deletion).
    /// </summary>
    public async Task DeleteAllAsync(string userId, CancellationToken cancellationToken)
    {
        var (sidebar, _) = await store.ReadSidebarAsync(userId, cancellationToken);
        var leaving = new UserContext(userId, TimeZoneInfo.Utc, null);
        foreach (var entry in sidebar.Projects.Where(p => p.OwnerId != userId))
        {
            // A project gone or left meanwhile answers 404: nothing is left to undo there.
            await sharing.RemoveAsync(leaving, entry.Id, "me", cancellationToken);
        }

        foreach (var entry in sidebar.Projects.Where(p => p.OwnerId == userId))
        {
            var record = (await store.GetAsync(entry.Id, cancellationToken)).Project;
            await tasks.DeleteAllAsync(new TaskIndexKey(userId, entry.Id), jobs.DeleteAsync, cancellationToken);
            await store.DeleteRecordAsync(entry.Id, cancellationToken);
            foreach (var member in record?.Members ?? [])
            {
                await store.RemoveFromSidebarAsync(member.UserId, entry.Id, cancellationToken);
            }

            if (record is { Members.Count: > 0 })
            {
                // The members' open tabs drop a project whose owner deleted their account.
                await projectEvents.PublishAsync(ProjectEventTypes.Deleted, record with { Version = record.Version + 1 }, userId, cancellationToken);
            }
        }

        await store.DeleteSidebarAsync(userId, cancellationToken);
    }

    private async Task<ServiceResult<ProjectDto>> FinishDeleteAsync(UserContext user, ProjectRecord project, CancellationToken cancellationToken)
    {
        var from = KeyOf(project);
        if (project.Deleting!.Tasks == "move")
        {
            // The target may have gone since the delete began: the tasks then go to the Inbox rather than nowhere.
            var target = await ResolveAsync(user, project.Deleting.To, forWrite: false, "to", cancellationToken);
            var to = target.Error is null ? target.Value : TaskIndexKey.Inbox(user.UserId);
            // The target's people see the tasks arrive; the going project's members who cannot see the target only learn
            // that the tasks are gone (TaskEventTypes.Removed), never where they went.
            var targetRecord = to.ProjectId is { } toId ? (await store.GetAsync(toId, cancellationToken)).Project : null;
            IReadOnlyList<string> audience = targetRecord is null ? [user.UserId] : ProjectAccess.Audience(targetRecord);
            IReadOnlyList<string> leaving = [.. ProjectAccess.Audience(project).Except(audience, StringComparer.Ordinal)];
            while (true)
            {
                var now = time.GetUtcNow();
                var step = await OptimisticRetry.RunAsync<MoveStep>(async _ =>
                {
                    var moved = await tasks.TryMoveSomeAsync(from, to, t => t with { Version = t.Version + 1, UpdatedAt = now }, cancellationToken);
                    return moved.Committed ? moved : null;
                }, cancellationToken);
                if (step is not { } done)
                {
                    return Busy();
                }

                foreach (var task in done.MovedOpen)
                {
                    await events.PublishAsync(TaskEventTypes.Updated, user.UserId, user.UserId, task.ToDto(user.TimeZone), task.Version, audience, cancellationToken);
                    if (leaving.Count > 0)
                    {
                        await events.PublishAsync(TaskEventTypes.Removed, user.UserId, user.UserId, (task with { ProjectId = project.Id }).ToDto(user.TimeZone),
                            task.Version, leaving, cancellationToken);
                    }
                }

                if (done.Finished)
                {
                    break;
                }
            }

            // Only the emptied pages and the index are left.
            await tasks.DeleteAllAsync(from, (_, _) => Task.CompletedTask, cancellationToken);
        }
        else
        {
            var (open, _) = await tasks.ListOpenAsync(from, cancellationToken);
            // The job goes before its task, as in account deletion: a task whose job could not be deleted stays for the next attempt.
            await tasks.DeleteAllAsync(from, jobs.DeleteAsync, cancellationToken);
            foreach (var task in open)
            {
                await events.PublishAsync(TaskEventTypes.Deleted, user.UserId, user.UserId, task.ToDto(user.TimeZone), task.Version + 1, ProjectAccess.Audience(project), cancellationToken);
            }
        }

        var removed = await OptimisticRetry.RunAsync<bool>(async _ =>
        {
            var (current, etag) = await store.GetAsync(project.Id, cancellationToken);
            if (current is null)
            {
                return true;
            }

            var (sidebar, sidebarETag) = await store.ReadSidebarAsync(current.OwnerId, cancellationToken);
            sidebar.Projects.RemoveAll(p => p.Id == current.Id);
            return await store.TryDeleteAsync(current, etag, sidebar, sidebarETag, cancellationToken) ? true : null;
        }, cancellationToken);
        if (removed is null)
        {
            return Busy();
        }

        // The members' sidebar entries go too; one left behind by a crash here names a missing record, which every list skips.
        foreach (var member in project.Members)
        {
            await store.RemoveFromSidebarAsync(member.UserId, project.Id, cancellationToken);
        }

        // Every member's open tabs drop it (and leave it, if they are looking at it). The version after the mark
        // makes the id, so finishing an interrupted delete again publishes the same event.
        await projectEvents.PublishAsync(ProjectEventTypes.Deleted, project with { Version = project.Version + 1 }, user.UserId, cancellationToken);
        return ToDto(project, 0, user.UserId);
    }

    // True when the project moved, false when it was in place already, null when too many writers raced.
    private async Task<bool?> MoveInSidebarAsync(string userId, string id, int position, CancellationToken cancellationToken) =>
        await OptimisticRetry.RunAsync<bool>(async _ =>
        {
            var (sidebar, etag) = await store.ReadSidebarAsync(userId, cancellationToken);
            var at = sidebar.Projects.FindIndex(p => p.Id == id);
            if (at < 0 || at == Math.Min(position, sidebar.Projects.Count - 1))
            {
                return false;
            }

            var entry = sidebar.Projects[at];
            sidebar.Projects.RemoveAt(at);
            sidebar.Projects.Insert(Math.Min(position, sidebar.Projects.Count), entry);
            return await store.TrySaveSidebarAsync(userId, sidebar, etag, cancellationToken) ? true : null;
        }, cancellationToken);

    /// <summary>The projects of the sidebar the user may see and that are not being deleted, in sidebar order.</summary>
    private async Task<List<ProjectRecord>> VisibleAsync(string userId, CancellationToken cancellationToken)
    {
        var (sidebar, _) = await store.ReadSidebarAsync(userId, cancellationToken);
        return (await store.ReadManyAsync(sidebar.Projects.Select(p => p.Id).ToList(), cancellationToken))
            .OfType<ProjectRecord>().Where(p => p.Deleting is null && CanSee(p, userId)).ToList();
    }

    private async Task<ServiceError?> NameTakenAsync(ProjectSidebar sidebar, string name, string? exceptId, CancellationToken cancellationToken)
    {
        var records = await store.ReadManyAsync(sidebar.Projects.Select(p => p.Id).ToList(), cancellationToken);
        return records.Any(r => r is { Deleting: null } && r.Id != exceptId && ProjectRules.SameName(r.Name, name))
            ? new ServiceError(ServiceErrorKind.Conflict, $"You already have a project called \"{name}\"; choose another name.")
            : null;
    }

    private static bool CanSee(ProjectRecord project, string userId) => ProjectAccess.CanSee(project, userId);

    private static bool IsInbox(string id) => string.Equals(id, ProjectDto.InboxId, StringComparison.OrdinalIgnoreCase);

    private static TaskIndexKey KeyOf(ProjectRecord project) => new(project.OwnerId, project.Id);

    private static ProjectDto Inbox(int open) =>
        new(ProjectDto.InboxId, ProjectDto.InboxName, null, Archived: false, IsInbox: true, open, ProjectRules.OwnerRole, "1");

    private static ProjectDto ToDto(ProjectRecord project, int open, string userId) =>
        new(project.Id, project.Name, project.Color, project.Archived, IsInbox: false, open, ProjectAccess.RoleOf(project, userId) ?? ProjectRoles.Owner,
            project.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static void Check(Dictionary<string, string[]> errors, string field, string? error)
    {
        if (error is not null)
        {
            errors[field] = [error];
        }
    }

    private static ServiceError NotFound() => ServiceError.NotFound("The project");

    private static ServiceError Busy() => new(ServiceErrorKind.Conflict,
        $"Too many changes to your projects at the same moment; try again in {OptimisticRetry.RetryAfter.TotalSeconds:0} second(s).")
    {
        RetryAfter = OptimisticRetry.RetryAfter,
    };
}
