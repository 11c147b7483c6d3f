using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Todo.Contracts;

namespace Todo.Language.Chat;

// Commands that change a task's repeat rule or due date ("$" arguments shift the date it has).
internal static partial class ChatInterpreter
{
    private const string Rule = @"(?<rule>(?:every|each)\s+.+|daily|weekly|monthly|yearly|annually|every ?day|weekdays)";

    private static readonly Regex[] RepeatPatterns =
    [
        new(@"^(?:make|set|have)\s+(?<ref>.+?)\s+(?:to\s+)?(?:repeat|recur|happen)\s+" + Rule + "$"),
        new(@"^(?<ref>.+?)\s+should\s+(?:repeat|recur|happen)\s+" + Rule + "$"),
        new(@"^repeat\s+(?<ref>.+?)\s+" + Rule + "$"),
        new(@"^make\s+(?<ref>.+?)\s+(?:a\s+)?" + Rule + @"(?:\s+(?:task|thing))?$"),
        new(@"^(?:change|switch|set)\s+(?<ref>.+?)\s+to\s+(?:repeat\s+)?" + Rule + "$"),
    ];

    private static readonly Regex StopRepeat = new(
        @"^(?:stop|end|cancel|remove|turn off)\s+(?:repeating|the\s+repeat(?:s|ing)?|the\s+recurrence|recurring)\s+(?:(?:of|on|for)\s+)?(?<ref>.+)$|" +
        @"^(?:don't|do not)\s+repeat\s+(?<ref>.+)$|" +
        @"^(?<ref>.+?)\s+(?:doesn't|does not|shouldn't|should not|no longer needs to|don't|do not)\s+(?:need to\s+)?(?:repeat|recur)(?:\s+any ?more)?$|" +
        @"^(?<ref>.+?)\s+should\s+(?:only\s+)?happen\s+(?:just\s+)?once\b.*$|" +
        @"^make\s+(?<ref>.+?)\s+(?:a\s+)?one[- ]off$");

    private static ChatIntent? TryRepeat(string s, DateTimeOffset now, TimeZoneInfo zone)
    {
        if (StopRepeat.Match(s) is { Success: true } stop)
        {
            return Action("update_task", stop.Groups["ref"].Value, new JsonObject { ["clearRecurrence"] = true });
        }

        foreach (var pattern in RepeatPatterns)
        {
            if (pattern.Match(s) is not { Success: true } m)
            {
                continue;
            }

            var rule = m.Groups["rule"].Value;
            rule = rule switch { "annually" => "yearly", "everyday" => "every day", _ => rule };
            var parsed = QuickAddParser.Parse("x " + rule, now, zone);
            if (parsed.Recurrence is not { } recurrence)
            {
                continue;
            }

            var arguments = new JsonObject { ["recurrence"] = JsonSerializer.SerializeToNode(RecurrenceMapper.ToDto(recurrence), TodoJson.Options) };
            if (parsed.Due is { } first)
            {
                arguments["$dueIfNone"] = first.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            }

            return Action("update_task", m.Groups["ref"].Value, arguments);
        }

        return null;
    }

    private static readonly Regex ClearDue = new(
        @"^(?:remove|clear|delete|drop|take off|unset)\s+(?:the\s+)?(?:due\s+)?date\s+(?:from|on|of|for)\s+(?<ref>.+)$|" +
        @"^no\s+(?:due\s+)?date\s+(?:for|on)\s+(?<ref>.+)$|" +
        @"^(?<ref>.+?)\s+(?:doesn't|does not)\s+(?:need|have)\s+(?:a\s+)?(?:due\s+)?(?:date|deadline)(?:\s+any ?more)?$|^unschedule\s+(?<ref>.+)$|" +
        @"^(?<ref>.+?)\s+(?:has|have)\s+no\s+(?:due\s+date|date|deadline)(?:\s+any ?more|\s+now)?$|^no\s+deadline\s+(?:for|on)\s+(?<ref>.+)$");

    private static readonly Regex Shift = new(@"^(?:push|move|put|set)\s+(?<ref>.+?)\s+back\s+(?:by\s+)?(?<n>a|an|one|two|three|\d+)\s+(?<unit>days?|weeks?)$|^(?:delay|postpone|push|shift)\s+(?<ref>.+?)\s+(?:by|for)\s+(?<n>a|an|one|two|three|\d+)\s+(?<unit>days?|weeks?)$");

    private static readonly Regex[] DueWhenPatterns =
    [
        new(@"^(?!(?:what|which|when|is|are|do|does|any|anything|how)\b)(?<ref>.+?)(?:\s+is|'s)\s+(?:now\s+)?due\s+(?<when>.+?)(?:\s+now|\s+instead)?$"),
        new(@"^(?:change|set|move|update)\s+(?:the\s+)?(?:due\s+)?date\s+(?:of|for|on)\s+(?<ref>.+?)\s+to\s+(?<when>.+)$"),
        new(@"^set\s+(?<ref>.+?)\s+(?:due|for|to)\s+(?<when>.+)$"),
        new(@"^make\s+(?<ref>.+?)\s+(?:due\s+)?(?<when>(?:at|on|due|for)\s+.+)$"),
        new(@"^make\s+(?<ref>.+?)\s+due\s+(?<when>.+)$"),
        new(@"^i'?(?:ll| will)\s+do\s+(?<ref>.+?)\s+(?<when>(?:on|at|by|tomorrow|today|tonight|next|this|in)\b.*?)(?:\s+instead)?$"),
        // "I'll write the report on tuesday": the verb is part of how the task is named.
        new(@"^i'?(?:ll| will)\s+(?!do\s)(?<ref>[a-z]+\s+.+?)\s+(?<when>(?:on|by|tomorrow|today|tonight|next|this)\b.*?)(?:\s+instead)?$"),
        new(@"^(?:do|schedule)\s+(?<ref>.+?)\s+(?<when>(?:on|tomorrow|next)\b.*?)\s+instead$"),
        new(@"^(?:can|could|will)?\s*(?<ref>.+?)\s+(?:can|could|will)?\s*wait\s+(?:until|till|til|for)\s+(?<when>.+)$"),
        // Statements of the new time: "the dentist call should be tomorrow at 10 instead", "the meeting is on friday now".
        new(@"^(?!(?:what|which|when|is|are|do|does)\b)(?<ref>.+?)\s+(?:should|can|could|needs to|has to|must|will)\s+be\s+(?:done\s+|moved\s+to\s+|due\s+)?(?<when>.+?)(?:\s+instead|\s+now)?$"),
        new(@"^(?!(?:what|which|when|is|are|do|does)\b)(?<ref>.+?)\s+is\s+(?:now\s+|actually\s+)?(?<when>(?:on|at|for)\s+.+?)(?:\s+instead|\s+now)?$"),
        // "the haircut's been moved to the 27th", "dentist moved to thursday 2pm": a change reported as done.
        new(@"^(?!(?:what|which|when)\b)(?<ref>.+?)(?:'s|\s+has|\s+is|\s+was|\s+got)?(?:\s+been)?\s+(?:moved|pushed|postponed|rescheduled|changed|shifted|delayed|put off|pushed back)\s+(?:back\s+)?(?:to|till|until|til|for)\s+(?<when>.+)$"),
        // "call grandma on monday instead", "the trash goes out tuesday this week": a task and its new day.
        new(@"^(?!(?:what|which|when|is|are|do|does|add|remind)\b)(?<ref>.+?)\s+(?<when>(?:on|at)\s+.+?|tomorrow.*?|next\s+.+?|(?:mon|tues|wednes|thurs|fri|satur|sun)day.*?)\s+instead$"),
        new(@"^(?!(?:what|which|when)\b)(?<ref>.+?)\s+(?:goes|go|gets done|happens|is happening|takes place)(?:\s+out)?\s+(?<when>(?:on\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|tomorrow|today|tonight|next|this)\b.*)$"),
        // A follow-up about the task just talked of: "actually make that friday", "change it to 3pm".
        new(@"^(?:make|change|move|switch|set)\s+(?<ref>it|that|this|that one|this one)\s+(?:to\s+|for\s+)?(?<when>.+)$"),
    ];

    private static ChatIntent? TryDueChange(string s, DateTimeOffset now, TimeZoneInfo zone)
    {
        if (ClearDue.Match(s) is { Success: true } clear)
        {
            return Action("update_task", clear.Groups["ref"].Value, new JsonObject { ["clearDue"] = true });
        }

        if (Shift.Match(s) is { Success: true } shift)
        {
            var n = shift.Groups["n"].Value switch { "a" or "an" or "one" => 1, "two" => 2, "three" => 3, var d => int.Parse(d, CultureInfo.InvariantCulture) };
            var days = shift.Groups["unit"].Value.StartsWith('w') ? n * 7 : n;
            return Action("update_task", shift.Groups["ref"].Value, new JsonObject { ["$shiftDays"] = days });
        }

        foreach (var pattern in DueWhenPatterns)
        {
            if (pattern.Match(s) is { Success: true } m && TryWhen(m.Groups["when"].Value, now, zone, out var parsed))
            {
                return Action("update_task", m.Groups["ref"].Value, DueArguments(parsed, zone, m.Groups["when"].Value));
            }
        }

        return null;
    }

    [GeneratedRegex(@"^(?:to\s+|on\s+)?next\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day\b")]
    private static partial Regex NextWeekdayPhrase();

    [GeneratedRegex(@"^(?:at\s+)?(?:\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)?|\d{1,2}h\d{0,2}|noon|midday|midnight)$")]
    private static partial Regex TimeOnlyPhrase();

    private static JsonObject DueArguments(ParsedWhen parsed, TimeZoneInfo zone, string? phrase = null)
    {
        var (date, time) = Local(parsed, zone);
        if (time is { } only && phrase is not null && TimeOnlyPhrase().IsMatch(phrase.Trim()))
        {
            // "make it 3pm": the time of day changes, the task keeps its date (update_task completes it).
            return new JsonObject { ["dueTime"] = only.ToString("HH:mm", CultureInfo.InvariantCulture) };
        }

        var arguments = new JsonObject { ["dueDate"] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
        if (time is { } t)
        {
            arguments["dueTime"] = t.ToString("HH:mm", CultureInfo.InvariantCulture);
        }

        if (phrase is not null && NextWeekdayPhrase().IsMatch(phrase.Trim()))
        {
            // "push the haircut to next saturday" when it already is on the coming Saturday: the one after.
            arguments["$weekLaterIfSame"] = true;
        }

        return arguments;
    }
}
