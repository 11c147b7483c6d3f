using Todo.Backend.Features.Auth;
using Todo.Backend.Features.Events;
using Todo.Backend.Features.Projects;
using Todo.Backend.Infrastructure;
using Todo.Contracts.Projects;
using Todo.Contracts.Tasks;

namespace Todo.Backend.Features.Tasks;

/// <summary>
/// Manual order (issue 15 item 3): a project's open index already is an ordered list of ids (creates append, ADR 0010
/// and 0011), so moving a task is one write of that index under its ETag, and <c>sort=manual</c> lists in index order.
/// The task document does not change (its version and ETag stay): its place is the project's, not the task's. A lost
/// race with a create, completion or another move is retried from the read, as every index write (ADR 0006). A move
/// that changed the order publishes <c>com.todo.task.moved</c> with the new order, to the project's audience, so every
/// member's open tabs reorder without a read.
/// </summary>
internal sealed class TaskPositions(TaskStore store, TaskService tasks, ProjectTaskAccess access, TaskEventPublisher events)
{
    public async Task<ServiceResult<TaskOrder>> MoveAsync(UserContext user, string id, MoveTaskRequest request, CancellationToken cancellationToken)
    {
        if (!Ids.IsValid(id))
        {
            return ServiceError.NotFound("The task");
        }

        if (request.Before is { } before && (!Ids.IsValid(before) || before == id))
        {
            return ServiceError.Invalid("before", "'before' must be the id of another open task of the same project, or null to put the task last.");
        }

        if (request.ProjectId is not null)
        {
            // A move between projects is its own transaction (ADR 0011), the position in the new project a second one.
            var moved = await tasks.UpdateAsync(user, id, new UpdateTaskRequest { ProjectId = request.ProjectId, Present = new HashSet<string>(["projectId"]) },
                ifMatch: null, cancellationToken);
            if (moved.Error is { } moveError)
            {
                return moveError;
            }
        }

        // What the winning attempt wrote, published once it is in (a lost race writes nothing and publishes nothing).
        (TaskInProject Found, TaskOrder Order, string? IndexETag)? written = null;
        var outcome = await OptimisticRetry.RunAsync<ServiceResult<TaskOrder>>(async _ =>
        {
            // A member orders a shared project's tasks as its owner does (ADR 0011, step 2): reached through its access.
            if (await access.FindAsync(user.UserId, id, cancellationToken) is not { } found)
            {
                return ServiceError.NotFound("The task");
            }

            if (!ProjectAccess.Allows(found.Role, ProjectAction.Write))
            {
                return new ServiceError(ServiceErrorKind.Forbidden, "You can view this task's project but not reorder its tasks; ask its owner to make you an editor.");
            }

            var task = found.Task;

            if (task.Completed)
            {
                return new ServiceError(ServiceErrorKind.Conflict, "Completed tasks are listed by completion, not by hand; reopen the task to place it.");
            }

            var key = TaskIndexKey.Of(task);
            var (index, etag) = await store.ReadIndexAndETagAsync(key, cancellationToken);
            var ids = index.TaskIds.ToList();
            if (!ids.Remove(id))
            {
                // Read between a reopen's task write and its index write cannot happen (one transaction): a lost race.
                return null;
            }

            var at = request.Before is { } target ? ids.IndexOf(target) : ids.Count;
            if (at < 0)
            {
                return ServiceError.Invalid("before", "That task is not an open task of this task's project; list the project with sort=manual for its ids.");
            }

            ids.Insert(at, id);
            var order = new TaskOrder(task.ProjectId ?? ProjectDto.InboxId, ids);
            if (ids.SequenceEqual(index.TaskIds))
            {
                return order;
            }

            var write = store.Write(key.Key, index with { TaskIds = ids, Format = TaskIndex.CurrentFormat }, etag);
            if (!await store.TryTransactAsync([write], cancellationToken))
            {
                return null;
            }

            written = (found, order, etag);
            return order;
        }, cancellationToken);
        if (written is { } move)
        {
            var task = move.Found.Task;
            await events.PublishMoveAsync(task.UserId, user.UserId, task.ToDto(user.TimeZone), task.Version, move.Order, move.IndexETag,
                move.Found.Audience, cancellationToken);
        }

        return outcome ?? new ServiceError(ServiceErrorKind.Conflict,
            $"Too many changes to this project at the same moment; try again in {OptimisticRetry.RetryAfter.TotalSeconds:0} second(s).")
        {
            RetryAfter = OptimisticRetry.RetryAfter,
        };
    }
}
