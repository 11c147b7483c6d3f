using System.Globalization;
using System.Text.RegularExpressions;
using Todo.Backend.Features.Accounts;
using Todo.Contracts.DataTransfer;
using Todo.Contracts.Tasks;
using Todo.Language;

namespace Todo.Backend.Features.DataTransfer;

/// <summary>
/// Reads a Todoist project exported as CSV ("Export as template" → CSV), in the format Todoist documents in "Format a
/// CSV file to import into Todoist" (todoist.com/help/articles/format-a-csv-file-to-import-into-todoist-UVUXTmm6):
/// columns TYPE, CONTENT, DESCRIPTION, PRIORITY, INDENT, AUTHOR, RESPONSIBLE, DATE, DATE_LANG, TIMEZONE (newer files
/// add DURATION, DURATION_UNIT, DEADLINE, DEADLINE_LANG, which we do not model); TYPE is <c>task</c>, <c>section</c>
/// or <c>note</c> (a comment on the task above); labels are <c>@name</c> words in CONTENT; DATE is what the person
/// typed ("tomorrow 5pm", "every monday"). PRIORITY is the number of Todoist's app ("p1" is 1, the highest; 4 is p4,
/// no priority), which that page states and which is the opposite of Todoist's REST API (4 = p1).
/// </summary>
internal static partial class TodoistCsvReader
{
    public static ImportPlan Read(IReadOnlyList<CsvRecords.Record> records, DateTimeOffset now, TimeZoneInfo userZone)
    {
        var plan = new ImportPlan(ImportReport.TodoistCsv);
        var header = records[0].Fields.Select(f => f.Trim().ToUpperInvariant()).ToList();
        int Column(string name) => header.IndexOf(name);
        var (type, content, description, priority, indent, date, dateLang, timezone) = (Column("TYPE"), Column("CONTENT"), Column("DESCRIPTION"),
            Column("PRIORITY"), Column("INDENT"), Column("DATE"), Column("DATE_LANG"), Column("TIMEZONE"));
        string? section = null;
        ImportTask? previous = null;
        foreach (var record in records.Skip(1))
        {
            string Cell(int column) => column >= 0 && column < record.Fields.Count ? record.Fields[column].Trim() : "";
            if (record.Fields.All(string.IsNullOrWhiteSpace))
            {
                continue; // Todoist leaves a blank line before each section.
            }

            switch (Cell(type).ToLowerInvariant())
            {
                case "task":
                    previous = ReadTask(plan, record.Line, Cell(content), Cell(description), Cell(priority), Cell(indent),
                        Cell(date), Cell(dateLang), Cell(timezone), section, now, userZone);
                    break;
                case "section":
                    // We have no sections: the section's name becomes a tag of the tasks under it, so nothing is lost.
                    section = Cell(content);
                    plan.Skipped++;
                    break;
                case "note" when previous is not null:
                    var notes = string.IsNullOrEmpty(previous.Request.Notes) ? Cell(content) : previous.Request.Notes + "\n\n" + Cell(content);
                    var updated = previous with { Request = previous.Request with { Notes = notes } };
                    plan.Tasks[^1] = updated;
                    previous = updated;
                    break;
                default:
                    plan.Skipped++;
                    plan.Warnings.Add(new ImportRowError(record.Line, Cell(type) is { Length: > 0 } other
                        ? $"TYPE \"{other}\" is not task, section or note; the row was skipped."
                        : "A row without a TYPE was skipped."));
                    break;
            }
        }

        return plan;
    }

    /// <summary>True when the header is Todoist's (TYPE and CONTENT columns).</summary>
    public static bool Recognises(IReadOnlyList<string> header)
    {
        var names = header.Select(f => f.Trim().ToUpperInvariant()).ToHashSet();
        return names.Contains("TYPE") && names.Contains("CONTENT");
    }

    private static ImportTask? ReadTask(ImportPlan plan, int row, string content, string description, string priority, string indent,
        string date, string dateLang, string timezone, string? section, DateTimeOffset now, TimeZoneInfo userZone)
    {
        var tags = LabelPattern().Matches(content).Select(m => m.Groups["label"].Value).ToList();
        var title = Spaces().Replace(LabelPattern().Replace(content, " "), " ").Trim();
        if (!string.IsNullOrWhiteSpace(section))
        {
            tags.Insert(0, section);
        }

        if (indent is { Length: > 0 } && indent != "1")
        {
            plan.Warnings.Add(new ImportRowError(row, $"INDENT {indent}: imported as a top-level task."));
        }

        var zone = userZone;
        if (timezone.Length > 0 && !AccountRules.TryFindTimeZone(timezone, out zone))
        {
            zone = userZone;
        }

        var (due, recurrence) = ReadDate(date, now, zone);
        if (date.Length > 0 && due is null)
        {
            var language = dateLang.Length > 0 && !dateLang.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? $" (DATE_LANG {dateLang}; only English is read)" : "";
            plan.Warnings.Add(new ImportRowError(row, $"DATE \"{date}\" was not understood{language}; imported without a due date."));
        }

        var task = new ImportTask(row, null, new CreateTaskRequest(title, description.Length > 0 ? description : null,
            ReadPriority(plan, row, priority), tags.Count > 0 ? tags : null, due, null, recurrence), Completed: false);
        plan.Tasks.Add(task);
        return task;
    }

    /// <summary>Todoist's p1…p4 as its app numbers them (1 highest); an empty cell is no priority.</summary>
    private static TaskPriority ReadPriority(ImportPlan plan, int row, string priority)
    {
        switch (priority)
        {
            case "": return TaskPriority.None;
            case "1": return TaskPriority.High;
            case "2": return TaskPriority.Medium;
            case "3": return TaskPriority.Low;
            case "4": return TaskPriority.None;
            default:
                plan.Warnings.Add(new ImportRowError(row, $"PRIORITY \"{priority}\" is not 1–4; imported without a priority."));
                return TaskPriority.None;
        }
    }

    /// <summary>
    /// A Todoist DATE: an ISO date (what its API and some exports write), a repeat ("every monday", read by the
    /// quick-add grammar, which knows repeats), or any other date phrase, read by <see cref="DateTimePhraseParser"/>.
    /// </summary>
    internal static (DueDto? Due, RecurrenceDto? Recurrence) ReadDate(string date, DateTimeOffset now, TimeZoneInfo zone)
    {
        if (date.Length == 0)
        {
            return (null, null);
        }

        string[] isoFormats = ["yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss"];
        if (DateTime.TryParseExact(date.TrimEnd('Z'), isoFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var iso))
        {
            return (new DueDto(DateOnly.FromDateTime(iso), date.Length > 10 ? TimeOnly.FromDateTime(iso) : null), null);
        }

        if (date.StartsWith("every", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var parsed = QuickAddParser.Parse($"task {date}", now, zone);
                if (parsed.Recurrence is { } rule && parsed.Due is { } first)
                {
                    return (new DueDto(first.Date, first.Time), RecurrenceMapper.ToDto(rule));
                }
            }
            catch (ArgumentException)
            {
                // A repeat the grammar matched but cannot place (an impossible date): read as "not understood".
            }
        }

        return DateTimePhraseParser.TryParse(date, now, zone, out var when)
            ? (new DueDto(when.Date, when.Time), null)
            : (null, null);
    }

    [GeneratedRegex(@"(?<=^|\s)@(?<label>[\p{L}\p{N}_\-\.]+)")]
    private static partial Regex LabelPattern();

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex Spaces();
}
