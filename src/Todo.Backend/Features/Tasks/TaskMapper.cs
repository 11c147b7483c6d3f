using System.Globalization;
using Todo.Contracts.Projects;
using Todo.Contracts.Tasks;
using Todo.Language;

namespace Todo.Backend.Features.Tasks;

internal static class TaskMapper
{
    /// <summary>The task's ETag as callers see it: its version (see <see cref="TaskRecord.Version"/>).</summary>
    public static string ETag(this TaskRecord task) => task.Version.ToString(CultureInfo.InvariantCulture);

    public static TaskDto ToDto(this TaskRecord task, TimeZoneInfo zone) => new(
        task.Id,
        task.Title,
        task.Notes,
        task.Priority,
        task.Tags,
        task.Due,
        TaskTimes.DueAt(task.Due, zone),
        task.Reminder,
        TaskTimes.RemindAt(task, zone),
        task.Recurrence,
        task.Recurrence is null ? null : RecurrenceMapper.Describe(task.Recurrence),
        task.Completed,
        task.CompletedAt,
        task.CreatedAt,
        task.UpdatedAt,
        task.ETag())
    {
        ProjectId = task.ProjectId ?? ProjectDto.InboxId,
        AssigneeId = task.AssigneeId,
        CreatedBy = task.CreatedBy,
        Steps = task.Steps,
    };
}
