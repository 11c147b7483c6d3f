namespace Todo.Contracts.Tasks;

/// <summary>
/// Body of <c>POST /api/tasks/{id}/position</c>: where the open task goes in its project's manual order.
/// </summary>
/// <param name="Before">The id of an open task of the same project to put it before; null puts it last.</param>
public sealed record MoveTaskRequest(string? Before = null)
{
    /// <summary>Move the task to this project first (an id from <c>GET /api/projects</c>, <c>inbox</c> for the Inbox); omitted, it stays.</summary>
    public string? ProjectId { get; init; }
}

/// <summary>A project's open tasks in their manual order (what <c>sort=manual</c> lists).</summary>
/// <param name="ProjectId">The project (<c>inbox</c> for the Inbox).</param>
/// <param name="TaskIds">Its open task ids, first to last.</param>
public sealed record TaskOrder(string ProjectId, IReadOnlyList<string> TaskIds);
