using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Todo.Contracts.Tasks;
using Todo.Language.Parsing;

namespace Todo.Language.Chat;

// Reminders on existing tasks: set, clear, and snooze.
internal static partial class ChatInterpreter
{
    public const int DefaultSnoozeMinutes = 10;

    private static ChatIntent? TryReminder(string s, DateTimeOffset now, TimeZoneInfo zone)
    {
        var clear = ClearReminderPattern().Match(s);
        if (!clear.Success)
        {
            clear = ClearNamedReminderPattern().Match(s);
        }

        if (clear.Success)
        {
            return Action("set_reminder", clear.Groups["ref"].Value, new JsonObject { ["clear"] = true });
        }

        if (BeforeTaskPattern().Match(s) is { Success: true } ahead)
        {
            return Action("set_reminder", ahead.Groups["ref"].Value, new JsonObject { ["minutesBefore"] = MinutesOf(ahead) });
        }

        var set = SetReminderPattern().Match(s);
        if (!set.Success)
        {
            set = NamedReminderPattern().Match(s);
        }

        if (!set.Success)
        {
            return null;
        }

        var when = Regex.Replace(set.Groups["when"].Value, @"^for\s+", "");
        if (BeforePattern().Match(when) is { Success: true } before)
        {
            return Action("set_reminder", set.Groups["ref"].Value, new JsonObject { ["minutesBefore"] = MinutesOf(before) });
        }

        if (DaysBeforePattern().Match(when) is { Success: true } daysBefore)
        {
            // "the day before at 9": a date relative to the task's due date, resolved against the task by the assistant.
            var days = Words.TryCount(daysBefore.Groups["n"].Value, out var n) ? n : 1;
            var at = daysBefore.Groups["at"].Success && TryWhen(daysBefore.Groups["at"].Value, now, zone, out var clock) && clock.Time is { } t ? t : ReminderRules.DateOnlyAnchor;
            return Action("set_reminder", set.Groups["ref"].Value, new JsonObject
            {
                ["$daysBefore"] = days,
                ["$atTime"] = at.ToString("HH:mm", CultureInfo.InvariantCulture),
            });
        }

        if (!TryWhen(when, now, zone, out var parsed))
        {
            return NotADate(when, "remind me about 2 at 4pm");
        }

        if (TimeOnlyPattern().IsMatch(when.Trim()) && parsed.Time is { } timeOfDay && parsed.Instant is null)
        {
            // "dentist reminder at 3pm": on the day of the reminder or of the task, resolved against the task.
            return Action("set_reminder", set.Groups["ref"].Value, new JsonObject
            {
                ["$atTime"] = timeOfDay.ToString("HH:mm", CultureInfo.InvariantCulture),
                ["at"] = Iso(ZonedTime.ToUtc(parsed.Date, timeOfDay, zone)),
            });
        }

        var instant = parsed.Instant ?? ZonedTime.ToUtc(parsed.Date, parsed.Time ?? ReminderRules.DateOnlyAnchor, zone);
        return Action("set_reminder", set.Groups["ref"].Value, new JsonObject { ["at"] = Iso(instant) });
    }

    private static ChatIntent? TrySnooze(string s, DateTimeOffset now, TimeZoneInfo zone)
    {
        if (SnoozePattern().Match(s) is not { Success: true } match)
        {
            return null;
        }

        var rest = match.Groups["rest"].Value;
        string reference;
        string? duration = null;
        var forAt = rest.LastIndexOf(" for ", StringComparison.Ordinal);
        if (forAt > 0)
        {
            reference = rest[..forAt];
            duration = rest[(forAt + 5)..];
        }
        else if (TrailingDurationPattern().Match(rest) is { Success: true } trailing)
        {
            reference = trailing.Groups["ref"].Value;
            duration = trailing.Groups["dur"].Value;
        }
        else
        {
            reference = rest;
        }

        var minutes = DefaultSnoozeMinutes;
        if (duration is not null)
        {
            switch (duration.Trim())
            {
                case "half an hour":
                    minutes = 30;
                    break;
                case "an hour" or "a hour" or "one hour":
                    minutes = 60;
                    break;
                default:
                    if (!TryWhen(duration, now, zone, out var when))
                    {
                        return NotADate(duration, "snooze 1 for 10 minutes");
                    }

                    minutes = (int)Math.Round((when.ToUtc(zone, ReminderRules.DateOnlyAnchor) - now).TotalMinutes);
                    break;
            }
        }

        return Action("snooze_reminder", reference, new JsonObject { ["minutes"] = minutes });
    }

    [GeneratedRegex(@"^(?:remove|clear|delete|cancel|turn off|stop|drop|disable)\s+(?:the\s+|all\s+)?reminders?\s+(?:from|for|of|on|about)\s+(?<ref>.+)$")]
    private static partial Regex ClearReminderPattern();

    [GeneratedRegex(@"^(?:remind me (?:about|of|to do)|(?:ping|nudge|alert) me (?:about|for|of)|(?:set|add|create|give me|put) (?:a |the |an )?reminder (?:for|on|about|to))\s+(?<ref>.+?)\s+(?<when>(?:at|on|in|by|for|tomorrow|today|tonight|next|this|monday|tuesday|wednesday|thursday|friday|saturday|sunday|an?\s+hour|\d|(?:the|a|one|two|three)\s+days?\s+before).*)$")]
    private static partial Regex SetReminderPattern();

    [GeneratedRegex(@"^(?:(?:move|change|set|push|update|make)\s+)?(?:the\s+|my\s+)?(?<ref>[\p{L}\p{N}'\- ]+?)\s+reminders?\s+(?:to\s+|for\s+)?(?<when>(?:at|on|in|by|tomorrow|today|tonight|next|this|monday|tuesday|wednesday|thursday|friday|saturday|sunday|noon|\d|an?\s+hour).*)$")]
    private static partial Regex NamedReminderPattern();

    [GeneratedRegex(@"^(?:(?:turn off|cancel|remove|delete|clear|stop|drop|kill)\s+(?:the\s+|my\s+)?(?<ref>[\p{L}\p{N}'\- ]+?)\s+reminders?|no (?:more )?reminders? (?:for|on|about) (?<ref>.+)|(?:don't|do not) remind me (?:about|of) (?<ref>.+?)(?: any ?more)?)$")]
    private static partial Regex ClearNamedReminderPattern();

    [GeneratedRegex(@"^(?:at\s+)?(?:\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)?|noon|midday|midnight)$")]
    private static partial Regex TimeOnlyPattern();

    [GeneratedRegex(@"^(?<n>\d+|an|a|one)\s*(?<unit>minutes?|mins?|m|hours?|hrs?|h|days?|d)\s+(?:before|earlier|ahead)(?:\s+(?:it|the due time|it's due|it is due))?$")]
    private static partial Regex BeforePattern();

    private static int MinutesOf(Match before)
    {
        var n = before.Groups["n"].Value switch { "an" or "a" or "one" => 1, "half an" => 0, var d => int.Parse(d, CultureInfo.InvariantCulture) };
        var unit = before.Groups["unit"].Value;
        return n == 0 ? 30 : n * (unit.StartsWith('h') ? 60 : unit.StartsWith('d') ? 1440 : 1);
    }

    [GeneratedRegex(@"^(?:remind|ping|nudge|alert|warn) me\s+(?<n>\d+|an|a|one|half an)\s*(?<unit>minutes?|mins?|m|hours?|hrs?|h|days?|d)\s+(?:before|ahead of)\s+(?:the\s+|my\s+)?(?<ref>.+)$")]
    private static partial Regex BeforeTaskPattern();

    [GeneratedRegex(@"^(?:the\s+|a\s+|one\s+)?(?:(?<n>\d+|two|three|four|five|six|seven)\s+)?days?\s+before(?:\s+(?:it|it's due|it is due|that))?(?:\s+at\s+(?<at>.+))?$")]
    private static partial Regex DaysBeforePattern();

    [GeneratedRegex(@"^snooze\s+(?<rest>.+)$")]
    private static partial Regex SnoozePattern();

    [GeneratedRegex(@"^(?<ref>.+?)\s+(?<dur>\d+\s*[a-z]+|half an hour|an hour|a hour)$")]
    private static partial Regex TrailingDurationPattern();
}
