using System.Runtime.CompilerServices;
using Todo.Backend.Features.Auth;
using Todo.Backend.Features.Tasks;
using Todo.Contracts.Tasks;

namespace Todo.Backend.Features.DataTransfer;

/// <summary>
/// Every task a user can see, page by page through the task service's own listing (ADR 0010/0011): open tasks first,
/// then each project's archive of completed tasks, newest first. Each page is one bounded walk (bulk reads of 128
/// keys), so a user with 10,000 tasks costs many small sidecar calls and never one that nears daprd's 4 MiB cap.
/// </summary>
internal sealed class TaskWalk(TaskService tasks)
{
    public const int PageSize = TaskQuery.MaxLimit;

    public async IAsyncEnumerable<IReadOnlyList<TaskDto>> PagesAsync(UserContext user, TaskStatusFilter status, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? cursor = null;
        do
        {
            var query = TaskQuery.Parse(status.ToString(), [], [], null, null, null, null, PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture), cursor);
            var page = await tasks.ListAsync(user, query.Value!, cancellationToken);
            if (page.Error is { } error)
            {
                throw new InvalidOperationException($"Listing every task failed: {error.Message}");
            }

            yield return page.Value!.Items;
            cursor = page.Value.NextCursor;
        }
        while (cursor is not null);
    }
}
