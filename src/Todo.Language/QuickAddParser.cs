using Todo.Language.Parsing;

namespace Todo.Language;

/// <summary>
/// Reads a quick-add line such as "Call mom tomorrow 5pm every week !high #family" into a title, due date,
/// reminder, priority, tags and repeat rule. Shared by the web quick-add bar and the chat assistant.
/// </summary>
/// <remarks>
/// <para>Choices where English is ambiguous:</para>
/// <list type="bullet">
/// <item>"friday" and "next friday" are the next Friday strictly after today (Todoist's meaning); "this friday"
/// is today when today is Friday. "sat" and "sun" count only after a lead-in ("on sat", "next sun", "every sun").</item>
/// <item>"next week" is Monday of next week, "next month" the 1st of next month, "this weekend" the coming Saturday
/// (today on a weekend day), "end of week" Sunday (weeks run Monday to Sunday), "end of month" the month's last day.</item>
/// <item>"the 31st" is the next date on or after today with that day; months without it are skipped, not clamped.
/// "dec 25" without a year is the next Dec 25 on or after today; "feb 29" waits for the next leap year.</item>
/// <item>"12/25" is month/day (US). A time alone is today while still ahead, otherwise tomorrow. "at 5" is 17:00:
/// a bare hour 1–7 after "at" is read as afternoon, 8–11 as morning.</item>
/// <item>"in 2 hours" is elapsed time (correct across DST changes); "in 3 days" is a date without a time.</item>
/// <item>A repeating task without a date starts at the rule's first occurrence on or after today (tomorrow if a
/// time was given and it has passed today).</item>
/// <item>Dates in the past ("yesterday", "2020-01-01") and impossible dates ("feb 30") are not used: they stay in
/// the title and produce a warning. A second date, time, priority word or repeat rule is ignored the same way.</item>
/// <item>"remind me" with no time of its own reminds at the due time, or at 09:00 on a due date without a time.
/// With no other date, what follows "remind me" ("remind me at 5pm") is also the due date and time.</item>
/// <item>Words inside quotes ('The Monday Murders', "at 5") are never recognised.</item>
/// </list>
/// </remarks>
public static class QuickAddParser
{
    /// <summary>Parses <paramref name="text"/> relative to <paramref name="now"/> in the user's <paramref name="zone"/>.</summary>
    /// <param name="text">What the user typed. Any string is accepted; nothing in it makes the parser throw.</param>
    /// <param name="now">The current instant (take it from an injected <see cref="TimeProvider"/>).</param>
    /// <param name="zone">The user's time zone; relative phrases resolve in it.</param>
    /// <returns>The result; <see cref="QuickAddResult.Title"/> is never empty unless <paramref name="text"/> is blank.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="text"/> or <paramref name="zone"/> is null.</exception>
    public static QuickAddResult Parse(string text, DateTimeOffset now, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(zone);
        try
        {
            return ParseCore(text, new ParseContext(now, zone));
        }
        catch (ArgumentOutOfRangeException)
        {
            // Only reachable with a "now" within months of year 9999, where date arithmetic runs off the calendar.
            return new QuickAddResult { Title = text.Trim(), Warnings = ["dates could not be read this close to the end of the calendar"] };
        }
    }

    private static QuickAddResult ParseCore(string text, ParseContext context)
    {
        var scanner = new QuickAddScanner(text, context);
        scanner.Scan();
        var recurrence = scanner.BuildRecurrence();
        var due = scanner.BuildDue(recurrence);
        var reminder = scanner.BuildReminder(due);
        var spans = scanner.Spans.OrderBy(s => s.Start).ToArray();

        var title = TitleBuilder.Build(text, spans);
        if (title.Length == 0)
        {
            // Everything was recognised ("tomorrow 5pm"): keep the words, lose only the markup.
            title = TitleBuilder.Build(text, spans.Where(s => s.Kind is SpanKind.Tag or SpanKind.Priority));
        }

        if (title.Length == 0)
        {
            title = text.Trim();
        }

        return new QuickAddResult
        {
            Title = title,
            Due = due,
            Reminder = reminder,
            Priority = scanner.Priority,
            Tags = [.. scanner.Tags],
            Recurrence = recurrence,
            Spans = spans,
            Warnings = [.. scanner.Warnings],
        };
    }
}
