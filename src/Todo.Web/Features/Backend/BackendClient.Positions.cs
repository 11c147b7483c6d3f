using Todo.Contracts.Tasks;
using Todo.Web.Features.Accounts;

namespace Todo.Web.Features.Backend;

/// <summary>The manual order (ADR 0016): a task's place in its project, and a move into another project at a place.</summary>
public sealed partial class BackendClient
{
    /// <summary>
    /// Puts the open task before <see cref="MoveTaskRequest.Before"/> (null: last), first moving it into
    /// <see cref="MoveTaskRequest.ProjectId"/> when given; answers the project's open order after the move.
    /// </summary>
    public Task<TaskOrder> MoveTaskAsync(SignedInUser user, string id, MoveTaskRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<TaskOrder>(user, HttpMethod.Post, $"{TaskPath(id)}/position", request, cancellationToken: cancellationToken);
}
