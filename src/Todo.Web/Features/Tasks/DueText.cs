using System.Globalization;
using Todo.Contracts.Tasks;

namespace Todo.Web.Features.Tasks;

/// <summary>Relative due text as people say it: "Today 17:00", "Tomorrow", "Fri 12 Dec", "2 days ago".</summary>
public static class DueText
{
    public static string Describe(DueDto due, DateTimeOffset now, TimeZoneInfo zone)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var days = due.Date.DayNumber - today.DayNumber;
        var day = days switch
        {
            0 => "Today",
            1 => "Tomorrow",
            -1 => "Yesterday",
            < -1 and > -7 => $"{-days} days ago",
            > 1 and < 7 => due.Date.ToString("dddd", CultureInfo.InvariantCulture),
            _ when due.Date.Year == today.Year => due.Date.ToString("ddd d MMM", CultureInfo.InvariantCulture),
            _ => due.Date.ToString("d MMM yyyy", CultureInfo.InvariantCulture),
        };
        // Minutes are what a person plans by; "in 30 seconds" still shows as its minute.
        return due.Time is { } time ? $"{day} {time.ToString("HH:mm", CultureInfo.InvariantCulture)}" : day;
    }

    public static TimeZoneInfo FindZone(string? id)
    {
        try
        {
            return string.IsNullOrWhiteSpace(id) ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}
