using Todo.Contracts.Tasks;

namespace Todo.Contracts.DataTransfer;

/// <summary>
/// Everything a user owns, as <c>GET /api/export?format=json</c> writes it and <c>POST /api/import</c> reads it back.
/// <see cref="Format"/> is always <see cref="FormatName"/>; <see cref="Version"/> changes only when a reader of an older
/// version could misread the file (new optional fields keep the version).
/// </summary>
/// <param name="Format">Always <c>todo-export</c>.</param>
/// <param name="Version">The format's version, <see cref="CurrentVersion"/> for files this build writes.</param>
/// <param name="ExportedAt">When the export was written (UTC).</param>
/// <param name="Projects">The user's projects in sidebar order, the Inbox first.</param>
/// <param name="Tasks">Every task, open ones first, then completed ones newest first.</param>
public sealed record TodoExport(string Format, int Version, DateTimeOffset ExportedAt, IReadOnlyList<ExportedProject> Projects, IReadOnlyList<ExportedTask> Tasks)
{
    /// <summary>The <c>format</c> of every export file.</summary>
    public const string FormatName = "todo-export";

    /// <summary>The version this build writes and the newest it reads.</summary>
    public const int CurrentVersion = 1;
}

/// <summary>A project in an export.</summary>
/// <param name="Id">Its id in the exporting account (<c>inbox</c> for the Inbox); an import makes new ids.</param>
/// <param name="Name">Its name.</param>
/// <param name="Color">Colour <c>#rrggbb</c>, or null.</param>
/// <param name="Archived">Whether it is archived.</param>
/// <param name="IsInbox">True for the Inbox.</param>
public sealed record ExportedProject(string Id, string Name, string? Color, bool Archived, bool IsInbox);

/// <summary>A task in an export: what the user wrote, without derived values (due instants, versions).</summary>
/// <param name="Id">Its id in the exporting account; an import makes new ids.</param>
/// <param name="ProjectId">The <see cref="ExportedProject.Id"/> of its project.</param>
/// <param name="Project">The project's name (so a person reading the file or a spreadsheet sees it).</param>
/// <param name="Title">The title.</param>
/// <param name="Notes">Notes, or null.</param>
/// <param name="Priority">none, low, medium or high.</param>
/// <param name="Tags">Tags.</param>
/// <param name="Due">Due date and optional time, in the owner's time zone.</param>
/// <param name="Reminder">The reminder, if any.</param>
/// <param name="Recurrence">How it repeats, if it does.</param>
/// <param name="Completed">Whether it is done.</param>
/// <param name="CompletedAt">When it was done (UTC).</param>
/// <param name="CreatedAt">When it was created (UTC).</param>
public sealed record ExportedTask(
    string Id,
    string ProjectId,
    string Project,
    string Title,
    string? Notes,
    TaskPriority Priority,
    IReadOnlyList<string> Tags,
    DueDto? Due,
    ReminderDto? Reminder,
    RecurrenceDto? Recurrence,
    bool Completed,
    DateTimeOffset? CompletedAt,
    DateTimeOffset CreatedAt);

/// <summary>What an import did: <c>POST /api/import</c>'s answer.</summary>
/// <param name="ImportId">The import's id (the <c>Idempotency-Key</c> sent, or one derived from the file).</param>
/// <param name="Format">What the file was read as: <c>todo-export</c> or <c>todoist-csv</c>.</param>
/// <param name="Created">Tasks created.</param>
/// <param name="Skipped">Rows that are not tasks (Todoist sections, notes, empty rows) or tasks left out after an error.</param>
/// <param name="ProjectsCreated">Projects created (an existing project of the same name is reused).</param>
/// <param name="Errors">Each row that could not be imported, with why.</param>
/// <param name="Warnings">Rows imported with something left out (a date that could not be read, a reminder already past).</param>
/// <param name="Repeated">True when this is the stored answer of an earlier call with the same import id.</param>
public sealed record ImportReport(
    string ImportId,
    string Format,
    int Created,
    int Skipped,
    int ProjectsCreated,
    IReadOnlyList<ImportRowError> Errors,
    IReadOnlyList<ImportRowError> Warnings,
    bool Repeated = false)
{
    /// <summary>The <see cref="Format"/> of a Todoist CSV export.</summary>
    public const string TodoistCsv = "todoist-csv";
}

/// <summary>One row (CSV: the line's record number counting the header as 1; JSON: the task's position from 1) that failed.</summary>
/// <param name="Row">The row number.</param>
/// <param name="Message">What was wrong, in words a person can act on.</param>
public sealed record ImportRowError(int Row, string Message);

/// <summary>The user's calendar feed: whether one exists and since when (the token itself is shown only once).</summary>
/// <param name="Active">True when a feed token exists.</param>
/// <param name="CreatedAt">When it was made.</param>
public sealed record CalendarFeedInfo(bool Active, DateTimeOffset? CreatedAt);

/// <summary>A new calendar feed token: <c>POST /api/feed</c>'s answer, the only time the token is shown.</summary>
/// <param name="Token">The secret that goes into the feed URL (<c>/ical/{token}.ics</c>).</param>
/// <param name="CreatedAt">When it was made.</param>
public sealed record CreatedCalendarFeed(string Token, DateTimeOffset CreatedAt);
