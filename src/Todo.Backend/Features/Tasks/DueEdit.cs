using Todo.Backend.Infrastructure;
using Todo.Contracts.Tasks;

namespace Todo.Backend.Features.Tasks;

/// <summary>
/// A change to part of a task's due date, as the MCP tools offer it: a new date keeps the task's time of day, a new
/// time keeps its date, <paramref name="ClearTime"/> keeps the date without a time. Applied to the task as read inside
/// the service's read-modify-write, so the half that stays is never taken from an older read.
/// </summary>
internal sealed record DueEdit(DateOnly? Date, TimeOnly? Time, bool ClearTime)
{
    public ServiceResult<DueDto> ApplyTo(DueDto? current) => (Date ?? current?.Date) is { } date
        ? new DueDto(date, ClearTime ? null : Time ?? current?.Time)
        : ServiceError.Invalid("dueDate", "The task has no due date yet; pass dueDate (YYYY-MM-DD) together with dueTime.");
}
