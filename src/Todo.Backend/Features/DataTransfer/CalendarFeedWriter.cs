using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Todo.Contracts.Projects;
using Todo.Contracts.Tasks;

namespace Todo.Backend.Features.DataTransfer;

/// <summary>
/// The calendar feed as iCalendar (RFC 5545), built with Ical.Net. Every open task with a due date is a VEVENT: a
/// date-only task an all-day event (DTSTART;VALUE=DATE, one day long), a timed one an event at its due instant (in
/// UTC, so no VTIMEZONE is needed) lasting <see cref="TimedLength"/>. VEVENT rather than VTODO because the calendar
/// apps people subscribe with (Google Calendar, Outlook, Apple Calendar) show only events from a subscribed feed and
/// drop VTODO components, so a feed of VTODOs would look empty there. No RRULE: the next occurrence of a repeating
/// task exists only once this one is completed (and may count from the completion day), so the feed shows it then.
/// </summary>
internal static class CalendarFeedWriter
{
    /// <summary>At most this many tasks, the soonest due first: a bounded answer whatever the user has.</summary>
    public const int MaxEvents = 2_000;

    public static readonly TimeSpan TimedLength = TimeSpan.FromMinutes(30);

    public static string Write(IEnumerable<TaskDto> openTasks, IReadOnlyDictionary<string, string> projectNames, DateTimeOffset now)
    {
        var calendar = new Calendar { ProductId = "-//Todo//Calendar feed//EN" };
        calendar.AddProperty("X-WR-CALNAME", "Todo");
        calendar.AddProperty("REFRESH-INTERVAL;VALUE=DURATION", "PT1H");
        foreach (var task in openTasks.Where(t => !t.Completed && t.Due is not null).OrderBy(t => t.DueAt).Take(MaxEvents))
        {
            calendar.Events.Add(ToEvent(task, projectNames.GetValueOrDefault(task.ProjectId, ProjectDto.InboxName), now));
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    private static CalendarEvent ToEvent(TaskDto task, string project, DateTimeOffset now)
    {
        var due = task.Due!;
        var item = new CalendarEvent
        {
            Uid = $"{task.Id}@todo",
            Summary = task.Title,
            Description = string.IsNullOrEmpty(task.Notes) ? null : task.Notes,
            DtStamp = new CalDateTime(now.UtcDateTime, "UTC"),
            LastModified = new CalDateTime(task.UpdatedAt.UtcDateTime, "UTC"),
            Categories = [project, .. task.Tags],
            Priority = task.Priority switch
            {
                // RFC 5545 3.8.1.9: 1 highest, 5 medium, 9 lowest, 0 undefined.
                TaskPriority.High => 1,
                TaskPriority.Medium => 5,
                TaskPriority.Low => 9,
                _ => 0,
            },
            Transparency = "TRANSPARENT",
        };
        if (due.Time is null)
        {
            item.DtStart = new CalDateTime(due.Date);
            item.DtEnd = new CalDateTime(due.Date.AddDays(1));
        }
        else
        {
            var start = task.DueAt!.Value.UtcDateTime;
            item.DtStart = new CalDateTime(start, "UTC");
            item.DtEnd = new CalDateTime(start + TimedLength, "UTC");
        }

        return item;
    }
}
